# Lists of bools (and of ints and floats) are stored compactly; every operation
# must behave exactly as on a list of general values, and a store of another
# kind of value must switch the storage without changing any item.


def show(label, xs):
    print(label, xs, len(xs), [type(x).__name__ for x in xs[:4]])


# A bool list receiving values of other kinds.
for other in [1, 0, 2.5, -0.0, None, "s", (1,), [True], 10**30]:
    xs = [True, False] * 3
    xs[1] = other
    show("set", xs)
    xs[2] = True
    xs[-1] = False
    show("after", xs)

# 1 stored into a bool list stays 1 (True == 1, but it must not become True).
xs = [True] * 4
xs[0] = 1
xs[1] = 0
print(xs, xs[0] is True, xs[0] == True, xs[2] is True)
xs[2] = True
print(xs, xs.count(True), xs.count(1), xs.index(0), xs.index(True))

# An int list receiving a bool, a float, a big int.
for other in [True, False, 1.0, -0.0, 2**63, -(2**64), None]:
    ys = [1, 2, 3, 4]
    ys[2] = other
    show("ints", ys)
    ys.append(5)
    show("ints+", ys)

# A float list receiving an int and a bool.
for other in [1, True, float("inf"), None]:
    zs = [0.5, -0.0, 1e300]
    zs[0] = other
    show("floats", zs)

# Growth by append from empty, and switching when a different kind arrives.
g = []
for i in range(20):
    g.append(i % 3 == 0)
print(g, len(g))
g.append(7)
print(g[-3:], len(g))
h = []
h.append(1)
h.append(True)
h.append(2.5)
print(h)
e = []
e.append(False)
e.append("x")
e.append(True)
print(e)

# Comprehensions, list(), literals.
c = [i % 2 == 0 for i in range(7)]
print(c, list(c), list((True, False)), [not b for b in c])
print([x > 2 for x in [1, 2, 3, 4]], [True, 1, 1.0])

# Slicing, repeat, concatenation.
b = [True, False, False, True, True]
print(b[1:4], b[::-1], b[::2], b[-2:], b[10:], b[:0])
print(b * 2, b * 0, b * -1, 2 * [False], [True] * 3 + [1], [1] + [True] * 2)
print(b + b, b + [None], [None] + b, b + [], [] + b)
r = [False] * 3
r *= 2
print(r)
r += [True]
print(r)
r += [3]
print(r)
r += (False,)
print(r)

# Slice assignment and deletion.
s = [True] * 8
s[1:3] = [False, False, False]
print(s)
s[::2] = [0] * len(s[::2])
print(s)
s = [True] * 6
s[2:4] = ["a"]
print(s)
s = [True, False] * 3
del s[1]
print(s)
del s[::2]
print(s)
del s[:]
print(s)
s.append(True)
print(s)

# Sorting, reversing, copying.
t = [True, False, True, False, False]
t.sort()
print(t)
t.sort(reverse=True)
print(t)
t.reverse()
print(t)
print(sorted([True, False, 0, 1, 0.5]), sorted(t, key=lambda v: not v))
u = t.copy()
u[0] = None
print(t, u)
v = t[:]
v.append(2)
print(t, v)

# Membership, index, count (identity first: nan).
nan = float("nan")
n = [nan, 1.0, -0.0]
print(nan in n, 0.0 in n, 0 in n, False in n, n.index(0), n.count(0.0))
print(1 in [True], True in [1], 2 in [True], 1.0 in [True, False], None in [False])
print([False, True].index(1), [True, True].count(1.0), [0, 1].index(True))
try:
    [True, False].index(None)
except ValueError as err:
    print("ValueError", err)
try:
    [True].remove(2)
except ValueError as err:
    print("ValueError", err)

# Equality and ordering against mixed lists.
print([True, False] == [1, 0], [True, False] == [1.0, 0.0], [True] == [True], [True] != [False])
print([True, False] < [True, True], [False] < [0, 1], [True] > [0.5], [1, 2] == [1, 2.0])
print([-0.0] == [0.0], [nan] == [nan], [nan, 1.0] != [nan, 2])

# Other list methods keep the items.
m = [True, False]
m.insert(0, False)
m.insert(100, True)
print(m, m.pop(), m.pop(0), m)
m.insert(1, 5)
print(m)
m.extend([True, False])
print(m)
m.clear()
m.extend([False, False])
print(m)
m.remove(False)
print(m)

# Iteration, unpacking, builtins.
for i, flag in enumerate([True, False]):
    print(i, flag)
a1, a2, a3 = [False, True, False]
print(a1, a2, a3, sum([True] * 5), any([False] * 3), all([True] * 3), max([False, True]))
print(list(reversed([True, False, False])), tuple([True, False]), list(zip([True], [False])))
print(str([True]), repr([False, True]), "%s" % [True], f"{[True, None]}")
print(len([True] * 1000), [True] * 1000 == [True] * 1000, ([True] * 1000).count(True))


def f(*args):
    return args


print(f(*[True, False]), f(*[1, 2]))
nested = [[True] * 2 for _ in range(2)]
nested[0][1] = 3
print(nested)
big = [True] * 100000
big[99999] = False
print(big.count(False), big[-1], big.index(False), len(big))
big[5] = 0.5
print(big[:7], big.count(0.5))
try:
    print([True][1])
except IndexError as err:
    print("IndexError", err)
try:
    b = [True]
    b[3] = False
except IndexError as err:
    print("IndexError", err)
