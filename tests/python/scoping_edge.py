# Scoping corners: del of a nonlocal, late binding, defaults, except-variable clearing, globals defined later.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
def outer():
    x = 1
    def g():
        nonlocal x
        del x
    g()
    try:
        return x
    except NameError as e:
        return type(e).__name__ + ": " + str(e)
print(outer())
def outer2():
    def g():
        return y
    try:
        g()
    except NameError as e:
        print(type(e).__name__ + ":", e)
    y = 2
    return g()
print(outer2())
def loop_closures():
    fs = []
    for i in range(3):
        def f(i=i):
            return i
        fs.append(f)
    return [f() for f in fs]
print(loop_closures())
def counter_gen():
    n = 0
    def bump():
        nonlocal n
        n += 1
        return n
    while bump() < 3:
        pass
    return n
print(counter_gen())
v = "module"
def reads_before_assign():
    print(v)
    v = 1
show(reads_before_assign)
def aug_global():
    global v
    v += "!"
    return v
print(aug_global())
def comp_sees_class_free():
    base = 10
    return [base + i for i in range(2)], {k: base for k in "a"}, list(base * j for j in range(2))
print(comp_sees_class_free())
def lambda_default_scope():
    x = 5
    f = lambda y=x: y + x
    x = 7
    return f()
print(lambda_default_scope())
def deep():
    a = 1
    def l1():
        b = 2
        def l2():
            c = 3
            def l3():
                return a + b + c
            return l3
        return l2
    return l1()()()
print(deep())
def rebind_in_loop():
    out = []
    for k in range(3):
        out.append(lambda: k)
    return [f() for f in out]
print(rebind_in_loop())
try:
    undefined_fn()
except NameError as e:
    print(e)
def uses_later_global():
    return later
later = "defined later"
print(uses_later_global())
def except_var_cleared():
    try:
        raise ValueError("x")
    except ValueError as err:
        pass
    try:
        return err
    except UnboundLocalError as e:
        return str(e)
print(except_var_cleared())
def while_else_closure():
    items = []
    i = 0
    while i < 2:
        items.append(lambda i=i: i * 10)
        i += 1
    else:
        items.append(lambda: "else")
    return [f() for f in items]
print(while_else_closure())
