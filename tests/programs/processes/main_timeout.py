# --timeout ends a program that runs too long (exit code 3).
import process


def spin():
    while True:
        pass


process.spawn(spin)
print("started")
while True:
    pass
