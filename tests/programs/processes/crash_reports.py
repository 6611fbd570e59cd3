# An uncaught exception ends its process with a reason carrying the
# exception's type and message; a one-line crash report goes to stderr only
# when the process was neither linked nor monitored.
import process


def fail(message):
    process.receive()
    raise RuntimeError(message)


def divide():
    process.receive()
    return 1 // 0


me = process.self()
# Unwatched: reported. Wait for each to be gone by polling, so the order on stderr is fixed.
for f, arg in [(divide, None), (fail, "unwatched")]:
    p = process.spawn(f) if arg is None else process.spawn(f, arg)
    process.send(p, "go")
    while process.alive(p):
        process.sleep(0.001)

# Monitored: not reported, the monitor gets the reason.
p = process.spawn(fail, "monitored")
process.monitor(p)
process.send(p, "go")
print(process.receive()[3])

# Linked: not reported, the (trapping) linked process gets the reason.
process.trap_exits(True)
p = process.spawn_link(divide)
process.send(p, "go")
print(process.receive()[2])

# Ending on request or by another's signal is not a crash.
p = process.spawn(fail, "never")
process.kill(p, "stop")
while process.alive(p):
    process.sleep(0.001)
print("done")
