# Iterators and generators consumed by built-ins: laziness, exhaustion, StopIteration, errors inside.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
def gen(n):
    for i in range(n):
        print("yield", i)
        yield i
print(sum(gen(3)))
print(list(zip(gen(2), "abc")))
m = map(lambda v: v * 2, gen(2))
print("map made")
print(list(m), list(m))
f = filter(None, gen(3))
print(next(f), list(f))
it = iter([1, 2])
print(next(it), next(it), next(it, "done"))
show(lambda: next(it))
show(lambda: next([1]))
show(lambda: next(5))
print(",".join(str(i) for i in gen(2)))
print(sorted(gen(3), key=lambda v: -v), min(gen(2)), max(gen(2), key=lambda v: v % 2))
print(any(v > 0 for v in gen(3)), all(v < 1 for v in gen(3)))
print(dict(enumerate(gen(2))), tuple(reversed(list(gen(2)))), set(gen(2)))
e = enumerate("ab")
print(next(e), list(e))
z = zip([1, 2, 3], [4, 5])
print(list(z), list(z))
r = reversed([1, 2, 3])
print(next(r), list(r))
show(lambda: sum(gen(2), "x"))
show(lambda: sorted([3, 1], key=lambda v: 1 / (v - 1)))
show(lambda: min([1, 2], key=lambda v: v.x))
show(lambda: [].sort(key=lambda v: v.x))
show(lambda: [1].sort(key=lambda v: v.x))
show(lambda: list(map(lambda a, b: a + b, [1], ["x"])))
show(lambda: list(filter(lambda v: v.y, [1])))
def early_exit():
    for v in gen(5):
        if v == 1:
            return v
print(early_exit())
def gen_return():
    yield 1
    return
g = gen_return()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.args, e.value if False else "")
def gen_finally():
    try:
        yield 1
        yield 2
    finally:
        print("gen cleanup")
for v in gen_finally():
    print(v)
def nested_gen():
    for i in range(2):
        for j in (x * 10 for x in range(2)):
            yield i + j
print(list(nested_gen()))
squares = (i * i for i in range(4))
print(3 * 3 in squares, list(squares))
print(list(range(5))[1:4], [x for x in iter(range(3))])
