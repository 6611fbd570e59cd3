# `*` applied to something that is not iterable.
def total(*values):
    return sum(values)
print(total(*[1, 2, 3]), total(*range(4)), total(*(v * v for v in range(3))))
count = 5
print(total(*count))
