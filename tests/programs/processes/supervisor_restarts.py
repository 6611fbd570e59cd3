# Restart kinds: "permanent" children are always restarted, "transient" ones
# only after an abnormal exit, "temporary" ones never. More restarts than
# the intensity within the period end the supervisor with reason "shutdown"
# and stop its children.
import process
import supervisor


def child(parent, name):
    process.send(parent, ("up", name, process.self()))
    m = process.receive()
    if m == "crash":
        raise ValueError(name)
    # Any other message: end normally.


def collect(n):
    return sorted([process.receive() for _ in range(n)])


def settle():
    # Nothing else arrives: no restart happened.
    try:
        m = process.receive(timeout=0.1)
        print("unexpected:", m)
    except TimeoutError:
        pass


me = process.self()
kinds = ["permanent", "transient", "temporary"]
sup = supervisor.start([(child, (me, k), k) for k in kinds], intensity=10)
pids = {}
for tag, name, pid in collect(3):
    pids[name] = pid

# Normal exits: only the permanent child comes back.
for k in kinds:
    process.send(pids[k], "stop")
ups = collect(1)
print("after normal exits:", [m[1] for m in ups])
settle()
pids["permanent"] = ups[0][2]

# Crashes: permanent and transient children come back, temporary ones do not.
sup2 = supervisor.start([(child, (me, k), k) for k in kinds], intensity=10)
for tag, name, pid in collect(3):
    pids[name] = pid
for k in kinds:
    process.send(pids[k], "crash")
print("after crashes:", [m[1] for m in collect(2)])
settle()

# Intensity: at most 2 restarts in 5 seconds; the third crash shuts it down.
sup3 = supervisor.start([(child, (me, "x"), "permanent"), (child, (me, "y"), "permanent")], intensity=2, period=5.0)
ref = process.monitor(sup3)
ups = collect(2)
x = ups[0][2]
y_ref = process.monitor(ups[1][2])
for i in range(2):
    process.send(x, "crash")
    m = process.receive()
    print("restart", i + 1, m[:2])
    x = m[2]
process.send(x, "crash")
downs = [process.receive(), process.receive()]
print("supervisor:", [m[3] for m in downs if m[1] == ref], "sibling:", [m[3] for m in downs if m[1] == y_ref])
print("supervisor alive:", process.alive(sup3))

# Restarts older than the period do not count.
sup4 = supervisor.start([(child, (me, "z"), "permanent")], intensity=1, period=0.05)
ref = process.monitor(sup4)
z = collect(1)[0][2]
for i in range(3):
    process.sleep(0.1)
    process.send(z, "crash")
    z = process.receive()[2]
print("restarted 3 times, intensity 1 per 0.05 s:", process.alive(sup4))

for bad in [([], "fastest", 1, 1.0), ([(child, (), "sometimes")], "one_for_one", 1, 1.0), ([child], "one_for_one", 1, 1.0), ([], "one_for_one", -1, 1.0)]:
    try:
        supervisor.start(bad[0], strategy=bad[1], intensity=bad[2], period=bad[3])
    except (ValueError, TypeError) as e:
        print(type(e).__name__, str(e).split(" (")[0][:40])
