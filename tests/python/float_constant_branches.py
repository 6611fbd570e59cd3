# Comparisons against a float literal in a condition branch on the constant
# directly (`brltk` and friends): every kind of left operand must compare as
# CPython compares it (ints exactly, beyond 2**53 too), and other types must
# fail with the float named.


def classify(x):
    out = []
    if x < 4.0:
        out.append("lt")
    if x <= 4.0:
        out.append("le")
    if x > 4.0:
        out.append("gt")
    if x >= 4.0:
        out.append("ge")
    if x > -0.5:
        out.append("gt-neg")
    if not x < 1e300:
        out.append("huge")
    return out


nan = float("nan")
inf = float("inf")
for v in (3.9, 4.0, 4.1, 4, 5, 3, -1, 0.0, -0.0, True, False, nan, inf, -inf, 2**53 + 1, 2**1000, -(2**1000), 9007199254740993):
    print(repr(v), classify(v))
for bad in ("4", None, [1], (2,)):
    try:
        classify(bad)
    except TypeError as e:
        print("TypeError:", e)
total = 0
x = 0.0
while x < 10.0:
    x += 0.75
    total += 1
print(total, x)
z = 0
for i in range(100):
    z = z * 1.5 + 1
    if z >= 1000.5:
        break
print(i, z)
