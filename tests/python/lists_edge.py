def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
xs = list(range(10))
print(xs[::-1], xs[::-2], xs[-1:-11:-1], xs[5:0:-1], xs[5::-1], xs[:5:-1], xs[-3::-3], xs[9:-100:-4])
print(xs[2:8:3], xs[-100:100:7], xs[3:3], xs[5:2], xs[None:None:None])
show(lambda: xs[::0])
show(lambda: xs[1.5:])
show(lambda: xs["a"])
show(lambda: xs[1.0])
show(lambda: xs[10])
show(lambda: xs[-11])
show(lambda: xs[True])
def sa(l, s, v):
    l = l[:]
    try:
        exec_ = None
        l[s[0]:s[1]:s[2]] = v
        print(l)
    except Exception as e:
        print(type(e).__name__ + ":", e)
ys = list(range(6))
sa(ys, (None, None, 2), ["a", "b", "c"])
sa(ys, (None, None, 2), ["a", "b"])
sa(ys, (None, None, -1), list("abcdef"))
sa(ys, (None, None, -2), list("xyz"))
sa(ys, (None, None, -2), list("xy"))
sa(ys, (1, 3, None), [])
sa(ys, (1, 3, None), "hello")
sa(ys, (1, 3, 1), "hi")
sa(ys, (5, 1, None), [9, 9])
sa(ys, (None, None, None), ys)
sa(ys, (None, None, 2), 5)
sa(ys, (None, None, None), 5)
sa(ys, (None, None, 0), [])
sa(ys, (10, 20, 2), [])
sa(ys, (10, 20, 2), [1])
sa(ys, (-2, None, None), (7, 8, 9))
sa(ys, (None, None, 3), range(2))
z = [1, 2, 3]
z[:] = z
print(z)
z[1:2] = z
print(z)
z = [0, 1, 2, 3, 4, 5, 6, 7]
del z[::3]; print(z)
z = [0, 1, 2, 3, 4, 5, 6, 7]
del z[::-3]; print(z)
z = [0, 1, 2, 3, 4, 5, 6, 7]
del z[-2:]; print(z)
del z[10:]; print(z)
del z[:]; print(z)
z = [0, 1, 2]
try:
    del z[5]
except IndexError as e:
    print("IndexError:", e)
try:
    del z[::0]
except ValueError as e:
    print("ValueError:", e)
a = [1, 2, 3, 4]
del a[0], a[1]
print(a)
x = 5
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
d = {"a": 1, "b": 2}
del d["a"], d["b"]
print(d)
l = [3, 1, 2]
show(lambda: l.pop(5))
show(lambda: [].pop())
show(lambda: l.remove(9))
show(lambda: l.index(9))
show(lambda: l.index(3, 1))
show(lambda: [1, 2, 3, 1].index(1, 1))
show(lambda: [1, 2, 3, 1].index(1, -2, -1))
show(lambda: l.insert(1))
show(lambda: l.sort(1))
show(lambda: [1, "a"].sort())
show(lambda: sorted([1, None]))
show(lambda: sorted([3, 1, 2], key=lambda v: v, reverse=1))
show(lambda: l.count())
show(lambda: l.extend(5))
show(lambda: l.append())
show(lambda: [1] * "a")
show(lambda: [1] + 1)
show(lambda: [1] < 1)
show(lambda: [1, 2] < [1, "a"])
show(lambda: [1, 2] == [1, "a"])
show(lambda: [] * -1)
show(lambda: list(5))
show(lambda: list("ab", "c"))
pairs = [(1, "b"), (0, "a"), (1, "a"), (0, "b"), (2, "c"), (1, "c")]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[0], reverse=True))
ws = ["bb", "a", "ccc", "dd", "e", "fff"]
ws.sort(key=len, reverse=True); print(ws)
ws.sort(key=len); print(ws)
print(sorted([3.5, 1, True, 2, False]), sorted([-0.0, 0, 0.0]))
print(sorted("hello", reverse=True), sorted((3, 2, 1)), sorted({3: 1, 1: 2}), sorted({"b", "a"}))
print(min([3, 1, 2], key=lambda v: -v), max([], default=None), min((), default=5), max("abc", key=ord))
print(min(1, 2, key=lambda v: -v), max(1, 2, 3, key=lambda v: v % 3), min([[1], [0]]), max([1, 1.0]), max([1.0, 1]))
print(min([(1, "b"), (1, "a")]), max(["a", "b"], default="z"))
show(lambda: min())
show(lambda: max([]))
show(lambda: min([]))
show(lambda: max(1))
show(lambda: min(1, 2, default=0))
show(lambda: max([1, "a"]))
show(lambda: max(1, 2, foo=3))
show(lambda: sum(["a", "b"]))
show(lambda: sum([1], "a"))
show(lambda: sum(5))
print(sum([1.5, 2]), sum([], 5), sum([True, True]), sum((x for x in range(3)), 10), sum([[1]], start=[0]))
print(sum([0.1] * 10), sum([1e100, 1.0, -1e100]))
print(any(x > 2 for x in [1, 2, 3]), all(x for x in []), any(""), all("abc"))
print(list(enumerate([], 5)), list(enumerate("ab", -1)), list(enumerate("ab", start=10)))
print(list(zip("abc", [1, 2], (True, False, None))), list(zip([1])), list(zip([], [1])))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(str, range(3))), list(filter(None, [0, 1, "", "a", None, [], [0]])))
print(list(reversed([])), list(reversed((1, 2))))
show(lambda: reversed(5))
show(lambda: list(map(None, [1])))
show(lambda: list(zip(1)))
show(lambda: list(enumerate(1)))
show(lambda: list(filter(lambda v: v, 3)))
l = [1, 2, 3]
l2 = l.copy(); l2.append(4); print(l, l2)
l.reverse(); print(l)
l.clear(); print(l, len(l))
print([1, 2, 3] * 2, 2 * [1], [1, [2]] == [1, [2]], [1, 2] > [1], [[]] * 3)
print([1, 2] <= [1, 2], [1, 2] >= [1, 3], [] == [], [] != [], [1.0] == [1])
nan = float("nan")
print([nan] == [nan], nan in [nan], [nan].count(nan))
print(3 in [1, 2, 3.0], "a" in ["a"], None in [None], [1] in [[1]], (1,) in [(1,)])
lst = [1, 2, 3]
lst += [4]
lst += (5,)
lst += "ab"
print(lst)
lst *= 2
print(lst)
m = [1, 2, 3, 4, 5]
print(m.pop(), m.pop(0), m.pop(-1), m)
m.insert(-100, 0); m.insert(2, "x"); print(m)
m[0] = m; print(m)
print(list(range(5))[-2], [1, 2, 3][-3])
print(repr([1.0, "a'b", None, (1,), [], {}, True, -0.0, 1e16]))
