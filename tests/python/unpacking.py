def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
def unpack2(v):
    a, b = v
    return a, b
def unpack_star(v):
    a, *b, c = v
    return a, b, c
show(lambda: unpack2([1]))
show(lambda: unpack2([1, 2, 3]))
show(lambda: unpack2(5))
show(lambda: unpack2("ab"))
show(lambda: unpack2({"x": 1, "y": 2}))
show(lambda: unpack2(x for x in range(2)))
show(lambda: unpack2(x for x in range(3)))
show(lambda: unpack_star([1]))
show(lambda: unpack_star([1, 2]))
show(lambda: unpack_star(range(5)))
show(lambda: unpack_star(None))
t = (1, 2, 3)
show(lambda: t[5])
show(lambda: t["a"])
show(lambda: t + [1])
show(lambda: t * 1.5)
show(lambda: t < (1, "a"))
show(lambda: (1, 2) < (1, 2, 3) < (2,))
show(lambda: t.index(9))
show(lambda: hash((1, [2])))
show(lambda: {(1, [2]): 3})
show(lambda: tuple(5))
print((), (1,), (1, 2), ((),), tuple([[]]), repr((1.0, "a", None)), str(("x",)))
print(t[::-1], t[::2], t[-2:], t[5:], t[:0], t[1:-1], (1, 2) * 0, () * 5)
print((1, 2) == [1, 2], (1, 2) == (1.0, 2.0), (1, (2, 3)) < (1, (2, 4)), (0,) < (0, 0), () < (0,))
print(max([(1, "b"), (1, "a")]), sorted([(2, 1), (1, 2), (1, 1)]), min((3, 2), (3, 1)))
a = b = c = 0
a, (b, c) = 1, [2, 3]
print(a, b, c)
[d, e] = "de"
print(d, e)
(f,) = [9]
print(f)
x = [0, 0, 0]
x[0], x[1] = 5, 6
print(x)
dd = {}
dd["a"], dd["b"] = 1, 2
print(dd)
i = 0
i, x[i] = 2, 7
print(i, x)
for a, (b, *c) in [(1, (2, 3, 4)), (5, (6,))]:
    print(a, b, c)
*a, = [1, 2]
print(a)
first, *_ = "hello"
print(first, _)
m = n = []
m.append(1)
print(n, m is n)
p, q = q_init = (3, 4)
print(p, q, q_init)
for k, v in {"x": 1}.items():
    print(k, v)
for i, (k, v) in enumerate({"y": 2}.items()):
    print(i, k, v)
def swap(a, b):
    a, b = b, a
    return a, b
print(swap(1, 2))
lst = [1, 2, 3]
lst[0], lst[2] = lst[2], lst[0]
print(lst)
del lst[0], lst[0]
print(lst)
