# Frames entered by the fast call path: locals start unbound while the
# temporaries above them keep whatever the stack held (they are written
# before they are read); the collector must still see every value a frame
# will read again, and nothing else changes what a program observes.


def maybe(flag):
    if flag:
        y = 1
    return y


def deleted(v):
    w = v * 2
    del w
    return w


for name, f, arg in (("maybe", maybe, True), ("maybe", maybe, False), ("deleted", deleted, 3)):
    try:
        print(name, f(arg))
    except UnboundLocalError as e:
        print(name, type(e).__name__, e)


def deep(n):
    return deep(n + 1) + 1


try:
    deep(0)
except RecursionError as e:
    print("RecursionError", e)


# The same frame positions reused by calls of different shapes: values
# left behind by one call must not show through in the next.
def wide(a):
    t1 = a + 1
    t2 = [t1, t1 * 2]
    t3 = (t2, "s" + str(a))
    return len(t3) + t2[1]


def narrow(a):
    return a * 3


def mix(n):
    total = 0
    for i in range(n):
        total += wide(i) if i % 2 else narrow(i)
    return total


print(mix(50))


# Temporaries that hold results across further calls while those calls
# allocate enough to collect many times: the pending results must survive.
def node(depth, tag):
    if depth == 0:
        return [tag, "leaf" + str(tag)]
    return (node(depth - 1, tag * 2), [str(i) * 5 for i in range(40)],
            node(depth - 1, tag * 2 + 1), "n" + str(tag))


def walk(t):
    if isinstance(t, list):
        return t[0]
    left, filler, right, name = t
    return walk(left) + walk(right) + len(filler) + len(name)


total = 0
for round_ in range(12):
    total += walk(node(9, round_ + 1))
print(total)


# Handlers read registers written before the raising instruction.
def guarded(xs, k):
    hold = [k, k + 1]
    try:
        return xs[k] + hold[1]
    except IndexError:
        return -hold[0]


print([guarded([10, 20, 30], k) for k in range(5)])


# Closures capture cells of parameters and locals of fast-called frames.
def counter(start):
    step = start % 3 + 1

    def bump(n):
        nonlocal start
        start += step * n
        return start
    return bump


c = counter(5)
print(c(1), c(2), c(3))


def recurse_sum(n):
    if n <= 1:
        return n
    a = recurse_sum(n - 1)
    b = recurse_sum(n - 2)
    return a + b + 0 * len(str(a))


print(recurse_sum(18))
