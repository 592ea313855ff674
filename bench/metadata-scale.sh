#!/usr/bin/env bash
# Scale of the persistent-data library: build a pool of MAPPINGS mappings (10 origins x 10 snapshots,
# 64 KiB blocks) through the normal write path, then open it with a bounded heap and a 64 MiB block cache
# and time random lookups. The real thin_check (thin-provisioning-tools) checks the same file as the peer.
# Usage: bench/metadata-scale.sh [MAPPINGS] [WORKDIR]      (default 20000000, ./work/bench)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-20000000}
dir=${2:-$here/work/bench}
mkdir -p "$dir"
md="$dir/scale.meta"
jlvm="$here/bin/jlvm"

echo "== generate $n mappings"
"$jlvm" thin_generate --force --metadata "$md" --mappings "$n" --metadata-size 4G | tee "$dir/gen.txt"

echo "== open + 1M random lookups, heap capped at 128 MiB, cache 64 MiB"
JLVM_JAVA_OPTS="-Xmx128m" /usr/bin/time -f "peak_rss_kb=%M" "$jlvm" thin_lookup_bench "$md" --cache 64M --lookups 1000000

if command -v thin_check >/dev/null; then
  echo "== peer: real thin_check on the same metadata"
  /usr/bin/time -f "thin_check_seconds=%e peak_rss_kb=%M" thin_check -q "$md" && echo "thin_check: accepted"
fi
