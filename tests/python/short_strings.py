# Strings of up to 14 UTF-8 bytes live inside the value and longer ones on the
# heap: every operation must behave the same on both sides of that boundary,
# and across it.

edge = ["", "a", "é", "€", "😀", "abcdefghijklm", "abcdefghijklmn", "abcdefghijklmno",
        "ééééééé", "éééééééé", "x" * 24, "y" * 25, "a\0b", "\0"]

for s in edge:
    print(repr(s), len(s), s.upper(), s[::-1], s[1:], s[:-1], bool(s), s * 2 == s + s)

# Equality, ordering and hashing agree whatever the length.
for a in edge:
    for b in edge:
        if (a == b) != (a[:] == b[:]) or (a < b) != (list(a) < list(b)):
            print("mismatch", repr(a), repr(b))
        if a == b and hash(a) != hash(b):
            print("hash mismatch", repr(a))
print(sorted(edge))
print(sorted(edge, reverse=True) == sorted(edge)[::-1])
print(max(edge), min(edge))

# Building across the boundary: concatenation, repetition, join, slicing.
s = ""
for i in range(20):
    s = s + chr(ord("a") + i)
    print(len(s), s, s == "abcdefghijklmnopqrst"[: i + 1], s[-1], s[len(s) // 2])
t = "é"
for i in range(10):
    t = t + "é"
    print(len(t), t.count("é"), t[3:5], t.find("éé"), t == "é" * (i + 2))
print("ab" * 7, "ab" * 8, len("ab" * 7), len("ab" * 8), "" * 1000000000 == "")
print("-".join(["a", "b", "c"]), "-".join(["abcdefgh", "ijklmnop"]))
parts = "w1 w22 w333 abcdefghijklmnopq".split(" ")
print(parts, [len(p) for p in parts])
print("abcdefghijklmnopqrstuvwxyz"[:14], "abcdefghijklmnopqrstuvwxyz"[:15], "abcdefghijklmnopqrstuvwxyz"[3:17:2])

# Dict and set keys made at run time find keys written as literals, and
# short keys mix with long ones and with numbers.
d = {}
for i in range(30):
    d["k" + str(i)] = i
    d["key_number_" + str(i) + "_long"] = -i
print(len(d), d["k7"], d["k29"], d["key_number_3_long"], "k30" in d, "k1" + "0" in d)
d[1] = "one"
d["1"] = "string one"
print(d[1], d["1"], d.get("k" + "1" + "2"), d.get("missing", "default"))
keys = set()
for w in ["x", "y", "x", "abcdefghijklmnopq", "abcdefghijklmnopq", "y" * 14, "y" * 7 + "y" * 7]:
    keys.add(w)
print(sorted(keys), len(keys))
print({"a": 1} == {"a": 1}, {"a" * 20: 1} == {"a" * 10 + "a" * 10: 1})

# Iteration, membership, characters.
word = "héllo wörld!"
print([c for c in word], list(reversed(word)), "ö" in word, "wö" in word, "z" in word)
print([ord(c) for c in "aé€😀"], [chr(n) for n in (97, 233, 8364, 128512)])
print("abc" < "abd", "abc" < "ab", "" < "a", "a" < "a\0", "é" > "z", "😀" > "€")
print("x" in "abcdefghijklmnopqrstuvwxyz", "xyz" in "abcdefghijklmnopqrstuvwxyz")

# Methods on short receivers and arguments.
print("abc".replace("b", "xyz" * 5), "a,b,c".split(","), "  pad  ".strip(), "Title".lower())
print("abc".startswith("ab"), "abc".endswith(""), "abc".find("c"), "abc".index("b"))
print("%s-%5s-%-5s|" % ("a", "b", "c"), "{:>8}|{:^6}|".format("ab", "é"), f"{'x':*<4}")
print(str(12345678901234), str(123456789012345), str(-1.5), repr("it's"), repr('say "hi"'))
print(int("12345678901234"), float("1.25"), "abc".encode("utf-8") if False else "no bytes")

# Identity follows CPython where CPython guarantees it.
a = "abc"
print(a is a, a + "" is a, "" + a is a, a * 1 is a)
try:
    a[0] = "z"
except TypeError as e:
    print("TypeError:", e)
try:
    del a[0]
except TypeError as e:
    print("TypeError:", e)
try:
    print("ab" < 1)
except TypeError as e:
    print("TypeError:", e)
try:
    print("ab" + 1)
except TypeError as e:
    print("TypeError:", e)
try:
    print("ab"[5])
except IndexError as e:
    print("IndexError:", e)
# The same errors from a string too long to be short.
long_text = "abcdefghijklmnopqrstuvwxyz"
for f in (lambda: 1 in long_text, lambda: 1 in "ab"):
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)
for key in (0, "k"):
    try:
        del long_text[key]
    except TypeError as e:
        print("TypeError:", e)
