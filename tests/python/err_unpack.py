# Unpacking a sequence of the wrong length.
a, b = [1, 2]
print(a, b)
first, *rest = "x"
print(first, rest)
a, b = [1, 2, 3]
