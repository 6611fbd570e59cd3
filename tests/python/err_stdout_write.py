# An uncaught error from sys.stdout.write with a non-str argument.
import sys

sys.stdout.write("before\n")
sys.stdout.write(42)
