# A crash in a process linked to the main process ends the main process
# (and so the program) with the same reason.
import process


def crash():
    process.receive()
    raise KeyError("missing")


p = process.spawn_link(crash)
print("linked to", p)
process.send(p, "go")
process.receive()
print("not reached")
