# Functions: positional parameters, defaults, return, recursion, globals, module code.
def add(a, b=10, c=100):
    return a + b + c
print(add(1), add(1, 2), add(1, 2, 3))
def nothing():
    pass
print(nothing())
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)
print(fact(20), fact(30))
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print([fib(i) for i in range(15)])
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
print(counter, bump())
def shadow():
    counter = 100
    return counter
print(shadow(), counter)
def reads_global():
    return counter * 2
print(reads_global())
def make_default(x=[]):
    x.append(1)
    return x
print(make_default(), make_default(), make_default([5]))
def early(n):
    for i in range(n):
        if i == 3:
            return i
    return -1
print(early(10), early(2))
def multi():
    return 1, 2, 3
p, q, r = multi()
print(p, q, r, multi())
def f(x):
    return x * 2
g = f
print(g(21), f is g)
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(is_even(10), is_odd(7))
