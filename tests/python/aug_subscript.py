# Augmented assignment to subscripts: constant and computed indexes, lists and dicts.
xs = [1.5, 2, "a", [1]]
xs[0] += 1
xs[1] *= 10
xs[2] += "b"
xs[3] += [2]
xs[-1] += [3]
i = 1
xs[i] -= 5
print(xs)
d = {0: 1, 3: "x", "k": 2}
d[0] += 41
d[3] *= 3
d["k"] **= 10
print(d)
try:
    d[7] += 1
except KeyError as e:
    print("KeyError", e)
try:
    xs[9] += 1
except IndexError as e:
    print("IndexError", e)
t = (1, 2)
try:
    t[0] += 1
except TypeError as e:
    print("TypeError", e)
s = "abc"
try:
    s[1] += "z"
except TypeError as e:
    print("TypeError", e)
grid = [[0] * 3 for _ in range(3)]
for r in range(3):
    grid[r][r] += r + 1
    grid[0][2] += 1
print(grid)
