# Short strings made in registers: str() of an int (the digits built without
# a buffer, up to the 14 bytes a value holds, a heap string beyond), `+` and
# `*` of short strings in every operand form, and dict and set lookups of the
# results (hashed and compared by the value's two words).

# str(int) on both sides of the 14-byte boundary, with and without a sign.
for i in [0, 1, -1, 9, 10, -10, 99, 100, 996, 997, -1000, 12345678,
          999_999_999_999, 9_999_999_999_999, -9_999_999_999_999,
          10_000_000_000_000, -10_000_000_000_000, 99_999_999_999_999,
          -99_999_999_999_999, 2 ** 63 - 1, -2 ** 63, 2 ** 64, -2 ** 70]:
    s = str(i)
    print(s, len(s), int(s) == i, s == repr(i), hash(s) == hash("%d" % i))
print(str(True), str(False), str(1.5), str("x"), str(), str(-0))

# The same call when `str` is something else.
def shadow():
    str = lambda v: "<" + repr(v) + ">"
    return str(5), str(-12)
print(shadow())


# `+` of short strings: register, constant on the right, constant on the left;
# results up to 14 bytes stay short, longer ones go to the heap.
a, b = "abcdefg", "hijklmn"
print(a + b, len(a + b), a + b + "o", len(a + b + "o"))
for i in range(16):
    left = "k" + str(i)
    right = str(i) + "k"
    both = left + right
    print(left, right, both, len(both), "x" * i + "é", ("é" + "x" * i)[-2:])
print("é" + "ü", len("é" + "ü"), "€" * 4, len("€" * 4), "€" * 5 == "€€€€€")
print("ab" + "", "" + "ab", "" + "", repr("" * 3))

# `*` with an int register, an immediate, and the int on the left.
for n in [-3, -1, 0, 1, 2, 5, 7, 14, 15]:
    print(n, repr("x" * n), repr("ab" * n), repr(n * "y"), len("abc" * n), "q" * n == "q" * (n + 0))
print("x" * 7, "xy" * 3, 3 * "z", "" * 5, "é" * 3)
print("x" * True, "ab" * False == "")
try:
    print("x" * 2.0)
except TypeError as e:
    print("TypeError:", e)
try:
    print("x" + 1)
except TypeError as e:
    print("TypeError:", e)
try:
    print(1 + "x")
except TypeError as e:
    print("TypeError:", e)

# Keys built at run time find keys written as literals, in dicts and sets,
# and the other way round; misses and non-string keys of the same text.
names = {}
for i in range(50):
    names["k" + str(i)] = i
hits = 0
for i in range(100):
    if ("k" + str(i)) in names:
        hits += 1
print(hits, "k7" in names, "k49" in names, "k50" in names, "k" in names, 7 in names)
print(names.get("k" + str(3)), names.get("k" + str(99), -1), names["k4" + "9"])
seen = {"w" + str(i % 5) + "x" * (i % 3) for i in range(30)}
print(sorted(seen), "w1x" in seen, "w1xxx" in seen)
mixed = {"abcdefghijklmn": 1, "abcdefghijklmno": 2, 3: "three", "": 0, "é": 4}
for k in ["abcdefg" + "hijklmn", "abcdefgh" + "ijklmno", "", "é", "e" + "", 3, 3.0]:
    print(repr(k), k in mixed, mixed.get(k))
counts = {}
for i in range(40):
    key = str((i * 7) % 11)
    counts[key] = counts.get(key, 0) + 1
print(sorted(counts.items()))
