# The main process waits for a message nobody can send: every process is
# waiting and no timer is pending, so the program ends with an error instead
# of hanging.
import process


def waiter():
    process.receive()


process.spawn(waiter)
print("waiting")
process.receive()
