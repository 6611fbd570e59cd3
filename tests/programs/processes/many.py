# 10 000 processes alive at once exchange messages: each sends K numbered
# messages to the process spawned before it and receives K from the one
# spawned after it; every message is delivered exactly once, in order.
import process

N = 10000
K = 5


def member(index, prev, parent):
    for j in range(K):
        process.send(prev, ("m", index, j))
    got = []
    for _ in range(K):
        got.append(process.receive())
    process.send(parent, ("report", index, got))


me = process.self()
prev = me
for i in range(N):
    prev = process.spawn(member, i, prev, me)
# The last member hears from the main process.
for j in range(K):
    process.send(prev, ("m", N, j))

ok = 0
from_first = []
for _ in range(N + K):
    m = process.receive()
    if m[0] == "m":
        from_first.append(m)
        continue
    tag, index, got = m
    if got == [("m", index + 1, j) for j in range(K)]:
        ok += 1
    else:
        print("member", index, "got", got)
print("members that got exactly their", K, "messages in order:", ok, "of", N)
print("the main process got:", from_first == [("m", 0, j) for j in range(K)])
try:
    process.receive(timeout=0.05)
except TimeoutError:
    print("no message was delivered twice")
