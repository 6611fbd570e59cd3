# Processes in endless loops do not stop the others from finishing: every
# process runs a slice of instructions, then makes way. The program ends
# when the main process ends; the loops still running are stopped.
import process


def spin():
    n = 0
    while True:
        n += 1


def worker(parent, k):
    total = 0
    for i in range(30000):
        total += i % (k + 1)
    process.send(parent, (k, total))


me = process.self()
for _ in range(4):
    process.spawn(spin)
for k in range(8):
    process.spawn(worker, me, k)
results = sorted(process.receive() for _ in range(8))
print(results)
print("done while the loops still run")
