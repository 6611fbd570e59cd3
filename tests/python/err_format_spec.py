# A format spec that does not fit the value is a ValueError.
name = "rhodium"
print(f"{name:>10}|{len(name):03d}")
print(f"{name:d}")
