def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
print(1, 2, sep=", ", end=" |\n")
print("a", "b", sep="")
print(sep="x")
print("only", end="")
print()
print(None, True, 1.0, [1], (1,), {}, set(), "s", sep="|")
show(lambda: print("a", sep=1))
show(lambda: print("a", end=2))
show(lambda: print("a", foo=2))
import sys
print("to stdout", file=sys.stdout)
print("flushed", flush=True)
print(*[1, 2, 3], sep="-")
print(*"abc")
print(*[])
r = range(10, 0, -3)
print(list(range(-5)), list(range(0, -10, -2)), list(range(3, 10, 4)), range(0, 10, 3)[-1])
show(lambda: range(0, 10, 0))
show(lambda: range("a"))
show(lambda: range(10)[10])
show(lambda: range(1, 2, 3, 4))
show(lambda: list(range(2.0)))
print(range(3) == range(3), range(0) == range(5, 5), list(reversed(range(1, 10, 3))), sum(range(101)), max(range(5)), sorted(range(3), reverse=True))
print(range(1, 10, 2)[::-1], range(10)[2:8:2], list(range(10)[::-3]))
g = 0
def gl():
    global g
    for i in range(3):
        g += i
    return g
print(gl(), g)
def gl2():
    if True:
        global h
        h = "set in branch"
gl2()
print(h)
def dl():
    global g
    del g
dl()
show(lambda: g)
def nest():
    global q
    def inner():
        return q
    q = 5
    return inner()
print(nest(), q)
x = [1, 2, 3, 4, 5]
del x[1:3]
print(x)
del (x[0], x[0])
print(x)
a, b = 1, 2
del a, b
show(lambda: a)
c = d = 0
del [c, d]
show(lambda: c)
dct = {"k": 1}
show(lambda: dct.__delitem__("z") if False else None)
def delmiss():
    del dct["z"]
show(delmiss)
def dellocal():
    v = 1
    del v
    del v
show(dellocal)
def delunbound():
    del w
    w = 1
show(delunbound)
def delglobal():
    global nope
    del nope
show(delglobal)
t = (1, 2)
def deltuple():
    del t[0]
show(deltuple)
s = "abc"
def delstr():
    del s[0:1]
show(delstr)
def dellist():
    lst = [1]
    del lst["a"]
show(dellist)
while False:
    pass
else:
    print("while-else on false")
for i in []:
    pass
else:
    print("for-else on empty")
i = 10
for i in range(3):
    pass
print(i)
n = 0
while n < 3:
    n += 1
    if n == 2:
        continue
    print("n", n)
else:
    print("done", n)
for x in range(3):
    for y in range(3):
        if y == 1:
            break
    else:
        print("never")
    if x == 1:
        break
print(x, y)
res = []
for ch in "a1b2":
    if ch.isdigit():
        res.append(int(ch))
print(res)
lst = [1, 2, 3]
for v in lst:
    if v == 2:
        lst.append(4)
    if len(lst) > 6:
        break
print(lst)
print(0 if 0 else 1 if 1 else 2, (lambda: 1 if False else 2)())
print(True and 0 or "x", None or 0 or "" or [] or "last", [] and 1, 1 and [] and 2)
print(1 < 2 < 3 < 2, 1 == 1 != 2, "a" < "b" <= "b" < "c")
x = 5
x += 1; x -= 2; x *= 3; x /= 2; print(x)
x = 17
x //= 3; x %= 4; x **= 3; x <<= 2; x >>= 1; x &= 0xF; x |= 0x30; x ^= 1; print(x)
s = "ab"
s += "c"; s *= 2; print(s)
l = [1]
l2 = l
l += [2]
print(l is l2, l2)
t = (1,)
t2 = t
t += (2,)
print(t is t2, t2, t)
