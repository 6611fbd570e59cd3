# Requests for more memory than the machine has (these ask for a terabyte or
# more) fail at once with MemoryError or CPython's own error, never by filling memory.
tries = [
    lambda: "x" * 10**12,
    lambda: [0] * 10**12,
    lambda: (1, 2) * 10**12,
    lambda: "x".ljust(10**12),
    lambda: "x".rjust(10**12, "*"),
    lambda: "x".center(10**12),
    lambda: "7".zfill(10**12),
    lambda: f"{1:99999999999}",
    lambda: format(2.5, "99999999999"),
    lambda: f"{1.5:.99999999999f}",
    lambda: "%99999999999d" % 1,
]
for i, t in enumerate(tries):
    try:
        t()
        print(i, "built")
    except (MemoryError, ValueError) as e:
        print(i, type(e).__name__, e)
