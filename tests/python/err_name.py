def f():
    return missing_variable
f()
