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
