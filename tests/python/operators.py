# Operators: comparisons (chains), identity, boolean operators returning operands,
# conditional expressions, unary operators.
a, b, c = 1, 2, 3
print(a < b < c, a < b > c, 1 < 2 < 3 < 4, 3 > 2 > 1, 1 == 1.0 == True, 1 < 3 > 2)
print(a == b, a != b, a <= 1, b >= 3, "x" == "x")
l1 = []
l2 = []
print(None is None, a is not None, l1 is l2, l1 is l1, a is not b)
print(0 or "default", "" or [] or 0, 5 and 6, 0 and 1, None or False, 1 and 2 and 3)
print(not 0, not 1, not "", not [1], not None)
print("yes" if a < b else "no", "yes" if a > b else "no")
x = 7
print(-x, +x, ~x, - -x, not x, -1.5, +True)
print(1 + 2 * 3, (1 + 2) * 3, 2 ** 3 ** 2, -2 ** 2, (-2) ** 2, 10 - 3 - 2, 100 / 10 / 5)
print(1 < 2 == True, (1 < 2) == True, 7 & 3 | 8, 1 + 2 << 3, 20 >> 1 + 1)
def f(v):
    print("eval", v)
    return v
print(f(1) < f(2) < f(0) < f(5))
print(f(0) and f(1), f(2) or f(3))
print(3 if f(True) else f(4))
