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
# next one (see crates/vm/src/dispatch.rs). A handler that calls the next one
# instead still runs correctly, but slower: warn so it gets noticed.
if command -v objdump >/dev/null; then
    calls=$(objdump -d --no-show-raw-insn target/release/rhodium \
        | awk '/^[0-9a-f]+ <.*>:$/ { fn = $2 }
               /call +\*\(%r[0-9a-z]+,%r[0-9a-z]+,8\)/ && fn ~ /dispatch/ { print fn }' \
        | sort -u)
    if [ -n "$calls" ]; then
        echo "warning: these dispatch handlers call the next handler instead of jumping to it:" >&2
        echo "$calls" >&2
    fi
fi

compare=../shared/bench/compare.py
if [ ! -f "$compare" ]; then
    echo "bench/compare.sh: $compare not found (the shared benchmark material sits beside the repository)" >&2
    exit 2
fi
exec python3 "$compare" --rhodium target/release/rhodium "$@"
