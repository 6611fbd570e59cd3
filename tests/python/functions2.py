# Keyword arguments, *args/**kwargs, keyword-only parameters, lambda, closures.
def f(a, b=2, *args, c, d=4, **kwargs):
    return (a, b, args, c, d, sorted(kwargs.items()))
print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, e=6, d=7))
print(f(*[1, 2, 3], **{"c": 9, "z": 0}))
def g(*args, **kwargs):
    return args, kwargs
print(g(), g(1, 2), g(x=1), g(1, *[2, 3], *(4,), y=2, **{"z": 3}))
def kwonly(*, key, default=None):
    return key, default
print(kwonly(key=1), kwonly(default=2, key=3))
def pos(a, b, c):
    return a * 100 + b * 10 + c
print(pos(1, 2, 3), pos(c=3, a=1, b=2), pos(1, c=3, b=2), pos(*(1, 2), 3), pos(**{"a": 1, "b": 2, "c": 3}))
square = lambda v: v * v
add = lambda a, b=10: a + b
print(square(7), add(1), add(1, 2), (lambda: "no args")(), sorted([3, 1, 2], key=lambda v: -v))
def make_counter():
    count = 0
    def increment(by=1):
        nonlocal count
        count += by
        return count
    def get():
        return count
    return increment, get
inc, get = make_counter()
inc(); inc(5)
print(get(), inc(), get())
def make_adders():
    return [lambda x, i=i: x + i for i in range(3)]
print([a(10) for a in make_adders()])
def outer():
    x = 1
    def middle():
        def inner():
            return x * 100
        return inner()
    x = 2
    return middle()
print(outer())
def apply(func, *args, **kwargs):
    return func(*args, **kwargs)
print(apply(max, 3, 9, 4), apply(sorted, [2, 1], reverse=True), apply(pos, 1, 2, c=3))
funcs = {"double": lambda v: v * 2, "neg": lambda v: -v}
print({name: fn(5) for name, fn in funcs.items()})
def compose(*fs):
    def run(v):
        for fn in reversed(fs):
            v = fn(v)
        return v
    return run
print(compose(str, abs, lambda v: v - 10)(3))
def defaults_are_shared(x, acc=[]):
    acc.append(x)
    return acc
print(defaults_are_shared(1), defaults_are_shared(2))
def rec_closure(n):
    def go(k):
        return 1 if k <= 1 else k * go(k - 1)
    return go(n)
print(rec_closure(10))
