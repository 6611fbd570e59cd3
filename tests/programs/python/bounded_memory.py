# Allocates far more than it keeps live: with a 16 MB heap limit it must still finish.
total = 0
keep = []
for i in range(300000):
    garbage = [i] * 100
    text = "x" * 200 + str(i)
    pair = (garbage, text, {"k": i})
    total += len(pair[0]) + len(pair[1])
    if i % 10000 == 0:
        keep.append(i)
print(total, len(keep))
