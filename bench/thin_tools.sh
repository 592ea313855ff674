#!/usr/bin/env bash
# Times jlvm's metadata tools against the installed thin-provisioning-tools 0.9.0 on the same
# generated pool (one run each). usage: bench/thin_tools.sh [ORIGINS] [MAPPINGS_PER_DEVICE] [SNAPSHOTS]
# Default 10 origins x (9 snapshots + origin) x 50000 = 5 M mappings, 64 KiB data blocks.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jl="$here/../bin"
work=${BENCH_DIR:-$(mktemp -d /tmp/thin-bench.XXXXXX)}
origins=${1:-10}; per=${2:-50000}; snaps=${3:-9}
cd "$work"
python3 "$here/gen_thin_pool.py" "$origins" "$per" "$snaps" pool.xml
rm -f real.bin ours.bin; truncate -s 2G real.bin ours.bin
t() { # label command...
  /usr/bin/time -f "%e %M" -o t.out "$@" > /dev/null 2> err.out || { echo "$1 failed"; cat err.out; }
  read -r secs kb < t.out; echo "$secs $kb"
}
printf '%-34s %10s %10s %8s %12s\n' tool "0.9.0 s" "jlvm s" ratio "jlvm RSS MB"
row() { # name real-cmd ours-cmd
  local name=$1; shift
  local r o
  r=$(t $1); o=$(t $2)
  awk -v n="$name" -v r="$r" -v o="$o" 'BEGIN { split(r, a, " "); split(o, b, " ");
    printf "%-34s %10.2f %10.2f %7.2fx %12.0f\n", n, a[1], b[1], a[1] / b[1], b[2] / 1024 }'
}
row "thin_restore" "thin_restore -i pool.xml -o real.bin" "$jl/thin_restore -i pool.xml -o ours.bin"
row "thin_check" "thin_check real.bin" "$jl/thin_check real.bin"
row "thin_dump" "thin_dump real.bin" "$jl/thin_dump real.bin"
row "thin_ls -o DEV,MAPPED,EXCLUSIVE" "thin_ls -o DEV,MAPPED,EXCLUSIVE real.bin" "$jl/thin_ls -o DEV,MAPPED,EXCLUSIVE real.bin"
row "thin_rmap --region 0..1000000" "thin_rmap --region 0..1000000 real.bin" "$jl/thin_rmap --region 0..1000000 real.bin"
thin_check -q ours.bin && echo "real thin_check accepts jlvm's restore"
cmp -s <(thin_dump real.bin | sed 's/version="1"/version="2"/') <(thin_dump ours.bin) && echo "both restores dump identically"
echo "work files in $work"
