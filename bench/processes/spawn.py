# Spawning and finishing N processes: each child sends one message to its
# parent and ends; the parent spawns them all, then collects the N messages.
import sys
import process


def child(parent, i):
    process.send(parent, i)


def main(n):
    me = process.self()
    for i in range(n):
        process.spawn(child, me, i)
    total = 0
    for _ in range(n):
        total += process.receive()
    print(n, total)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 100000)
