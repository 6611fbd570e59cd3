# An uncaught printf-style error: too few values for the conversions.
name = "world"
print("hello %s" % name)
print("%s and %s" % (name,))
