def f(*args, **kwargs):
    return args, kwargs
print(f(*[1], key=1, key=2))
