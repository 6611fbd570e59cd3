def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
classes = [BaseException, Exception, ArithmeticError, ZeroDivisionError, OverflowError, LookupError, IndexError, KeyError, ValueError, TypeError, NameError, UnboundLocalError, AttributeError, RuntimeError, RecursionError, NotImplementedError, AssertionError, StopIteration, TimeoutError, SystemExit]
for c in classes:
    print(c.__name__ if False else "", [isinstance(c(), k) for k in classes].count(True), repr(c()), repr(c("m")), str(c("m")), c("a", 1).args, str(c("a", 1)) if c is not TimeoutError else "", str(c()))
for exc in classes:
    try:
        raise exc("x")
    except ArithmeticError as e:
        print("Arith", repr(e))
    except LookupError as e:
        print("Lookup", repr(e))
    except NameError as e:
        print("Name", repr(e))
    except RuntimeError as e:
        print("Runtime", repr(e))
    except OSError as e:
        print("OSError", repr(e))
    except Exception as e:
        print("Exception", repr(e))
    except BaseException as e:
        print("Base", repr(e))
print(isinstance(ValueError(), (TypeError, ValueError)), isinstance(1, (str, (int, float))), isinstance(1, ()))
show(lambda: isinstance(1, 1))
show(lambda: isinstance(1, (int, 1)))
e = ValueError("msg")
print(e.args, type(e) is ValueError, type(e).__name__)
e2 = KeyError("k")
print(str(e2), repr(e2), e2.args[0])
print(str(ValueError(1)), str(ValueError(None)), repr(ValueError(None)), str(ValueError([1])), repr(ValueError("a'b")), str(ValueError("")), repr(ValueError(())), str(ValueError(())))
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args, str(e) == "")
try:
    raise TypeError("bad") from None
except TypeError as e:
    print(e.__cause__, e.__suppress_context__ if False else "")
def f():
    try:
        return 1 / 0
    except ZeroDivisionError as e:
        return e
print(repr(f()))
try:
    try:
        raise ValueError("a")
    except ValueError:
        raise TypeError("b")
except TypeError as e:
    print(repr(e), repr(e.__context__))
try:
    try:
        raise ValueError("a")
    finally:
        print("fin")
except ValueError as e:
    print("caught", e)
def g():
    for i in range(3):
        try:
            if i == 1:
                raise KeyError(i)
        except KeyError as e:
            print("k", e)
            continue
        finally:
            print("f", i)
g()
def h():
    try:
        try:
            raise ValueError
        except ValueError:
            raise
    except ValueError as e:
        return "reraised " + repr(e)
print(h())
try:
    raise ValueError("x")
except (TypeError, ValueError) as e:
    print("tuple", e)
excs = (KeyError, IndexError)
try:
    [][1]
except excs as e:
    print("tuple var", e)
try:
    raise StopIteration(5)
except StopIteration as e:
    print(e.args, e.value if False else "")
def nested_finally():
    try:
        try:
            1 / 0
        finally:
            print("inner")
    finally:
        print("outer")
try:
    nested_finally()
except ZeroDivisionError:
    print("zde")
def ret_in_finally():
    try:
        raise ValueError
    finally:
        return "swallowed"
print(ret_in_finally())
def break_in_finally():
    for i in range(3):
        try:
            raise ValueError
        finally:
            break
    return i
print(break_in_finally())
try:
    assert 1 == 2, ("tuple", 1)
except AssertionError as e:
    print(e.args, str(e))
try:
    assert [], "empty"
except AssertionError as e:
    print(repr(e))
x = 0
try:
    x = 1
except:
    x = 2
else:
    x += 10
finally:
    x += 100
print(x)
try:
    raise Exception("base")
except BaseException as e:
    print(type(e).__name__)
def chain():
    try:
        1 / 0
    except Exception as e:
        raise ValueError("v") from e
try:
    chain()
except ValueError as e:
    print(repr(e.__cause__), e.__cause__.args)
e = None
try:
    raise ValueError(1)
except ValueError as e:
    pass
try:
    print(e)
except NameError as err:
    print("NameError:", err)
show(lambda: int("12", 37))
show(lambda: int("", 10))
show(lambda: int(" "))
show(lambda: int("1.5"))
show(lambda: int(1.5, 10))
show(lambda: int("0x10"))
show(lambda: int("0x10", 0))
show(lambda: int("010", 0))
show(lambda: int("0o17", 8))
show(lambda: int("1__0"))
show(lambda: int("_10"))
show(lambda: int("10_"))
show(lambda: int(" -0b11 ", 0))
show(lambda: int("Z", 36))
show(lambda: int("9" * 30))
show(lambda: int(None))
show(lambda: int([1]))
show(lambda: int("1e3"))
show(lambda: int(True))
show(lambda: int())
show(lambda: int("10", base=2))
show(lambda: int(-0.9))
show(lambda: int(1e300))
show(lambda: float("nan"))
show(lambda: float("-inf"))
show(lambda: float("infinity"))
show(lambda: float("1e500"))
show(lambda: float(" 1_000.5 "))
show(lambda: float("0x10"))
show(lambda: float(""))
show(lambda: float(None))
show(lambda: float(10**400))
show(lambda: float("-0"))
show(lambda: float(True))
