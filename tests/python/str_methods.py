# String methods.
s = "  Hello, World!  "
print(s.strip(), s.lstrip(), s.rstrip(), "xxhixx".strip("x"), "abcba".strip("ab"))
print(s.upper(), s.lower(), "hello world".capitalize(), "hello world".title())
print("a,b,,c".split(","), "a b  c".split(), "  lead".split(), "a,b,c".split(",", 1), "".split(), "".split(","))
print("a b c d".rsplit(" ", 1), "a-b-c".split("-", maxsplit=1), "line1\nline2\r\nline3".splitlines())
print("-".join(["a", "b", "c"]), "".join(["x", "y"]), ", ".join(str(i) for i in range(3)))
print("banana".replace("a", "o"), "banana".replace("a", "o", 2), "aaa".replace("a", ""), "ab".replace("", "-"))
print("hello".startswith("he"), "hello".endswith("lo"), "hello".startswith(("x", "h")), "hello".startswith("l", 2))
print("banana".find("na"), "banana".rfind("na"), "banana".find("x"), "banana".index("n"), "banana".count("a"), "banana".count("an"))
print("123".isdigit(), "12a".isdigit(), "abc".isalpha(), "ab1".isalpha(), "  \t".isspace(), "".isspace(), "a1".isalnum())
print("ABC".isupper(), "abc".islower(), "Abc".isupper(), "5".zfill(3), "-5".zfill(4), "ab".center(6, "*"), "ab".ljust(4, "."), "ab".rjust(4))
print("hello"[1:4], "hello"[::-1], "hello"[-2:], "h" in "hello", "lo" in "hello", "z" in "hello")
print([c for c in "héllo"], len("héllo"), "héllo".upper(), "ß".upper())
text = "the quick brown fox"
words = text.split()
print(len(words), max(words, key=len), sorted(words), " ".join(reversed(words)))
print("a" * 3, "ab" < "b", "abc".encode if False else "n/a", str(123).rjust(6, "0"))
