# Long-lived tuples next to mutable objects they reach, across many
# collections: the collector promotes immutable structures to an old
# generation that minor collections skip, and must never promote a tuple
# that can reach something mutable.


def make(depth):
    if depth == 0:
        return (None, None)
    return (make(depth - 1), make(depth - 1))


def count(node):
    left, right = node
    if left is None:
        return 1
    return 1 + count(left) + count(right)


def record(h, round, total):
    h[0].append(("round", round, total, "s" * (round % 20)))
    h[1]["key-%d-long-enough" % round] = [round, str(round) * 9]


def record_square(n, round):
    n[0][0][0].append(round * round)


# The list and the dict are reachable only through the tuples.
holder = ([], {}, ("fixed", 1))
nested = ((holder,), "x" * 20)
long_lived = make(16)
tags = tuple("tag-number-%d" % i for i in range(50))

for round in range(40):
    # Young garbage: many trees that die at once.
    total = 0
    for _ in range(20):
        total += count(make(8))
    # Stores into mutable objects reached only through old-looking tuples.
    record(holder, round, total)
    record_square(nested, round)

print(count(long_lived), len(tags), tags[-1])
log, names = holder[0], holder[1]
print(len(log), log[0], log[-2], log[-1])
print(sorted(names)[:3], names["key-39-long-enough"])
print(sum(x for x in log if isinstance(x, int)))
print(holder[2], nested[1])
