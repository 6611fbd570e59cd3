# Monitors deliver ("DOWN", ref, pid, reason) exactly once; monitoring a
# process that is already gone delivers it at once with reason "noproc".
import process


def crash(msg):
    process.receive()
    raise ValueError(msg)


def wait_then_exit(reason):
    process.receive()
    process.exit(reason)


p = process.spawn(crash, "bad value")
r1 = process.monitor(p)
r2 = process.monitor(p)
process.send(p, "go")
print(type(r1).__name__, r1 != r2)
downs = [process.receive(), process.receive()]
downs.sort(key=lambda m: m[1] == r2)
for m in downs:
    print(m[0], m[2] == p, m[3])
try:
    process.receive(timeout=0.02)
except TimeoutError:
    print("each monitor fired once")

# Already gone: "noproc" at once (no waiting needed).
r3 = process.monitor(p)
m = process.receive(timeout=0)
print(m[0], m[1] == r3, m[2] == p, m[3])

# spawn_opt(monitor=True) watches from the start.
q = process.spawn_opt(wait_then_exit, ("finished",), monitor=True)
process.send(q, "go")
m = process.receive()
print(m[0], m[2] == q, m[3])

# Exit reasons may be any sendable value.
q = process.spawn(wait_then_exit, ("shutdown", 3))
r = process.monitor(q)
process.send(q, "go")
print(process.receive()[3])
q = process.spawn(wait_then_exit, "normal")
r = process.monitor(q)
process.send(q, "go")
print(process.receive()[3])
