def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
x = "outer"
print([x for x in range(3)], x)
print({x: 1 for x in "ab"}, {x for x in (1, 2)}, x)
print(list(x for x in "hi"), x)
print([(i, j) for i in range(3) if i for j in range(i) if j != 1])
print([y for x in [[1, 2], [3]] for y in x if y > 1])
print({k: v for k, v in enumerate("abc") if k % 2 == 0})
print({c for w in ["ab", "bc"] for c in w} == {"a", "b", "c"})
print([[x * y for y in range(3)] for x in range(3)])
n = 10
print([n + i for i in range(3)])
def f():
    m = 5
    return [m * i for i in range(3)], (m + i for i in range(2))
a, g = f()
print(a, list(g))
def g2():
    k = 1
    gen = (k * i for i in range(3))
    k = 100
    return list(gen)
print(g2())
print(sum(i for i in range(10)), min(i for i in [3, 1, 2]), max(i * -1 for i in [3, 1, 2]))
print(any(i > 5 for i in range(10)), all(i < 5 for i in range(10)), list(i for i in ()), sorted(c for c in "cab"))
print(tuple(i for i in "ab"), sorted(set(i % 3 for i in range(10))), ",".join(str(i) for i in range(4)), "".join(c for c in "xyz" if c != "y"))
print(sorted((i for i in [3, 1, 2]), reverse=True), max((i for i in []), default="none"), min((len(s) for s in ["aa", "b"]), default=0))
print(sum(i * i for i in range(4)), sum((i for i in range(4)), 100), list(zip((i for i in "ab"), (j for j in range(5)))))
print(dict((k, v) for k, v in [("a", 1)]), list(enumerate(c for c in "ab")), list(map(str, (i for i in range(2)))))
show(lambda: [1 / i for i in [1, 0]])
show(lambda: sum(1 / i for i in [1, 0]))
show(lambda: [i for i in 5])
show(lambda: {[]: 1 for _ in "a"})
show(lambda: {[] for _ in "a"})
show(lambda: [j for i in range(2)])
gen = (i for i in range(3))
print(next(gen), list(gen), list(gen))
print([i for i in range(5)][::-1], [c * 2 for c in "ab"], [i for i in range(3) if i if i > 1])
print([(lambda v: v * 2)(i) for i in range(3)], [[i for i in range(j)] for j in range(3)])
print(len([None for _ in range(1000)]))
def outer():
    vals = [1, 2, 3]
    return [v + len(vals) for v in vals]
print(outer())
squares = {i: i * i for i in range(5)}
print(squares, [k for k in squares if squares[k] > 4])
print([x for x in range(20) if x % 2 if x % 3], [a + b for a, b in zip("ab", "cd")], [a for a, *b in [(1, 2, 3)]])
