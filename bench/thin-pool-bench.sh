#!/usr/bin/env bash
# Thin pool engine benchmark (issue 4). Runs after `mvn -q -DskipTests package`; prints one name=value a line.
# Not a test: nothing is asserted, numbers depend on the machine and its file system.
#   bench/thin-pool-bench.sh [DIR] [SECONDS_PER_PHASE]
# DIR holds the sparse scratch files (default: a temporary directory, removed afterwards).
set -euo pipefail
here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${1:-}
secs=${2:-3}
cleanup=
if [ -z "$dir" ]; then
  dir=$(mktemp -d "${TMPDIR:-/tmp}/thin-pool-bench.XXXXXX")
  cleanup=$dir
fi
trap '[ -n "$cleanup" ] && rm -rf "$cleanup"' EXIT
echo "# thin pool bench: 4 threads, 4 KiB I/O, 64 KiB data blocks, 262144 data blocks (16 GiB sparse), ${secs}s per phase, in $dir"
"$here/bin/jlvm" thin_bench --dir "$dir" --seconds "$secs" --threads 4 --data-block-size 128 --data-blocks 262144
