# Supervisor strategies: one_for_one restarts only the crashed child (its
# siblings keep running, with their state); one_for_all restarts every
# child; rest_for_one restarts the crashed child and those started after it.
import process
import supervisor


def worker(parent, name):
    process.send(parent, ("up", name, process.self()))
    pings = 0
    while True:
        m = process.receive()
        if m == "crash":
            raise RuntimeError("crash of " + name)
        pings += 1
        process.send(parent, ("pong", name, pings))


def collect(n):
    return sorted([process.receive() for _ in range(n)])


def run(strategy):
    me = process.self()
    specs = [(worker, (me, name), "permanent") for name in ["a", "b", "c"]]
    sup = supervisor.start(specs, strategy=strategy)
    pids = {}
    for tag, name, pid in collect(3):
        pids[name] = pid
    for name in ["a", "b", "c"]:
        process.send(pids[name], "ping")
    print(strategy, "before:", [m[1:] for m in collect(3)])
    process.send(pids["b"], "crash")
    ups = collect({"one_for_one": 1, "one_for_all": 3, "rest_for_one": 2}[strategy])
    print(strategy, "restarted:", [m[1] for m in ups], "with new pids:", all(pids[m[1]] != m[2] for m in ups))
    for tag, name, pid in ups:
        pids[name] = pid
    for name in ["a", "b", "c"]:
        process.send(pids[name], "ping")
    # Restarted children count from 1 again; the others kept their state.
    print(strategy, "after:", [m[1:] for m in collect(3)])
    process.kill(sup, "kill")


for strategy in ["one_for_one", "one_for_all", "rest_for_one"]:
    run(strategy)
