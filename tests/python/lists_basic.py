# Lists: literals, indexing (negative too), assignment, len, append, iteration, repetition.
xs = [1, 2, 3]
print(xs, xs[0], xs[-1], xs[-3], len(xs))
xs[0] = 10
xs[-1] = 30
xs.append(4)
print(xs, len(xs))
ys = [0] * 5
print(ys, [1, 2] * 3, [] * 4, [[1]] * 2)
total = 0
for x in xs:
    total += x
print(total)
nested = [[1, 2], [3, 4]]
nested[1][0] = 99
print(nested, nested[1], nested[-1][-1])
empty = []
print(empty, len(empty), [None, True, 1.5, "s"])
a = [1]
b = a
b.append(2)
print(a, b, a is b, a == [1, 2], a is [1, 2])
print([1, 2] + [3], [1, 2] == [1, 2], [1, 2] < [1, 3], [1] < [1, 0])
