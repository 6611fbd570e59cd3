print(2.0 ** 10)
print(10 ** 400 * 1.0)
