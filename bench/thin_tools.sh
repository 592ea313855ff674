#!/usr/bin/env bash
# Times jlvm's thin_restore, thin_check and thin_dump against thin-provisioning-tools 0.9.0 (on PATH) and
# 1.1.0 on the same generated pool, back to back, best of RUNS runs each; then thin_ls and thin_rmap against
# 0.9.0. usage: bench/thin_tools.sh [ORIGINS] [MAPPINGS_PER_DEVICE] [SNAPSHOTS] [RUNS]
# Default 10 origins x (9 snapshots + origin) x 50000 = 5 M mappings, 64 KiB data blocks, 2 runs.
# 1.1.0 is found through JLVM_THIN_TOOLS_1X (the directory holding pdata_tools) or the repository's
# .cache/thin-tools-1.1.0/usr/sbin, fetched there with scripts/fetch-thin-tools-1x.sh when missing.
# Columns: seconds (JVM start-up included for jlvm), ratios = their time / ours (> 1: ours is faster),
# peak RSS in MB. Also checks that our dump is byte-identical to 0.9.0's.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
jl="$repo/bin"
work=${BENCH_DIR:-$(mktemp -d /tmp/thin-bench.XXXXXX)}
origins=${1:-10}; per=${2:-50000}; snaps=${3:-9}; runs=${4:-2}
one_x=${JLVM_THIN_TOOLS_1X:-$repo/.cache/thin-tools-1.1.0/usr/sbin}
if [ ! -x "$one_x/pdata_tools" ]; then
  one_x=$(bash "$repo/scripts/fetch-thin-tools-1x.sh" "$repo/.cache" | tail -1) \
    || { echo "thin_tools.sh: thin-provisioning-tools 1.1.0 not found (set JLVM_THIN_TOOLS_1X)" >&2; exit 1; }
fi
pd="$one_x/pdata_tools"
cd "$work"
python3 "$here/gen_thin_pool.py" "$origins" "$per" "$snaps" pool.xml
echo "pool: $origins origins x $((snaps + 1)) devices x $per mappings; xml $(du -m pool.xml | cut -f1) MB; best of $runs"
rm -f real.bin one.bin ours.bin; truncate -s 2G real.bin one.bin ours.bin
t() { # command... -> "seconds kb" (failures reported)
  /usr/bin/time -f "%e %M" -o t.out "$@" > /dev/null 2> err.out || { echo "failed: $*" >&2; cat err.out >&2; }
  cat t.out
}
best() { # command... -> best "seconds kb" of $runs runs (kb of the best run)
  local b="" r
  for ((i = 0; i < runs; i++)); do
    r=$(t "$@")
    if [ -z "$b" ] || awk -v a="${r%% *}" -v c="${b%% *}" 'BEGIN { exit !(a < c) }'; then b=$r; fi
  done
  echo "$b"
}
printf '%-32s %8s %8s %8s %9s %9s %8s %8s %8s\n' tool "0.9.0 s" "1.1.0 s" "jlvm s" "vs 0.9.0" "vs 1.1.0" \
  "0.9 MB" "1.1 MB" "jlvm MB"
row3() { # name real-cmd 1x-cmd ours-cmd
  local name=$1 r x o
  r=$(best $2); x=$(best $3); o=$(best $4)
  awk -v n="$name" -v r="$r" -v x="$x" -v o="$o" 'BEGIN { split(r, a, " "); split(x, c, " "); split(o, b, " ");
    printf "%-32s %8.2f %8.2f %8.2f %8.2fx %8.2fx %8.0f %8.0f %8.0f\n", n, a[1], c[1], b[1], a[1] / b[1],
      c[1] / b[1], a[2] / 1024, c[2] / 1024, b[2] / 1024 }'
}
row2() { # name real-cmd ours-cmd (no 1.1.0 column)
  local name=$1 r o
  r=$(best $2); o=$(best $3)
  awk -v n="$name" -v r="$r" -v o="$o" 'BEGIN { split(r, a, " "); split(o, b, " ");
    printf "%-32s %8.2f %8s %8.2f %8.2fx %9s %8.0f %8s %8.0f\n", n, a[1], "-", b[1], a[1] / b[1], "-",
      a[2] / 1024, "-", b[2] / 1024 }'
}
row3 "thin_restore" "thin_restore -i pool.xml -o real.bin" "$pd thin_restore -i pool.xml -o one.bin" \
  "$jl/thin_restore -i pool.xml -o ours.bin"
row3 "thin_check" "thin_check real.bin" "$pd thin_check real.bin" "$jl/thin_check real.bin"
row3 "thin_dump" "thin_dump real.bin" "$pd thin_dump real.bin" "$jl/thin_dump real.bin"
row2 "thin_ls -o DEV,MAPPED,EXCLUSIVE" "thin_ls -o DEV,MAPPED,EXCLUSIVE real.bin" \
  "$jl/thin_ls -o DEV,MAPPED,EXCLUSIVE real.bin"
row2 "thin_rmap --region 0..1000000" "thin_rmap --region 0..1000000 real.bin" \
  "$jl/thin_rmap --region 0..1000000 real.bin"
thin_check -q ours.bin && echo "0.9.0 thin_check accepts jlvm's restore"
"$pd" thin_check -q ours.bin && echo "1.1.0 thin_check accepts jlvm's restore"
thin_dump real.bin > dump.real; "$jl/thin_dump" real.bin > dump.ours
cmp -s dump.real dump.ours && echo "jlvm's thin_dump is byte-identical to 0.9.0's" || echo "DUMPS DIFFER: $work/dump.real $work/dump.ours"
cmp -s <(sed 's/version="1"/version="2"/' dump.real) <(thin_dump ours.bin) && echo "both restores dump identically" \
  || echo "RESTORES DIFFER"
rm -f dump.real dump.ours
echo "work files in $work"
