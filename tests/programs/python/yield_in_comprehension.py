def squares(n):
    return [(yield i * i) for i in range(n)]
print(squares(3))
