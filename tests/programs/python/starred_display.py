first = [1, 2]
both = [*first, 3]
print(both)
