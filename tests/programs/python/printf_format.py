name = "world"
print("hello %s" % name)
