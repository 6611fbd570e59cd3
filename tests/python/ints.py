# Integers: 64-bit fast path and arbitrary precision, never wrapping.
a = 9223372036854775807
print(a + 1, a * a, -a - 2, a // -7, a % 1000)
print(2 ** 64, 2 ** 200, (-2) ** 63, 3 ** 40, 10 ** 30 // 7)
big = 123456789012345678901234567890
print(big, big + 1, big - big, big * -big, big // 12345, big % 97, -big // 7, -big % 7)
print(7 // 2, -7 // 2, 7 // -2, -7 // -2, 7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(1 << 70, (1 << 70) >> 69, -1 >> 5, -17 >> 2, 5 & 3, 5 | 3, 5 ^ 3, ~5, ~-1)
print(-big & 0xFFFF, big | 1, big ^ big, ~big)
print(0x1F, 0o17, 0b101, 1_000_000, 0xFFFF_FFFF_FFFF_FFFF_FF)
print(abs(-5), abs(-big), -(-9223372036854775808), abs(-9223372036854775808))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(big, 10 ** 10))
print(pow(2, 10), pow(2, 100, 1000), pow(3, -1, 7), pow(-2, 3), pow(5, 0))
print(int("42"), int("-17"), int("  7  "), int("ff", 16), int("0x1f", 16), int("z", 36), int("0b101", 0), int("1_000"))
print(int(3.99), int(-3.99), int(True), int(1e20), int("123456789012345678901234567890") + 1)
print(round(7), round(-8), round(1234, -2), round(1250, -2), round(1350, -2))
x = 1
for i in range(100):
    x = x * 3 + 1
print(x, x % 1000000007)
print(True + True, True * 10, False - 1, -True)
print(hex(255), hex(-255), oct(8), bin(10), bin(-3))
