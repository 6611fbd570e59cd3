#!/usr/bin/env bash
# Builds the release binary and compares it with CPython, Lua 5.4 and LuaJIT's
# interpreter on the shared benchmark programs. Arguments go to compare.py:
#   bench/compare.sh                      # full scale, all twelve programs
#   bench/compare.sh --scale quick --runs 3
#   bench/compare.sh --only fib,loop,mandel
# Needs ../shared/bench (beside the repository); Lua and LuaJIT columns appear
# when lua5.4 and luajit are installed (apt-get install -y lua5.4 luajit).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release -p rhodium

# The threaded dispatch is fast only if every handler ends in a jump to the
# next one: warn here (CI fails on it).
bench/check_dispatch.sh target/release/rhodium || echo "warning: see above" >&2

compare=../shared/bench/compare.py
if [ ! -f "$compare" ]; then
    echo "bench/compare.sh: $compare not found (the shared benchmark material sits beside the repository)" >&2
    exit 2
fi
exec python3 "$compare" --rhodium target/release/rhodium "$@"
