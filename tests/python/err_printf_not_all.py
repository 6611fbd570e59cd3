# An uncaught printf-style error: more values than conversions.
print("%d items" % (3, 4))
