# A Rust panic inside the VM (injected by the test-only process._panic(),
# enabled by the hidden --test-hooks option) ends only its own process, with
# reason "internal error"; the others go on.
import process


def victim():
    process.receive()
    process._panic()


def worker(parent, n):
    process.send(parent, ("sum", sum(range(n))))


me = process.self()
v = process.spawn(victim)
ref = process.monitor(v)
workers = [process.spawn(worker, me, 1000 * k) for k in range(4)]
process.send(v, "go")
results = sorted([process.receive() for _ in range(5)], key=str)
for m in results:
    print(m[0], m[3] if m[0] == "DOWN" else m[1])
print("main still runs")
