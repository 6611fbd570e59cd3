# Strings: literals with escapes, concatenation, repetition, comparison, repr.
s = "hello"
t = 'world'
print(s + " " + t, s * 3, 2 * "ab", "" * 5, s * 0, s * -1)
print("tab\there", "new\nline", "quote\"s", 'single\'s', "back\\slash", "\x41\u00e9\N{GREEK SMALL LETTER ALPHA}")
print(repr("a'b"), repr('a"b'), repr("a'b\"c"), repr("\n\t\\"), repr("\x00\x7f"), repr("é"))
print(len(s), len(""), len("ñandú"), s[0], s[-1], s[1:3], s[::-1], s[::2], s[10:], s[-100:2])
print("abc" < "abd", "abc" < "ab", "B" < "a", "abc" == "abc", "a" != "b", "x" in "xyz", "q" not in "xyz")
print(str(42), str(-1.5), str(None), str(True), str([1, 'a']), repr(42), repr("42"))
print("multi" "part" 'literal', r"raw\n", """triple
quoted""")
print(ord("A"), ord("é"), chr(65), chr(233), chr(0x1F600))
for ch in "hey":
    print(ch, end="-")
print()
print("é" * 3, "日本語"[1], len("日本語"))

# Adding nothing to a string, or repeating it once, gives the string itself
# (strings are immutable; CPython answers the same).
s = str(12345) + "abc"
print((s + "") is s, ("" + s) is s, (s * 1) is s, (s * 2) is s)
print(s + "", "" + s, s * 1, repr(s * 0), "" + "", ("" * 5) == "")
t = "héllo"
print((t + "") is t, len(t * 1), len("" + t), t * 1 == t)
