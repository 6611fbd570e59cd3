# Lists: slicing with steps (read, assign, delete), methods, operators, builtins.
xs = list(range(10))
print(xs[::2], xs[1::3], xs[::-1], xs[-3:], xs[:-7], xs[8:2:-2], xs[100:], xs[-100:2], xs[::-3])
ys = xs[:]
ys[2:5] = ["a", "b"]
print(ys)
ys[::3] = [0, 0, 0]
print(ys)
ys[1:1] = [99, 98]
print(ys)
del ys[::2]
print(ys)
del ys[1:3]
print(ys)
del ys[0]
print(ys)
zs = [3, 1, 2]
zs.extend([5, 4])
zs.extend("ab")
zs.insert(0, "first")
zs.insert(-1, "almost")
zs.insert(100, "end")
print(zs)
print(zs.pop(), zs.pop(0), zs.pop(-2), zs)
zs.remove("a")
print(zs, zs.index(5), zs.count(1), [1, 2, 1, 1].count(1))
nums = [5, 2, 8, 1, 9, 3]
nums.sort()
print(nums)
nums.sort(reverse=True)
print(nums)
words = ["pear", "Apple", "fig", "banana"]
words.sort(key=len)
print(words)
words.sort(key=lambda w: w.lower(), reverse=True)
print(words)
words.reverse()
print(words)
c = words.copy()
c.clear()
print(c, words)
print([1, 2] + [3], [0] * 3, 2 in [1, 2], 5 not in [1, 2], [1, 2] == [1, 2], [1, 2] != [1, 3])
print([1, 2] < [1, 2, 0], [2] > [1, 9], [] < [0], [1, "a"] == [1, "a"], [[1]] < [[2]])
print(sorted([3, 1, 2]), sorted("cba"), sorted([1, 3, 2], reverse=True), sorted(["b", "A", "c"], key=str.lower))
print(list(reversed([1, 2, 3])), list(reversed(range(4))), list(reversed("abc")))
print(sum([1, 2, 3]), sum([0.5, 0.25]), sum([[1], [2]], []), sum(range(101), 10))
print(min([4, 2, 8]), max([4, 2, 8]), min("hello"), max([1, 5], [2, 0]), min([], default="empty"), max([3, 1], key=lambda v: -v))
print(any([0, 0, 1]), any([]), all([1, 1]), all([]), all([1, 0]))
print(list(enumerate("abc")), list(enumerate("ab", 1)), list(zip([1, 2, 3], "ab")), list(zip()))
print(list(map(abs, [-1, -2])), list(map(pow, [2, 3], [3, 2])), list(filter(str.isdigit, "a1b2")))
print(list("abc"), list((1, 2)), list({"k": 1}), list(range(3)))
grid = [[0] * 3 for _ in range(2)]
grid[0][1] = 5
print(grid)
del_me = [1, 2, 3]
del del_me[-1]
print(del_me)
nested = [1, [2, [3, [4]]]]
print(nested, nested[1][1][1][0], len(nested))
