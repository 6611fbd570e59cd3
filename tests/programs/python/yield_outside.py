x = [1]
yield from x
