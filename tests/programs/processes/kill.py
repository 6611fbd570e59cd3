# process.kill(pid, reason) sends an exit signal: a process that traps exits
# gets ("EXIT", sender, reason), except for "kill", which cannot be trapped
# and ends it with reason "killed"; "normal" is ignored by a process that
# does not trap; process.kill(pid) sends "killed".
import process


def trapper(parent):
    process.trap_exits(True)
    process.send(parent, "ready")
    while True:
        m = process.receive()
        process.send(parent, ("got", m[0], m[2]))


def sleeper():
    process.sleep(1000)


me = process.self()
t = process.spawn(trapper, me)
ref = process.monitor(t)
print(process.receive())
process.kill(t, "boom")
print(process.receive())
process.kill(t, "normal")
print(process.receive())
process.kill(t, "kill")
print(process.receive()[3])

s = process.spawn(sleeper)
ref = process.monitor(s)
process.kill(s, "normal")
process.kill(s)
m = process.receive()
print("a sleeping process:", m[3])
print("alive:", process.alive(s))
