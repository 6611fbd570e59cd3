# An uncaught printf-style error: an unknown conversion character.
print("%d%%" % 5)
print("%z" % 1)
