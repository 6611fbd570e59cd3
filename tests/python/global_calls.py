# Calls of a global whose arguments are plain copies (`f(x)`, `f(x, 1)`)
# load the callee with the call itself (`callg`, `callg1`), and a constant
# returned at once is one instruction (`returnk`): the callee is still
# evaluated before the arguments (its NameError first), every kind of
# callee still works, and locals written before they are read never show
# a stale value.


def tree(d):
    if d == 0:
        return (None, None)
    d -= 1
    return (tree(d), tree(d))


def count(node):
    left, right = node
    if left is None:
        return 1
    return 1 + count(left) + count(right)


print(count(tree(6)), count(tree(0)))


def add(a, b):
    return a + b


def calls(x):
    return add(x, 1), add(x, x), add(2.5, x), add("a", "b"), add(None is None, True)


print(calls(3))


def missing(x):
    return nowhere(x)


def missing_two(x):
    return nowhere(x, 2)


def missing_first():
    if False:
        y = 1
    # The callee is evaluated before the unbound argument: NameError.
    return nowhere(y)


def unbound_arg():
    if False:
        y = 1
    return add(y, 1)


for name, f in (("missing", missing), ("missing_two", missing_two)):
    try:
        f(1)
    except NameError as e:
        print(name, type(e).__name__, e)
for name, f in (("missing_first", missing_first), ("unbound_arg", unbound_arg)):
    try:
        f()
    except (NameError, UnboundLocalError) as e:
        print(name, type(e).__name__, e)


def later(x):
    return hook(x)


try:
    later(1)
except NameError as e:
    print("before", e)


def hook(x):
    return x * 10


print("after", later(4))
hook = lambda x: [x]
print("rebound", later(5))
hook = str
print("class", repr(later(6)))
hook = len
print("native", later("seven"))
hook = abs
print("abs", later(-8))


hook = print
later("print")
items = [1]
hook = items.append
print("method", later(2), items)
hook = 5
try:
    later(3)
except TypeError as e:
    print("not callable", type(e).__name__, e)


def defaults(a, b=2):
    return a + b


hook = defaults
print("defaults", later(1))


def two(a, b):
    return a * b


hook = two
try:
    later(3)
except TypeError as e:
    print("arity", type(e).__name__, e)


def star(*args):
    return args


hook = star
print("star", later(12))


def gen(n):
    yield n
    yield n + 1


hook = gen
print("generator", list(later(13)))


def spin(n):
    return spin(n)


try:
    spin(0)
except RecursionError as e:
    print("recursion", type(e).__name__)


def consts(k):
    if k == 0:
        return 7
    if k == 1:
        return -3.5
    if k == 2:
        return True
    if k == 3:
        return None
    if k == 4:
        return "text"
    if k == 5:
        return (1, "two", None)
    if k == 6:
        return 123456789012345678901234567890
    if k == 7:
        return 2.0
    return k if k > 100 else 0


print([consts(k) for k in range(9)], consts(101))


def guarded(k):
    try:
        if k:
            return 1
        return "zero"
    finally:
        print("finally", k)


print(guarded(1), guarded(0))


def stale(n):
    # `a` and `b` are written before they are read: whatever an earlier
    # frame left in their registers must never be seen.
    if n > 0:
        stale(n - 1)
    a, b = (n, n * 2)
    return a + b


print(stale(5))
print(nowhere_at_all(1))
