# A literal on the left of +, -, * and / (compiled to the reversed immediate
# and constant forms), with ints, floats, big ints, sequences and errors.
def f(x):
    return x
x = 7
print(1 + x, 1 - x, 3 * x, 2.0 * x, 1.0 / x, 2.5 + x, 2.5 - x, -3 * x, -1.5 * x)
y = 2.5
print(1 + y, 1 - y, 3 * y, 2.0 * y, 1.0 / y, 0.5 + y, 0.5 - y)
print(1 + f(2) + f(3), 3 * f(4) + 1)
print(2 * "ab", 3 * [1], 2 * (1, 2), 1 + True, 2.0 * True, 1.0 / True)
big = 2 ** 62
print(3 * big, 1 + big * 2, 1 - big * 3, -128 * big, 127 + big * 2)
print(1.0 / 3, 2 - 0.5, 4 * 2, 10 * -x)
for bad in ["s", None, [1]]:
    try:
        print(1 + bad)
    except TypeError as e:
        print("TypeError:", e)
    try:
        print(1.5 * bad)
    except TypeError as e:
        print("TypeError:", e)
    try:
        print(2.0 / bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    print(1.0 / 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(1.0 / 0.0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(1e308 * 10.0 * y, 2.0 * float("inf"), 1.0 / float("inf"), -0.0 * 1, 0.0 - 0.0, 1.0 / -x)

k = 1.5
for bad in ["s", [1], (1,)]:
    for f in (lambda: k * bad, lambda: bad * k, lambda: 1.5 * bad, lambda: bad * 1.5, lambda: None * bad):
        try:
            print(f())
        except TypeError as e:
            print("TypeError:", e)
