# The collector reclaims cycles; allocating far more than is live stays bounded.
def make_cycle():
    a = []
    a.append(a)
    d = {}
    d["self"] = d
    def f():
        return g
    def g():
        return f
    return len(a)
total = 0
for i in range(200000):
    total += make_cycle()
print(total)
chunks = 0
for i in range(2000):
    block = [i] * 1000
    chunks += len(block)
print(chunks)
lst = [1, 2]
lst.append(lst)
print(lst)
d = {"a": 1}
d["me"] = d
print(d)
