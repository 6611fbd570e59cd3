def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
d = {1: "a"}
d[1.0] = "b"
d[True] = "c"
print(d, list(d.keys()))
d2 = {True: 1, 1: 2, 1.0: 3}
print(d2)
d3 = {0: "z", False: "f", 0.0: "g", -0.0: "h"}
print(d3)
print({1.5: 1, 2.0: 2}[2], {2: 1}[2.0], 2.0 in {2: 0}, True in {1: 0}, hash(1) == hash(1.0) == hash(True))
print({(1, 2): 1}[(1.0, 2.0)], {(1, (2, 3)): "n"}[(True, (2, 3.0))])
show(lambda: {}[(1, 2)])
show(lambda: {}["key"])
show(lambda: {}[()])
show(lambda: {}[(1,)])
show(lambda: {}[None])
show(lambda: {}[1.5])
show(lambda: {}["it's"])
show(lambda: {}[""])
show(lambda: {}[[1]])
show(lambda: {}[{}])
show(lambda: {[1]: 2})
show(lambda: {"a": 1}.pop("b"))
show(lambda: {}.popitem())
show(lambda: {"a": 1}.update(5))
show(lambda: {"a": 1}.update([1]))
show(lambda: {"a": 1}.update([(1, 2, 3)]))
show(lambda: dict([1, 2]))
show(lambda: dict(5))
show(lambda: {}.get())
show(lambda: {}.setdefault())
print({}.setdefault("x"), {"a": 1}.get("a", 2))
try:
    raise KeyError((1, 2))
except KeyError as e:
    print(e, repr(e), e.args, str(e))
try:
    raise KeyError()
except KeyError as e:
    print(repr(str(e)), repr(e), e.args)
try:
    raise KeyError("a", "b")
except KeyError as e:
    print(e, repr(e), e.args)
try:
    raise KeyError("")
except KeyError as e:
    print(e, repr(e))
d = {"x": 1, "y": 2, "z": 3}
del d["y"]
d["y"] = 4
d["x"] = 0
print(d, list(d.items()))
print(d.pop("x"), d)
print(d.popitem(), d.popitem(), d)
d = dict(a=1, b=2)
e = dict(d, c=3)
print(e)
print({k: v for k, v in [("a", 1), ("a", 2)]})
print(dict([("a", 1), ["b", 2], "cd"]))
print(dict({1: 2}), dict(a=1), dict({}, **{"x": 1}))
print({1: 2} == {1.0: 2}, {1: 2} == {1: 2.0}, {1: [1]} == {1: [1]}, {1: 2} != {2: 1})
show(lambda: {1: 2} < {1: 2})
show(lambda: {1: 2} + {1: 2})
print(repr({"a": "b", 1: None, (1,): [1.5]}), str({}), len({1: 1, 2: 2}))
d = {}
for i in range(100):
    d[i] = i * i
for i in range(0, 100, 2):
    del d[i]
print(len(d), list(d)[:5], sum(d.values()))
d = {"a": 1}
for k in list(d):
    d[k + k] = 2
print(d)
try:
    for k in d:
        d["new" + k] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
d = {1: 1, 2: 2}
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print("RuntimeError:", e)
print(d)
print(sorted({"b": 1, "a": 2}.items()), max({"a": 3, "b": 1}, key=lambda k: {"a": 3, "b": 1}[k]))
print(list({1: 2}.items())[0], list(reversed({1: 2, 3: 4})), {None: None}[None])
d = {1: 'a'}
print(d.keys() == {1}, 1 in d.keys(), 'a' in d.values(), (1, 'a') in d.items())
# sets
s = {1, 1.0, True}
print(s, {0, False, 0.0}, {1.0, 1}, {True, 1})
a = {1, 2, 3}; b = {2, 3, 4}
print(a | b == {1, 2, 3, 4}, sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
print(a < b, a <= a, a > a, {1} < a, a >= {1, 2})
show(lambda: {1} | [2])
show(lambda: {1} + {2})
show(lambda: {1}.remove(2))
show(lambda: set().pop())
show(lambda: {1}.add([1]))
show(lambda: set(5))
show(lambda: {1} < [1])
show(lambda: [1] in {1})
s = set()
s.add(3); s.add(3); s.add((1, 2)); s.add("a")
print(len(s), (1, 2) in s, "a" in s, [1] if False else 0)
s.discard("a"); s.discard("zz")
print(sorted(s, key=str), s.pop() in {3, (1, 2)})
x = {1, 2, 3}
x &= {2, 3, 4}; print(sorted(x))
x ^= {3, 5}; print(sorted(x))
x |= set(); print(sorted(x))
x -= {2}; print(sorted(x))
print(set(), repr(set()), {1}, repr({"a"}), set("aaa"), str({1}))
print(sorted({x * x for x in range(-3, 4)}), len(set([1, 2, 2, 3, 3, 3])))
print(set([1, 2]) == {2, 1}, {1, 2} != {1, 2})
s = {1, 2, 3}
s2 = s.copy(); s2.clear(); print(s, s2)
print(sorted(s.union({5}, [6])), sorted(s.intersection([1, 2], {2})))
s.update([7], {8}); print(sorted(s))
d={1:2,3:4}
print(d.keys()=={1,3}, {3,1}==d.keys(), d.keys()=={1:0,3:0}.keys(), d.keys()!={1}, d.values()==d.values(), d.items()==d.items(), d.keys()==[1,3])
