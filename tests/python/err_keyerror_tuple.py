# An uncaught KeyError shows the repr of a tuple key.
grid = {(0, 0): "origin", (1, "a"): "mixed"}
print(grid[(1, "a")])
print(grid[(2, "b")])
