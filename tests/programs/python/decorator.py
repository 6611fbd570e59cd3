def f():
    return 1
@f
def g():
    pass
