word = "café"
print(f"{word!a}")
