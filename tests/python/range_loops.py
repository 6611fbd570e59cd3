# Counted loops: `range(stop)` and `range(start, stop)` step by one
# (`forloop1`), other steps take `forloop`; bounds beyond 64 bits, bools and
# changes to the loop variable must behave as in CPython.


def collect(r):
    out = []
    for i in r:
        out.append(i)
    return out


def counted(start, stop):
    out = []
    for i in range(start, stop):
        out.append(i)
    return out


print(collect(range(5)), collect(range(0)), collect(range(-3)))
print(counted(-3, 3), counted(3, -3), counted(7, 8))
print(counted(True, 4), counted(False, True))
print(counted(2**63 - 3, 2**63 + 2))
print(counted(-2**63 - 2, -2**63 + 2))
print(counted(2**63 - 3, 2**63 - 1))
print(counted(2**64, 2**64 + 3))
total = 0
for i in range(10):
    i = str(i)  # rebinding the variable does not change the count
    total += len(i)
print(total, i)
for i in range(3):
    pass
else:
    print("else after", i)
for i in range(100):
    if i == 4:
        break
else:
    print("not reached")
print("broke at", i)
for i in range(5, 10):
    if i % 2:
        continue
    print("even", i)
grid = []
for r in range(3):
    for c in range(r, 4):
        grid.append(r * 10 + c)
print(grid)
print([j for j in range(4)], sum(k for k in range(1, 101)))
for s in (range(0, 10, 3), range(10, 0, -4), range(5, 5, 1)):
    print(collect(s))


def unbound_after_empty():
    for k in range(0):
        pass
    return k


try:
    unbound_after_empty()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
try:
    for i in range(1.5):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    for i in range(0, "3"):
        pass
except TypeError as e:
    print("TypeError:", e)
