#!/usr/bin/env python3
"""Process benchmarks: the same three programs on Rhodium and on Erlang/OTP.

    spawn     spawn and finish 100 000 processes (each sends its parent one message)
    ring      a ring of 10 000 processes passes a token around 100 times
    pingpong  two processes exchange 1 000 000 messages

Each .py runs as `rhodium run FILE ARGS`; each .erl is compiled with erlc and
runs as `erl -noshell -run MODULE main ARGS` (Erlang/OTP from Debian:
`apt-get install erlang-base`). The engines take turns run by run, so a
drift in machine speed hits both alike. The table shows medians of wall
time and of CPU time (user + system, which counts both schedulers' work),
and Rhodium's wall time as a multiple of Erlang's. Erlang's figures include
starting its VM; `startup` measures that (an empty program), and the
Erlang-minus-startup column subtracts its median.

    cargo build --release
    bench/processes/run.py --rhodium target/release/rhodium [--runs 7] [--quick]

Exit status: 0 when every run printed what the other engine printed, 1 otherwise.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

BENCHES = {
    "spawn": {"full": ["100000"], "quick": ["10000"]},
    "ring": {"full": ["10000", "100"], "quick": ["1000", "100"]},
    "pingpong": {"full": ["1000000"], "quick": ["100000"]},
}


def measure_rusage(cmd, cwd=None):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=cwd)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status), out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rhodium", required=True, help="path to the rhodium binary (a release build)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--quick", action="store_true", help="smaller sizes")
    ap.add_argument("--only", default="", help="comma-separated benchmark names")
    args = ap.parse_args()

    erl = shutil.which("erl")
    erlc = shutil.which("erlc")
    if not erl or not erlc:
        print("error: erl and erlc are needed (apt-get install erlang-base)", file=sys.stderr)
        return 2
    names = [n for n in BENCHES if not args.only or n in args.only.split(",")]
    scale = "quick" if args.quick else "full"
    beams = tempfile.mkdtemp(prefix="rhodium-erl-")
    subprocess.run([erlc, "-o", beams] + [os.path.join(HERE, n + ".erl") for n in names], check=True)
    with open(os.path.join(beams, "startup.erl"), "w") as f:
        f.write("-module(startup).\n-export([main/1]).\nmain(_) -> halt(0).\n")
    subprocess.run([erlc, "-o", beams, os.path.join(beams, "startup.erl")], check=True)

    release = subprocess.run([erl, "-noshell", "-eval",
                              'io:format("~s ~p", [erlang:system_info(otp_release), erlang:system_info(schedulers)]), halt().'],
                             capture_output=True, text=True).stdout.split()
    print(f"Erlang/OTP {release[0]} with {release[1]} schedulers; Rhodium {args.rhodium}; "
          f"{os.cpu_count()} cores; {args.runs} runs each, engines alternating; medians.")

    startup = []
    for _ in range(args.runs):
        wall, _, _, _ = measure_rusage([erl, "-noshell", "-pa", beams, "-run", "startup", "main"])
        startup.append(wall)
    erl_start = statistics.median(startup)

    ok = True
    rows = []
    for name in names:
        bench_args = BENCHES[name][scale]
        cmds = {
            "rhodium": [args.rhodium, "run", os.path.join(HERE, name + ".py")] + bench_args,
            "erlang": [erl, "-noshell", "-pa", beams, "-run", name, "main"] + bench_args,
        }
        walls = {k: [] for k in cmds}
        cpus = {k: [] for k in cmds}
        outs = {}
        for _ in range(args.runs):
            for engine, cmd in cmds.items():
                wall, cpu, code, out = measure_rusage(cmd)
                if code != 0:
                    print(f"error: {engine} {name} exited with {code}", file=sys.stderr)
                    ok = False
                walls[engine].append(wall)
                cpus[engine].append(cpu)
                outs.setdefault(engine, out)
        if outs["rhodium"].split() != outs["erlang"].split():
            print(f"error: {name}: outputs differ: {outs}", file=sys.stderr)
            ok = False
        rw, ew = statistics.median(walls["rhodium"]), statistics.median(walls["erlang"])
        rc, ec = statistics.median(cpus["rhodium"]), statistics.median(cpus["erlang"])
        rows.append((name, " ".join(bench_args), rw, rc, ew, ec, ew - erl_start))

    print()
    print("| benchmark | size | Rhodium wall | Rhodium CPU | Erlang wall | Erlang CPU | Erlang wall − startup | Rhodium / Erlang (wall) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, size, rw, rc, ew, ec, ews in rows:
        print(f"| {name} | {size} | {rw:.3f} s | {rc:.3f} s | {ew:.3f} s | {ec:.3f} s | {ews:.3f} s | {rw / ew:.2f}× |")
    print(f"| startup (Erlang, empty program) | | | | {erl_start:.3f} s | | | |")
    shutil.rmtree(beams, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
