# sys.stdout.write and flush, interleaved with print; sys.stderr.write and print(file=sys.stderr).
import sys

n = sys.stdout.write("hello")
print(" world", n)
print(sys.stdout.write(""), sys.stdout.write("é€😀\n"))
sys.stdout.write("a")
print("b", end="")
sys.stdout.write("c\n")
print(sys.stdout.flush())
sys.stdout.flush()
for i in range(3):
    sys.stdout.write(str(i))
    sys.stdout.write(" ")
sys.stdout.write("\n")
out = sys.stdout
w = out.write
print(w("bound\n"))
print(sys.stderr.write("to stderr\n"))
print("also to stderr", file=sys.stderr)
print("stdout again", file=sys.stdout)
sys.stderr.flush()
print(sys.stdout.write("%d-%s\n" % (1, "x")))
for bad in [lambda: sys.stdout.write(1), lambda: sys.stdout.write(None),
            lambda: sys.stdout.write(), lambda: sys.stdout.write("a", "b"),
            lambda: sys.stdout.write(s="x"), lambda: sys.stdout.flush(1),
            lambda: sys.stderr.write(["x"])]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
