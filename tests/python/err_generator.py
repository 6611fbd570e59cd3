# An error raised inside a generator expression consumed by sum().
values = [4, 2, 0, 1]
print(sum(10 // v for v in values[:2]))
print(sum(10 // v for v in values))
