# An error in a key function propagates out of sorted().
words = ["b", "a", 3]
print(sorted(words[:2], key=lambda w: w.upper()))
print(sorted(words, key=lambda w: w.upper()))
