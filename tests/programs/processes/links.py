# Links with BEAM's meaning: an abnormal exit ends linked processes with the
# same reason unless they trap exits (then it is an ("EXIT", pid, reason)
# message); a normal exit kills no one; unlink removes the link; linking to a
# process that is gone is an exit signal "noproc".
import process


def crash():
    return 1 / 0


def finish():
    return "done"


def wait_forever():
    process.receive()


def linked_to(pid, parent):
    process.link(pid)
    process.send(parent, "linked")
    process.receive()


me = process.self()
print("trap_exits was", process.trap_exits(True))

# A crash reaches a trapping parent as a message.
c = process.spawn_link(crash)
m = process.receive()
print(m[0], m[1] == c, m[2])

# A normal exit is a message too when trapping.
f = process.spawn_link(finish)
m = process.receive()
print(m[0], m[1] == f, m[2])

# A linked process that does not trap dies with the same reason: watch it with a monitor.
w = process.spawn(wait_forever)
ref = process.monitor(w)
k = process.spawn(linked_to, w, me)
print(process.receive())
process.kill(k, "boom")
m = process.receive()
print(m[0], m[1] == ref, m[2] == w, m[3])

# A normal exit does not kill a linked process that does not trap: after
# the linked process is down, w2 is still there to be killed by us.
w2 = process.spawn(wait_forever)
ref2 = process.monitor(w2)
n = process.spawn(linked_to, w2, me)
print(process.receive())
refn = process.monitor(n)
process.send(n, "go")
m = process.receive()
print(m[0], m[1] == refn, m[3])
process.kill(w2, "kill")
m = process.receive()
print(m[0], m[1] == ref2, m[3])

# After unlink, a crash no longer arrives.
u = process.spawn_link(wait_forever)
refu = process.monitor(u)
process.unlink(u)
process.kill(u, "boom")
m = process.receive()
print(m[0], m[1] == refu, m[3])
try:
    print(process.receive(timeout=0.05))
except TimeoutError:
    print("no EXIT after unlink")

# Linking to a process that is gone: "noproc".
process.link(u)
m = process.receive()
print(m[0], m[1] == u, m[2])
