# The paths the interpreter answers itself (d.get, str of an int) and the
# shared sort comparison, on good values and on errors.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


d = {1: "one", "k": 2, (1, 2): None}
show(lambda: d.get(1))
show(lambda: d.get(True))
show(lambda: d.get(1.0, "default"))
show(lambda: d.get("missing"))
show(lambda: d.get("missing", 0))
show(lambda: d.get((1, 2), "there but None"))
show(lambda: d.get([1]))
show(lambda: d.get({}, 0))
show(lambda: dict.get(d, "k"))
show(lambda: str(0) + str(-12345678901234) + str(2**63 - 1) + str(-2**63))
show(lambda: str(2**64) + str(True) + str(None) + str(1.5))

words = ["pear", "Fig", "apple", "fig", "Apple", "kiwi"]
show(lambda: sorted(words))
show(lambda: sorted(words, reverse=True))
show(lambda: sorted(words, key=str.lower))
show(lambda: sorted(words, key=str.lower, reverse=True))
show(lambda: sorted(words, key=len, reverse=True))
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "y")]
show(lambda: sorted(pairs, key=lambda p: p[0]))
show(lambda: sorted(pairs, key=lambda p: p[0], reverse=True))
show(lambda: sorted([3, "a", 1]))
show(lambda: sorted([3, 1, 2], key=lambda x: "a" if x == 2 else x))
show(lambda: sorted([[1], {}], key=lambda x: x))
xs = [5, None, 3]
try:
    xs.sort()
except TypeError as e:
    print("TypeError:", e, xs)
# Reverse sorting reverses, sorts and reverses back, as CPython does: errors
# name the operands in CPython's order, and equal items keep their order.
show(lambda: sorted([3, "a", 1], reverse=True))
show(lambda: sorted([3, 1, "a"], key=lambda x: x, reverse=True))
show(lambda: sorted([(1, "x"), (0, "y"), (1, "z")], key=lambda p: p[0], reverse=True))
ys = [1, 2, None]
try:
    ys.sort(reverse=True)
except TypeError as e:
    print("TypeError:", e, ys)
