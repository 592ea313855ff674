#!/usr/bin/env bash
# p50/p99/p99.9/max latency of 4 KiB writes and reads through a thin volume across periodic commits, for two
# builds of jlvm in one run (e.g. main before a change and the working tree after it), taking turns.
#   bench/thin-latency-bench.sh BASE_JAR [NEW_JAR] [DIR] [SECONDS] [COMMIT_MS] [ROUNDS]
# BASE_JAR: a jlvm.jar built from the baseline (git archive REF | tar -x -C D && cd D && mvn -q -DskipTests package);
# NEW_JAR defaults to this clone's lvm-cli/target/jlvm.jar. Defaults: a temp dir, 5 s, commit every 100 ms,
# 2 rounds. 2 writer + 2 reader threads; see ThinLatencyBench.java. Nothing is asserted.
set -euo pipefail
here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
base=${1:?usage: thin-latency-bench.sh BASE_JAR [NEW_JAR] [DIR] [SECONDS] [COMMIT_MS] [ROUNDS]}
new=${2:-$here/lvm-cli/target/jlvm.jar}
dir=${3:-}
secs=${4:-5}
commit_ms=${5:-100}
rounds=${6:-2}
cleanup=
if [ -z "$dir" ]; then
  dir=$(mktemp -d "${TMPDIR:-/tmp}/thin-latency.XXXXXX")
  cleanup=$dir
fi
mkdir -p "$dir"
trap '[ -n "$cleanup" ] && rm -rf "$cleanup"' EXIT
echo "# thin latency bench: 4 KiB, 2 writers + 2 readers, 64 KiB blocks, commit every ${commit_ms} ms, ${secs}s, in $dir"
for r in $(seq 1 "$rounds"); do
  for which in base new; do
    jar=$base
    [ "$which" = new ] && jar=$new
    java -Xmx1g -cp "$jar" "$here/bench/ThinLatencyBench.java" "$dir" "$secs" "$commit_ms" | sed "s/^/${which}_round${r}_/"
  done
done
