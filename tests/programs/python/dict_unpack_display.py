defaults = {"a": 1}
merged = {**defaults, "b": 2}
print(merged)
