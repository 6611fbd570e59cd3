# Comprehensions and generator expressions.
print([x * x for x in range(6)], [x for x in range(10) if x % 3 == 0])
print([(x, y) for x in range(3) for y in range(3) if x != y])
print([x + y for x in "ab" for y in "cd"], [[y for y in range(x)] for x in range(4)])
print({x: x ** 2 for x in range(5)}, {k: v for k, v in zip("abc", range(3)) if v}, {x % 3 for x in range(10)})
print({w: len(w) for w in "to be or not".split()})
print(sum(x for x in range(101)), sum(i * i for i in range(10) if i % 2), min(len(s) for s in ["ab", "c", "def"]))
print(max((x % 7, x) for x in range(20)), any(c.isdigit() for c in "ab3"), all(c.islower() for c in "abC"))
print(list(x for x in "hey"), sorted(x % 5 for x in range(12)), tuple(x for x in range(3)), set(x // 2 for x in range(6)))
print(", ".join(str(x) for x in range(4)), "".join(c.upper() for c in "shout"))
n = 3
print([n * x for x in range(n)])
x = "outer"
y = [x for x in range(3)]
print(x, y)
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)], [v for row in matrix for v in row])
gen = (i * 10 for i in range(3))
print(next(gen), next(gen), list(gen), next(gen, "exhausted"))
def squares(limit):
    i = 0
    while i < limit:
        yield i * i
        i += 1
print(list(squares(5)), sum(squares(4)), [v for v in squares(3)])
