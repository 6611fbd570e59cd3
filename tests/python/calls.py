# Calls: keyword arguments, *args and **kwargs at both ends, keyword-only parameters, closures; the errors of each.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
def f(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
print(f(1, c=3), f(1, 2, 3, c=0, z=9), f(*[1, 2, 3, 4], **{"c": 5, "y": 6}), f(a=1, c=2))
show(lambda: f())
show(lambda: f(1))
show(lambda: f(1, 2, 3))
show(lambda: f(1, a=2, c=3))
show(lambda: f(1, c=1, **{"c": 2}))
show(lambda: f(1, **{1: 2}))
show(lambda: f(*5))
show(lambda: f(**[1]))
def g(a, b):
    return a, b
show(lambda: g(1, 2, 3))
show(lambda: g(1, b=2, x=3))
show(lambda: g(b=1))
show(lambda: g())
show(lambda: g(1, 2, b=3))
def h(*, k):
    return k
show(lambda: h(1))
show(lambda: h())
show(lambda: h(k=1, j=2))
def o(a, b=1, *, c, d):
    return a
show(lambda: o(1))
show(lambda: o(1, 2, 3))
show(lambda: o())
def p(x, y=2, z=3):
    return x
show(lambda: p(1, 2, 3, 4))
show(lambda: p())
def q():
    return 0
show(lambda: q(1))
show(lambda: q(a=1))
lam = lambda x, y=1, *a, **k: (x, y, a, k)
print(lam(1), lam(1, 2, 3, q=4), (lambda *a: a)(), (lambda **k: k)(x=1))
show(lambda: lam())
def outer():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    def peek():
        return n
    return inc, peek
i1, p1 = outer()
i2, p2 = outer()
i1(); i1(); i2()
print(p1(), p2())
def counter():
    x = 0
    def a():
        nonlocal x
        x = x + 10
        def b():
            nonlocal x
            x *= 2
            return x
        return b()
    return a
c = counter()
print(c(), c())
def late():
    fs = [lambda: i for i in range(3)]
    return [f() for f in fs]
print(late())
def cell_after():
    def get():
        return v
    v = 5
    return get()
print(cell_after())
def unbound_cell():
    def get():
        return v
    r = None
    try:
        r = get()
    except NameError as e:
        r = str(e)
    v = 1
    return r
print(unbound_cell())
def shadow_param(x):
    def inner():
        return x * 2
    x = 10
    return inner()
print(shadow_param(1))
def make(n):
    return lambda: n
fs = [make(i) for i in range(3)]
print([f() for f in fs])
def rec(n):
    return 1 if n == 0 else n * rec(n - 1)
print(rec(25))
def default_eval():
    k = 5
    def d(x=k):
        return x
    k = 6
    return d()
print(default_eval())
def kw_order(**kw):
    return list(kw)
print(kw_order(b=1, a=2, c=3))
def star_only(*args):
    return sum(args)
print(star_only(), star_only(*range(5)), star_only(1, *[2], 3, *(4, 5)))
def mixed(a, *args, **kwargs):
    return a, args, kwargs
print(mixed(*[1, 2], x=1, **{"y": 2}), mixed(**{"a": 7}))
show(lambda: mixed(1, **{"a": 2}))
print(list(map(lambda x: x ** 2, range(4))), list(filter(lambda s: s, ["", "a"])), sorted(["b", "a"], key=lambda s: s))
funcs = [abs, str, len]
print([fn(-1) if fn is not len else fn("ab") for fn in funcs])
def gen_default(a=[]):
    return a
print(gen_default() is gen_default())
def nested_def():
    def a():
        return b()
    def b():
        return "b"
    return a()
print(nested_def())
x = 10
def read_global_in_closure():
    def inner():
        return x
    return inner()
print(read_global_in_closure())
def nonlocal_loop():
    total = 0
    def add(v):
        nonlocal total
        total += v
    for i in range(5):
        add(i)
    return total
print(nonlocal_loop())
# Star arguments: several, lazy ones (generators run first), and the errors for non-iterables, non-mappings and repeated keywords.
def star(*a, **k):
    return a, k
l = []
l.extend(x for x in range(3))
print(l)
print(star(*[1], *(x for x in range(3))))
print(star(0, *(x for x in range(3))))
def gen():
    yield 1
    raise ValueError("boom")
try:
    star(0, *gen())
except ValueError as e:
    print("VE", e)
try:
    star(0, *5)
except TypeError as e:
    print("TE", e)
print(star(*"ab", **{"x": 1}, y=2))
print(star(*(x for x in "ab")), star(*map(str, [1,2])), star(*filter(None, [0, 1])), star(*range(3)), star(*{1: 2}), star(*"xy"), star(*{3}))
import math
try:
    math.sqrt(*5)
except TypeError as e:
    print(e)
try:
    [].append(*5)
except TypeError as e:
    print(e)
try:
    star(*5)
except TypeError as e:
    print(e)
try:
    print(*None)
except TypeError as e:
    print(e)
try:
    int(*5)
except TypeError as e:
    print(e)
def kw(a, b=0, **rest):
    return a, b, sorted(rest.items())
print(kw(**{"a": 1}, b=2), kw(1, **{"b": 3}, **{"c": 4}), kw(a=1, **{}, z=5))
show(lambda: kw(1, **{"a": 2}))
show(lambda: kw(a=1, **{"a": 2}))
show(lambda: kw(**{"a": 1}, a=2))
show(lambda: kw(**{"b": 1}, **{"b": 2}))
show(lambda: kw(**{"a": 1}, **[1]))
show(lambda: kw(**{1: 2}))
show(lambda: kw(1, *5))
show(lambda: kw(*[1], *5))
show(lambda: print(**[1]))
show(lambda: max(*5))
show(lambda: dict(**{"x": 1}, x=2))
print(dict(**{"x": 1}, y=2), "{}-{k}".format(*[1], **{"k": 2}), max(*[3, 9], *(4,), key=lambda v: -v))
