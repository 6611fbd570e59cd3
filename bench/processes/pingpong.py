# Two processes exchange N messages: the main process sends a number, the
# other sends it back, N / 2 times.
import sys
import process


def pong():
    while True:
        message = process.receive()
        if message is None:
            return
        sender, k = message
        process.send(sender, k)


def main(n):
    me = process.self()
    other = process.spawn(pong)
    total = 0
    for k in range(n // 2):
        process.send(other, (me, k))
        total += process.receive()
    process.send(other, None)
    print(n, total)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000000)
