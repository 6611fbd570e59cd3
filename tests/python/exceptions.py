# try/except/else/finally, raise forms, the built-in hierarchy, args, assert.
def risky(n):
    if n == 0:
        raise ValueError("zero")
    if n == 1:
        raise KeyError("one")
    if n == 2:
        return 1 / 0
    return n
for n in range(4):
    try:
        r = risky(n)
    except (KeyError, ZeroDivisionError) as e:
        print("caught", type(e).__name__, e, e.args)
    except ValueError:
        print("value error")
    else:
        print("no error", r)
    finally:
        print("finally", n)
def hierarchy(exc):
    try:
        raise exc
    except ArithmeticError:
        return "ArithmeticError"
    except LookupError:
        return "LookupError"
    except Exception as e:
        return "Exception " + type(e).__name__
print([hierarchy(e) for e in [ZeroDivisionError, OverflowError, IndexError, KeyError, TypeError("t"), NameError, RecursionError, NotImplementedError("x"), AssertionError, TimeoutError, UnboundLocalError, AttributeError, RuntimeError, StopIteration]])
try:
    raise SystemExit(5)
except BaseException as e:
    print("BaseException", type(e).__name__, e.args)
print(isinstance(ValueError("x"), Exception), isinstance(KeyboardInterrupt(), Exception))
e = ValueError("a", 2)
print(str(e), repr(e), e.args, str(ValueError()), repr(KeyError("k")), str(KeyError("k")), str(IndexError(3)))
try:
    try:
        raise TypeError("inner")
    except TypeError:
        raise
except TypeError as err:
    print("re-raised", err)
try:
    try:
        1 / 0
    except ZeroDivisionError as err:
        raise ValueError("converted") from err
except ValueError as err:
    print(err, type(err.__cause__).__name__)
def finally_return():
    try:
        return "try"
    finally:
        print("cleanup runs")
print(finally_return())
def finally_overrides():
    try:
        return 1
    finally:
        return 2
print(finally_overrides())
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("always", i)
try:
    assert 1 + 1 == 3, "math is broken"
except AssertionError as err:
    print("AssertionError:", err)
try:
    assert False
except AssertionError as err:
    print("bare assert", repr(err))
count = 0
while True:
    try:
        count += 1
        if count == 3:
            break
    finally:
        print("loop finally", count)
try:
    raise NotImplementedError
except RuntimeError as err:
    print("NotImplementedError is a RuntimeError", repr(err))
def nested():
    try:
        try:
            raise KeyError("x")
        finally:
            print("inner finally")
    except LookupError as err:
        print("outer caught", repr(err))
nested()
try:
    int("nope")
except (TypeError, ValueError) as err:
    print("tuple match:", err)
