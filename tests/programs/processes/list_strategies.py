# A list of bools is stored one byte per item: it travels between processes
# as an equal list, and the growth of switching it to general storage counts
# against the process's memory limit at once.
import process


def echo(parent):
    process.send(parent, process.receive())


def generalizes():
    flags = [True] * 100000
    print("100000 bools fit in the limit")
    flags[0] = 0
    print("not reached: 100000 values do not", len(flags))


def stays_small():
    flags = [True] * 1000
    flags[0] = 1
    flags.append(None)
    print("1000 values fit", flags[:3], flags[-2:])


me = process.self()
e = process.spawn(echo, me)
process.send(e, [True, False] * 3)
back = process.receive()
print(back, back == [True, False] * 3)
back[0] = 5
print(back)

for fn in (generalizes, stays_small):
    process.spawn_opt(fn, (), max_heap=400000, monitor=True)
    print(process.receive()[3])
