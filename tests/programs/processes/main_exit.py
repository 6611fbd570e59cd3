# process.exit(reason) ends the calling process; in the main process, the
# program ends with exit code 1 unless the reason is "normal".
import process


def child(parent):
    process.exit(("done", 42))


ref = process.monitor(process.spawn(child, process.self()))
print(process.receive()[3])
process.exit("fatal")
print("not reached")
