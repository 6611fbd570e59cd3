# Tuples: literals, indexing, slicing, comparison, hashing, unpacking.
t = (1, "two", 3.0)
empty = ()
single = (5,)
print(t, empty, single, len(t), t[1], t[-1], t[::-1], t[1:])
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9), (1, 2) == (1, 2), (1,) != (1, 0))
print(hash((1, 2)) == hash((1, 2)), (1, 2) + (3,), (0,) * 3, 2 in (1, 2), t.index("two"), (1, 1, 2).count(1))
a, b = 1, 2
a, b = b, a
print(a, b)
(x, y), z = (1, 2), 3
print(x, y, z)
first, *rest = (10, 20, 30)
*init, last = [1, 2, 3, 4]
head, *mid, tail = "abcde"
lone, *nothing = [7]
print(first, rest, init, last, head, mid, tail, lone, nothing)
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v)
for p, *q in [(1, 2, 3), (4,)]:
    print(p, q)
d = {(1, 2): "pair", (0,): "one"}
print(d[(1, 2)], d[(0,)], (1, 2) in d)
print(tuple([1, 2]), tuple("ab"), tuple(range(3)), tuple())
print(divmod(7, 2), sorted([(2, "b"), (1, "z"), (2, "a")]))
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], nested)
