# A ring of N processes (the main process and N-1 spawned ones) passes a
# token around M times (N * M messages), then a "stop" once more around.
import sys
import process


def node(next_pid):
    while True:
        token = process.receive()
        process.send(next_pid, token)
        if token == "stop":
            return


def main(n, m):
    first = process.self()
    for _ in range(n - 1):
        first = process.spawn(node, first)
    for rounds in range(m):
        process.send(first, rounds)
        process.receive()
    process.send(first, "stop")
    process.receive()
    print(n, m, n * m)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000, int(sys.argv[2]) if len(sys.argv) > 2 else 100)
