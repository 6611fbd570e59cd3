# Assorted corners: reprs of unusual characters, huge slice bounds and repeat counts, signed zeros, int()/float() parsing, chr/ord/hex.
import sys
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
print("to stderr", file=sys.stderr)
print(repr("a\"b'c"), repr("\\"), repr("\t\r\n\x0b\x0c"), repr("\x7f\x9f\xa0\u2028\ufeff"), repr("🙂\U000e0001"), repr("\u0300"))
print("%" if False else "", "{}".format("%d"), "100%")
xs = [1, 2, 3, 4, 5]
print(xs[1:10**20], xs[-10**20:2], xs[::10**20], xs[10**20:], xs[::-(10**20)])
show(lambda: xs[10**20])
show(lambda: xs[2**63])
show(lambda: "abc"[-(2**64)])
show(lambda: [0] * -(2**70))
show(lambda: (1,) * (10**30))
print(-0.0 == 0.0, str(-0.0 * 1), 0.0 * -1, -0.0 + 0.0, -(0.0), abs(-0.0), round(-0.4), round(-0.5, 0), -0.0 // 1, -0.0 % 1, divmod(-0.0, 1))
print(10**20 // 3, -(10**20) // 3, 10**20 % -3, (10**20) / 3, 2**64 / 2**63, (2**1000) // (2**999), 7 ** 0.5, 10 ** -1)
print(1e300 * 1e10, -1e300 * 1e10, 1e-320 / 10, 2.0 ** -1074, 2.0 ** -1075, float(2**53 + 1), 0.1 + 0.2 - 0.3)
print(hash(-1) == hash(-2), hash(0.5), hash(-0.0), hash(True), hash(2**64) == hash(2**64 % (2**61 - 1)))
print(1 < 2 < 3 != 4 > 0, (1 < 2) < 3, 1 in [1] in [[1]], not 1 == 2, 2 ** -1 ** 2)
a = [1, 2]
b = a
a += [3]
a = a + [4]
print(a, b)
s = {1}
t = s
s |= {2}
s = s | {3}
print(sorted(s), sorted(t))
d = {1: 1}
e = d
d |= {2: 2}
print(d is e, e)
print(int("  -0  "), int("+0"), int("0_0"), int("00"), int("0b1_0", 0), int("0o7_7", 0), int("0x_f", 16))
show(lambda: int("00", 0))
show(lambda: int("09", 0))
show(lambda: int("0", 0))
show(lambda: int("1", 37))
show(lambda: int("1", -1))
show(lambda: int("z", 35))
print(float("  1e5  "), float("-.5"), float("5."), float("+inf"), float("-nan"), float("1_000.000_1"), float("0x1p3" if False else "8"))
show(lambda: float("1__0"))
show(lambda: float("1e"))
show(lambda: float("."))
show(lambda: float("inf inf"))
print(str(1e16), str(1e-5), str(123456789012345678.0), repr(0.1 * 3), str(2.5e-308), repr(1.7976931348623157e308 * 1.0), 1e22 == 10**22, float(10**22) == 10**22)
print(bool([]), bool([0]), bool(""), bool(" "), bool(0.0), bool(-0.0), bool(float("nan")), bool(range(0)), bool({}), bool(set()), bool(None))
print(chr(0), repr(chr(0)), ord("\x00"), chr(0x10FFFF) == "\U0010ffff", len(chr(0x10FFFF)))
show(lambda: chr(0x110000))
show(lambda: chr("a"))
show(lambda: ord(""))
show(lambda: ord(1))
print(hex(0), oct(-8), bin(2**70), hex(-(2**64)))
show(lambda: hex(1.5))
print(list(map(int, "123")), list(map(str.upper, ["a"])), list(filter(str.isalpha, ["a", "1"])), sorted(["B", "a"], key=str.lower))
print(min("b", "a", "c"), max([3, 1, 2], default=0), min((1, 2), (1,)), max("abc", "abd"))
