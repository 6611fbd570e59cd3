# Int literals beyond the immediate range as constant operands (addk, mulk,
# raddk, rdivk...), with ints, floats, big ints, overflow and errors.
x = 12345
y = 2.5
big = 2 ** 70
print(x * 7919, x + 1000, x - 1000, x / 1000, 7919 * x, 1000 + x, 1000 - x, 1000 / x)
print(y * 7919, y + 1000, y - 1000, y / 1000, 7919 * y, 1000 + y, 1000 - y, 1000 / y)
print(big * 7919, big + 1000, big - 1000, big / 1000, 7919 * big, 1000 - big, 1000 / big)
print(x * 9223372036854775807, 9223372036854775807 + x, -9223372036854775807 - x, x * -1000)
print("ab" * 200, [0] * 300 == [0] * 300, 200 * "c" == "c" * 200)
print(True * 1000, 1000 * False, 1000 / True)
for bad in ["s", None, [1]]:
    for f in (lambda: bad + 1000, lambda: 1000 + bad, lambda: bad - 1000, lambda: 1000 - bad, lambda: bad / 1000, lambda: 1000 / bad):
        try:
            print(f())
        except TypeError as e:
            print("TypeError:", e)
try:
    print(1000 / (x - x))
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(y / 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
# % and // by a constant beyond the immediate range (modk, idivk).
for v in [12345, -12345, 0, 10007, -10007, 9223372036854775807, -9223372036854775808, 2 ** 70, -(2 ** 70), 2.5, -2.5, True]:
    print(v % 10007, v // 10007, v % -10007, v // -10007, v % 1000.5, v // 1000.5)
print("%d items" % 1000, "%s|%5d" % ("x", 12345), "w%d" % 300)
for bad in ["s", None, [1]]:
    for f in (lambda: bad // 1000, lambda: bad % 1000):
        try:
            print(f())
        except TypeError as e:
            print("TypeError:", e)
for zero in (0, 0.0):
    for f in (lambda: 1000 % zero, lambda: 1000 // zero, lambda: 12345 % (zero * 1000), lambda: 12345 // (zero * 1000)):
        try:
            print(f())
        except ZeroDivisionError as e:
            print("ZeroDivisionError:", e)
n = 123456789
total = 0
for i in range(1000):
    total += (i * 7919) % 10007 + n // 1000
print(total)
for f in (lambda: x % 0.0, lambda: x // 0.0, lambda: y % 0.0, lambda: big // 0.0):
    try:
        print(f())
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
# Powers of two as divisors take a shift or a mask: Python floors toward
# negative infinity and gives `%` the divisor's sign, for every dividend.
for v in (0, 1, 2, 3, 7, -1, -2, -3, -7, -8, -9, 2**62, -2**62, 2**63 - 1, -2**63, 2**63, -2**63 - 1, 2**70 + 5, -2**70 - 5):
    print(v, v // 1, v % 1, v // 2, v % 2, v // 8, v % 8, v // 1024, v % 1024, v // 2**40, v % 2**40)
    for d in (1, 2, 4, 2**32, 2**62, -1, -2, -4, 3, -3, 6):
        print(" ", d, v // d, v % d, divmod(v, d))
print(-7.5 // 2, -7.5 % 2, 7.5 // 4, 7.5 % 4, -0.0 // 2, -0.0 % 2)
x = 3
while x != 1:
    x = x // 2 if x % 2 == 0 else 3 * x + 1
    print(x, end=" ")
print()
