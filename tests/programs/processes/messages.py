# Messages between one pair of processes keep their order; every kind of
# sendable value arrives as an equal copy; sends to ended processes are
# dropped; pids are printed, hashable, and never reused.
import process


def echo(parent):
    while True:
        m = process.receive()
        if m == "stop":
            return
        process.send(parent, m)


def counter(parent, n):
    for i in range(n):
        process.send(parent, i)


me = process.self()
print(me, type(me).__name__, me == process.self())

# Order between a pair.
p = process.spawn(counter, me, 2000)
got = [process.receive() for _ in range(2000)]
print("in order:", got == list(range(2000)))

# Deep copies of every sendable kind.
e = process.spawn(echo, me)
values = [None, True, 7, 2 ** 100, -1.5, "text", (1, (2, 3)), [1, [2]], {"k": [1, 2], 3: None}, {1, 2, 3}, me, e]
for v in values:
    process.send(e, v)
for v in values:
    r = process.receive()
    print(repr(r), r == v)
shared = [1, 2]
process.send(e, shared)
back = process.receive()
back.append(3)
print(shared, back)

# Unsendable values raise TypeError in the sender.
for bad in [lambda: 1, iter([1]), print, process]:
    try:
        process.send(e, bad)
    except TypeError as err:
        print("TypeError:", err)
cycle = [1]
cycle.append(cycle)
try:
    process.send(e, cycle)
except ValueError as err:
    print("ValueError:", err)

# Sending to a process that has ended is silently dropped.
process.send(e, "stop")
ref = process.monitor(e)
print(process.receive()[0])
process.send(e, "lost")
print("alive:", process.alive(e))

# Pids are never reused, and work as dict keys.
seen = {}
for i in range(50):
    q = process.spawn(counter, me, 0)
    seen[q] = i
print("distinct pids:", len(seen), "alive" if process.alive(me) else "dead")
try:
    process.receive(timeout=0.05)
except TimeoutError:
    print("nothing else arrived")
