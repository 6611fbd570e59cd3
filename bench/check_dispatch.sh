#!/usr/bin/env bash
# Checks that every dispatch handler of a release binary ends in a jump to the
# next handler, not a call (see crates/vm/src/dispatch.rs and
# docs/architecture.md). A handler that calls the next one still runs
# correctly, but slower, and the native stack grows within a fuel slice; it
# happens silently when a handler keeps a stack slot whose address escapes.
#   bench/check_dispatch.sh [BINARY]     # default target/release/rhodium
# Exits 1 and names the handlers if any calls; 2 if objdump is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-target/release/rhodium}
if ! command -v objdump >/dev/null; then
    echo "check_dispatch.sh: objdump not found (apt-get install -y binutils)" >&2
    exit 2
fi
calls=$(objdump -d --no-show-raw-insn "$binary" \
    | awk '/^[0-9a-f]+ <.*>:$/ { fn = $2 }
           /call +\*\(%r[0-9a-z]+,%r[0-9a-z]+,8\)/ && fn ~ /dispatch/ { print fn }' \
    | sort -u)
if [ -n "$calls" ]; then
    echo "these dispatch handlers call the next handler instead of jumping to it:" >&2
    echo "$calls" >&2
    exit 1
fi
echo "check_dispatch.sh: every dispatch handler ends in a jump"
