# Very long precisions and widths: printf-style and format specs past Rust formatter limits.
try:
    x = "%*s" % (10**13, "a")
except MemoryError:
    print("mem")
try:
    x = "%9999999999999s" % "a"
except MemoryError:
    print("mem2")
print(len("%*d" % (100000, 1)))
for spec in ["%.70000f", "%.70000e", "%.70000g", "%#.70000g", "%.2000f", "%.1200e"]:
    for v in [1.0, 1/3, 5e-324, 1.7976931348623157e308, -2.5, 0.0]:
        t = spec % v
        print(spec, v, len(t), t[:30], t[-30:])
for spec in [".70000f", ".70000e", ".70000g", ".70000", ".70000%", "#.70000g"]:
    for v in [1.0, 1/3, 5e-324, 123456.789]:
        t = format(v, spec)
        print(spec, v, len(t), t[:30], t[-30:])
print(f"{1/3:.1500}"[-20:], f"{2.0**-1074:.1100e}"[-30:])
