# raise and except with invalid operands, bare re-raise, __context__ and __cause__.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
def r1():
    raise 5
def r2():
    raise ValueError("x") from 5
def r3():
    raise
def r4():
    try:
        1 / 0
    except 5:
        pass
def r5():
    try:
        1 / 0
    except (ZeroDivisionError, 5):
        return "caught"
def r6():
    try:
        1 / 0
    except (5, ZeroDivisionError):
        return "caught"
def r7():
    raise ValueError
def r8():
    raise ValueError() from ValueError
def r9():
    raise "string"
def r10():
    try:
        pass
    except 5:
        pass
    return "no exception, no check"
def r11():
    e = ValueError("kept")
    try:
        raise e
    except ValueError as caught:
        return caught is e
def r12():
    try:
        raise KeyError("k")
    except KeyError as e:
        try:
            raise
        except KeyError as again:
            return again is e
def r13():
    try:
        raise TypeError("outer")
    except TypeError:
        try:
            raise ValueError("inner")
        except ValueError:
            pass
        raise
def r14():
    err = None
    try:
        raise ValueError("v")
    except ValueError as e:
        err = e
    raise err
def r15():
    raise SystemExit
def r16():
    raise BaseException("base")
for f in [r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14]:
    show(f)
for f in [r15, r16]:
    try:
        f()
    except BaseException as e:
        print("caught", type(e).__name__, e.args)
try:
    try:
        raise ValueError("a")
    finally:
        print("finally runs before the handler")
except ValueError as e:
    print("handled", e)
def ctx():
    try:
        try:
            raise ValueError("first")
        except ValueError:
            raise TypeError("second")
    except TypeError as e:
        return repr(e.__context__), e.__cause__
print(ctx())
def cause():
    try:
        raise ValueError("first") from KeyError("k")
    except ValueError as e:
        return repr(e.__cause__)
print(cause())
