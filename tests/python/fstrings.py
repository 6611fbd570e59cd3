# f-strings, format() and str.format() with format specs.
x = 3.14159
n = 1234567
s = "hi"
print(f"{x}", f"{x!r}", f"{s!r}", f"{s!s}", f"{n}", f"{x:.3f}", f"{x:08.2f}", f"{n:,}", f"{n:_}", f"{255:x}", f"{255:X}", f"{255:#x}")
print(f"{s:>8}|", f"{s:<8}|", f"{s:^8}|", f"{s:*^8}|", f"{n:>12,}|", f"{-42:+}", f"{42:+}", f"{42: }", f"{7:05}", f"{-7:05}")
print(f"{x:e}", f"{x:.2e}", f"{123456.789:E}", f"{0.000012345:g}", f"{1234567.0:g}", f"{x:%}", f"{0.5:.0%}", f"{x:.2}", f"{10:b}", f"{8:o}", f"{65:c}")
print(f"{1e100:.3g}", f"{1.5:.0f}", f"{2.5:.0f}", f"{-0.0:.1f}", f"{float('inf'):.2f}", f"{float('nan'):f}", f"{12.5:10.3f}|", f"{True}", f"{None}")
width = 10
prec = 2
print(f"{x:{width}.{prec}f}|", f"{'nested':>{width}}|", f"{{literal}}", f"{x=}", f"{n = }", f"{s!r:>6}")
print(format(x, ".1f"), format(42, "04d"), format("a", "3"), format(1234.5, ","), format(3), format(2.0))
print("{} and {}".format(1, 2), "{1} {0}".format("a", "b"), "{name}!".format(name="Ann"), "{:>5}|{:.2f}".format("x", 2.0), "{0:{1}}|".format(5, 3))
print("{!r} {!s}".format("q", "q"), "{{}}".format(), "{:,}".format(10 ** 9), "{:08.3f}".format(-3.14159))
items = [("apple", 1.5, 3), ("kiwi", 0.25, 12)]
for name, price, qty in items:
    print(f"{name:<8}{price:>6.2f}{qty:>4d}")
