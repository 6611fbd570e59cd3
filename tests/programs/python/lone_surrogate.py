ok = "\\ud800 is only text here"
bad = "half a pair: \ud83d"
print(ok, bad)
