#!/usr/bin/env bash
# Dedup + LZ4 layer benchmark: space saving on a corpus built from /usr files versus the offline bound,
# in-process single-thread write throughput (corpus, all-duplicate, all-zero, incompressible), index RAM and
# hit rate, discard speed. Figures only; nothing here is asserted by the tests.
#
# Usage: bench/dedup-bench.sh [SIZE_MIB (default 256)] [WORKDIR (default /tmp/jlvm-dedup-bench)] [SOURCE (default /usr)]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
size_mib=${1:-256}
work=${2:-/tmp/jlvm-dedup-bench}
src=${3:-/usr}
jar="$root/lvm-cli/target/jlvm.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -o -pl lvm-cli -am package -DskipTests)
fi
mkdir -p "$work"
# Heap holds the corpus once (loaded before timing) plus the layer's tables.
heap=$(( size_mib * 2 + 768 ))m
exec java -Xmx"$heap" -XX:+UseParallelGC -cp "$jar" "$here/DedupBench.java" $(( size_mib * 1024 * 1024 )) "$work" "$src"
