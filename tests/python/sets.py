# Sets: literals, set(), add/remove/discard, membership, operators.
s = {3, 1, 2}
print(sorted(s), len(s), 2 in s, 5 not in s)
s.add(4)
s.add(1)
s.remove(3)
s.discard(100)
s.discard(2)
print(sorted(s))
t = set([1, 5, 6, 1])
print(sorted(t), sorted(set("hello")), set(), sorted(set(range(5))))
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(a <= {1, 2, 3, 4, 5}, a < a, b > {3}, {1} == {1}, {1, 2} != {2, 1})
print(sorted(a.union([9])), sorted(a.intersection(b)), sorted(a.difference(b)), a.issubset(range(10)), b.issuperset({5}))
c = a.copy()
c.update("xy")
print(sorted(c, key=str))
for x in sorted({"b", "a", "c"}):
    print(x)
u = {1, 2}
u |= {3}
u -= {1}
print(sorted(u), {(1, 2), (1, 2)}, len({1, 1.0, True}))
try:
    s.remove(42)
except KeyError as e:
    print("KeyError", e)
try:
    {[1]}
except TypeError as e:
    print("TypeError", e)
