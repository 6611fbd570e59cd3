def inner():
    yield 1
    return "result"
def outer():
    x = yield from inner()
    print("got", x)
    yield 2
print(list(outer()))
