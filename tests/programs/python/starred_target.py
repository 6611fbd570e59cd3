xs = [1, 2, 3]
first, *rest = xs
