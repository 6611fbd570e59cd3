# receive(timeout) raises TimeoutError when nothing arrives in time; a
# message that arrives in time is returned; sleep waits without a message.
import process


def later(parent, seconds, message):
    process.sleep(seconds)
    process.send(parent, message)


me = process.self()
start = process.monotonic()
try:
    process.receive(timeout=0.05)
except TimeoutError as e:
    print("TimeoutError:", e)
waited = process.monotonic() - start
print("waited at least the timeout:", waited >= 0.05)

try:
    process.receive(0)
except TimeoutError:
    print("timeout 0 does not wait")

process.spawn(later, me, 0.01, "soon")
print(process.receive(timeout=10))

# A sleeping process is not woken by messages.
process.send(me, "queued")
start = process.monotonic()
process.sleep(0.03)
print("slept:", process.monotonic() - start >= 0.03, process.receive(0))

# Timeouts inside try/except keep working in a loop.
count = 0
for i in range(3):
    try:
        process.receive(timeout=0.001)
    except TimeoutError:
        count += 1
print("timeouts:", count)

for bad in [-1, "x"]:
    try:
        process.receive(timeout=bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
