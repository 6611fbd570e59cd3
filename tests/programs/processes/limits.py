# Limits set at spawn end only the process that exceeds them, with a reason
# naming the limit; the other processes finish.
import process


def hog():
    data = []
    while True:
        data.append("x" * 1000)


def spin():
    while True:
        pass


def patient():
    process.sleep(1000)


def worker(parent, n):
    total = 0
    for i in range(n):
        total += i
    process.send(parent, ("worker", total))


me = process.self()
watched = {}
for name, fn, opts in [("hog", hog, {"max_heap": 200000}), ("spin", spin, {"max_instructions": 50000}),
                       ("patient", patient, {"max_mailbox": 3})]:
    pid = process.spawn_opt(fn, (), max_heap=opts.get("max_heap"), max_instructions=opts.get("max_instructions"),
                            max_mailbox=opts.get("max_mailbox"), monitor=True)
    watched[pid] = name
workers = [process.spawn(worker, me, 20000) for _ in range(3)]
for i in range(4):
    process.send([p for p in watched if watched[p] == "patient"][0], i)

results = []
for _ in range(6):
    m = process.receive()
    if m[0] == "DOWN":
        results.append(watched[m[2]] + ": " + m[3])
    else:
        results.append(m[0] + ": " + str(m[1]))
for r in sorted(results):
    print(r)

# Limits must be whole numbers >= 0.
for bad in [{"max_heap": -1}, {"max_instructions": "many"}]:
    try:
        process.spawn_opt(spin, (), **bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
