def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
print("a,b,,c,".split(","), "  a  b  ".split(), "a b c".split(None, 1), "a b c".split(" ", 0), "a  b".split(" "))
print("  a b c  ".split(None, 1), "  a b c  ".split(maxsplit=1), "abc".split("abc"), "aXbXc".split("X", -1), "x".split("x"))
print("a\tb\nc\x0bd\x0ce\rf g".split(), "\u3000a\u00a0b".split(), "a::b::c".split("::", 1))
show(lambda: "a".split(""))
show(lambda: "a".split(1))
show(lambda: "a b".split(" ", "x"))
print("a b  c ".rsplit(), "a b c".rsplit(None, 1), "a,b,c".rsplit(",", 1), " a b ".rsplit(maxsplit=1))
print(",".join([]), ",".join(["a"]), ",".join("abc"), "".join([]), "-".join(("x", "y")), " ".join({"k": 1}))
show(lambda: ",".join([1, 2]))
show(lambda: ",".join(["a", None]))
show(lambda: ",".join(5))
print(repr("  \t\nx \r\n".strip()), "xyxhixyx".strip("xy"), "".strip(), "aaa".strip("a"), "  a".lstrip(), "a  ".rstrip(), "abc".lstrip("ba"), "abc".rstrip("cb"), "x".strip(""))
print(" a ".strip(None), "\u3000a\u3000".strip())
show(lambda: "a".strip(1))
print("aBc1 ß".upper(), "AbC1 İ".lower(), "".upper())
print("aaa".replace("a", "b", 0), "aaa".replace("a", "b", -1), "abc".replace("", "-", 2), "".replace("", "x"), "abab".replace("ab", "ba"), "a".replace("a", "aa"))
show(lambda: "a".replace("a"))
show(lambda: "a".replace(1, "b"))
print("abc".startswith(""), "abc".startswith("abcd"), "abc".startswith("b", 1), "abc".startswith("c", -1), "abc".endswith(("x", "c")), "abc".endswith("b", 0, 2), "abc".startswith("a", 5))
show(lambda: "abc".startswith(["a"]))
show(lambda: "abc".startswith(1))
print("abcabc".find("c"), "abcabc".find("c", 3), "abcabc".find("c", 3, 5), "abc".find(""), "abc".find("", 5), "abc".find("", 3), "abcabc".rfind("a"), "abcabc".rfind("a", 0, 3), "abc".rfind(""), "abc".find("a", -1))
print("abcabc".index("b"), "abcabc".rindex("b"), "abcabc".count("bc"), "aaaa".count("aa"), "abc".count(""), "".count(""), "abcabc".count("a", 1), "abc".count("a", -1))
show(lambda: "abc".index("z"))
show(lambda: "abc".index("a", 1))
show(lambda: "abc".find(1))
show(lambda: "abc".count())
print("123".isdigit(), "".isdigit(), "١٢".isdigit(), "²".isdigit(), "1.5".isdigit(), "-1".isdigit())
print("abc".isalpha(), "".isalpha(), "é".isalpha(), "a b".isalpha(), "日本".isalpha())
print(" ".isspace(), "\t\n\r\x0b\x0c".isspace(), "".isspace(), " a".isspace(), "\u3000".isspace())
s = "hello world"
print(s[::-1], s[::2], s[-1:-6:-1], s[100:], s[3:1], s[-3:], s[:-3], s[1:9:3], s[::-3], s[5::-2])
show(lambda: s[::0])
show(lambda: s[20])
show(lambda: s[1.0])
show(lambda: s["a"])
print("" in "", "" in "abc", "ab" in "a", "lo w" in s)
show(lambda: 1 in "abc")
show(lambda: "a" + 1)
show(lambda: "a" * 1.5)
show(lambda: "a" < 1)
try:
    s[0] = "H"
except TypeError as e:
    print("TypeError:", e)
try:
    del s[0]
except TypeError as e:
    print("TypeError:", e)
for ch in "añ😀":
    print(ch, ord(ch), end=" ")
print()
print(len("😀"), "😀"[0], repr("\u200b"), repr("\x1b"), repr("\\"), repr("'\""))
print("Ab" < "a", "a" < "ab", "" < "a", "Z" < "a", "é" > "z", sorted(["b", "B", "a", "A", "é"]))
print(str(), str(""), str(1e16), str(1.0e-7), str([1.5]), str((1,)), str({1: "a"}), str(None))
print(repr("tab\there"), repr("\r\n"), repr("\x7f\x80\xa0\xad"), repr("\u0085"), repr("\U0001F600"))
print("%s" if False else "", "a".center(5), "a".center(4), "ab".center(5, "-"), "abc".zfill(5), "+12".zfill(5), "x".ljust(3, "é"), "abc".rjust(2))
print(repr('\x1ca\x1f b'.split()), repr('\x1ca\x1f'.strip()), '\x1c'.isspace())
samples = ["½", "²", "①", "٣", "Ⅻ", "e\u0301", "ǅ", "ª", "ʰ", "〇", "三", "\u00ad", "\u200b", "\u2028", "\x1f", "\x85", "\xa0", "ß", "ﬁ", "İ", "Σ", "ΑΣ", "ΑΣ Β", "ǆ", "ŉ"]
for s in samples:
    print(repr(s), s.isdigit(), s.isalpha(), s.isspace(), s.isalnum(), repr(s.upper()), repr(s.lower()), s.isupper(), s.islower(), repr(s.title()), repr(s.capitalize()))
for s in ["hello world", "HELLO wORLD", "they're bill's", "中a", "a1b2", "ΑΣ ΟΔΟΣ", "ǆemal", "straße", "ß", "", " x", "3rd place", "αβγ", "o'neil", "x_y-z"]:
    print(repr(s.title()), repr(s.capitalize()), repr(s.lower()), repr(s.upper()))
