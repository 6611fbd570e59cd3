def outer():
    count = 0
    def inner():
        nonlocal count
        global count
        count += 1
    return inner
