#!/usr/bin/env python3
"""Regenerates the expected results of the Python conformance suite with CPython 3.11.

Every tests/python/NAME.py is run as `python3.11 tests/python/NAME.py ARGS` from the
repository root (ARGS from a `# args: ...` line in the program, if any). Its stdout is
written to expected/NAME.stdout and its exit code and last stderr line to
expected/NAME.status. The Rust test crates/cli/tests/python.rs runs the same programs on
Rhodium and requires the same three things.

    python3 tests/python/regen.py            # every program
    python3 tests/python/regen.py fib errors # only these
"""
import os
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PYTHON = "/usr/bin/python3.11"


def program_args(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# args:"):
                return shlex.split(line[len("# args:"):])
    return []


def main():
    only = set(sys.argv[1:])
    names = sorted(f[:-3] for f in os.listdir(HERE) if f.endswith(".py") and f != "regen.py")
    if only:
        names = [n for n in names if n in only]
    os.makedirs(os.path.join(HERE, "expected"), exist_ok=True)
    for name in names:
        rel = os.path.join("tests", "python", name + ".py")
        args = program_args(os.path.join(ROOT, rel))
        proc = subprocess.run([PYTHON, rel] + args, cwd=ROOT, capture_output=True, timeout=120)
        err_lines = proc.stderr.decode("utf-8", "replace").rstrip("\n").split("\n")
        last = err_lines[-1] if proc.stderr else ""
        with open(os.path.join(HERE, "expected", name + ".stdout"), "wb") as f:
            f.write(proc.stdout)
        with open(os.path.join(HERE, "expected", name + ".status"), "w", encoding="utf-8") as f:
            f.write(f"exit {proc.returncode}\nstderr {last}\n")
        print(f"{name}: exit {proc.returncode}")


if __name__ == "__main__":
    main()
