# Dicts: insertion order, methods, KeyError, the equal-hash rule.
d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, len(d), d["a"], "a" in d, "z" not in d)
del d["a"]
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.get("b"), d.get("zz"), d.get("zz", 0))
print(d.pop("b"), d.pop("missing", "default"), d)
print(d.setdefault("new", []), d.setdefault("c", 99), d)
d.update({"x": 1, "c": 4})
d.update([("y", 2)], z=3)
print(d)
e = d.copy()
e.clear()
print(e, d)
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(k, "->", v)
print(dict(), dict(a=1, b=2), dict([("k", "v")]), dict({"m": 1}, n=2), dict(zip("ab", [1, 2])))
keys = {1: "int", 2: "two"}
keys[1.0] = "float"
keys[True] = "bool"
print(keys, keys[1], len(keys))
mixed = {None: 0, (1, "a"): 1, 2.5: 2, "s": 3, False: 4}
print(mixed, mixed[0], mixed[(1, "a")])
counts = {}
for w in "the cat and the hat and the bat".split():
    counts[w] = counts.get(w, 0) + 1
print(counts, sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
print(d.keys(), d.values(), d.items())
print({1: 2} == {1: 2}, {1: 2} != {1: 3}, {"a": 1, "b": 2} == {"b": 2, "a": 1})
print(d.popitem(), d)
try:
    print(d["nope"])
except KeyError as err:
    print("KeyError", err, repr(err))
try:
    del d[(1, 2)]
except KeyError as err:
    print("KeyError", err)
try:
    {}[[1]] = 2
except TypeError as err:
    print("TypeError", err)
m = {"a": 1} | {"b": 2}
m |= {"a": 3}
print(m)
