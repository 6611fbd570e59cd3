# An uncaught printf-style error: %d of a string.
fmt = "%5.1f|%d"
print(fmt % (2.25, 3))
print(fmt % (2.25, "3"))
