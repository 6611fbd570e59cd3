# Python's scoping: locals, globals, reading globals, UnboundLocalError.
x = "global"
def reads():
    return x
def writes():
    x = "local"
    return x
def declares():
    global x
    x = "changed"
print(reads(), writes(), x)
declares()
print(x, reads())
def conditional(flag):
    if flag:
        y = 1
    return y
print(conditional(True))
try:
    conditional(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
def loop_var():
    for i in range(3):
        pass
    return i
print(loop_var())
def deleted():
    z = 5
    del z
    return z
try:
    deleted()
except UnboundLocalError as e:
    print(e)
try:
    print(undefined_name)
except NameError as e:
    print("NameError:", e)
def uses_undefined():
    return also_undefined + 1
try:
    uses_undefined()
except NameError as e:
    print(e)
