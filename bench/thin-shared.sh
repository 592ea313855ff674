#!/usr/bin/env bash
# The cost of jlvm's `lvs -o +thin_exclusive,thin_shared` on a pool of MAPPINGS mappings (default 5 M),
# against plain `lvs` and against the real thin_ls 0.9.0 and 1.1.0 (-o DEV,EXCLUSIVE_BLOCKS,SHARED_BLOCKS) on
# the same pool metadata. usage: bench/thin-shared.sh [MAPPINGS] [RUNS]
# The pool: jlvm's thin_generate (10 origins x 10 snapshots, 64 KiB blocks, each snapshot overwriting 2 per
# mille of its origin's blocks through the normal write path, so snapshots share B-tree nodes as the kernel's
# do) written into the _tmeta extents of a jlvm VG whose thin LVs t1..t109 are devices 1..109 (device 0 has
# no LV). Checks that lvs's exclusive/shared blocks equal thin_ls 0.9.0's for every LV. Seconds are
# wall-clock, JVM start-up included, best of RUNS (default 3); ratios = their time / ours.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
jlvm="$repo/bin/jlvm"
n=${1:-5000000}; runs=${2:-3}
work=${BENCH_DIR:-$(mktemp -d /tmp/thin-shared.XXXXXX)}
one_x=${JLVM_THIN_TOOLS_1X:-$repo/.cache/thin-tools-1.1.0/usr/sbin}
pd=""; [ -x "$one_x/pdata_tools" ] && pd="$one_x/pdata_tools"
export JLVM_HOME="$work/home"
mkdir -p "$work"; cd "$work"

echo "== pool metadata: $n mappings (thin_generate)"
"$jlvm" thin_generate --force --metadata gen.meta --mappings "$n" --metadata-size 1G --origins 10 \
  --snapshots-per-origin 10 --overwrite-permille 2 | tail -1
echo "== VG: pool (40 GiB data, 1 GiB metadata) with 109 thin LVs"
rm -f pv0
"$jlvm" pvcreate -q --size 48g "$work/pv0"
"$jlvm" vgcreate -q vg "$work/pv0"
"$jlvm" lvcreate -q --type thin-pool -L 40g --poolmetadatasize 1g -c 64k -n pool vg 2> /dev/null
for i in $(seq 1 109); do
  "$jlvm" lvcreate -q -V 4g -T vg/pool -n "t$i" 2> /dev/null
done
range=$("$jlvm" lvs -a -o lv_name,seg_pe_ranges --noheadings --separator : vg | awk -F: '/\[pool_tmeta\]/ { print $3 }')
first=${range%-*}
dd if=gen.meta of=pv0 bs=4M oflag=seek_bytes seek=$((1048576 + first * 4194304)) conv=notrunc status=none

. "$here/timing.sh"

echo "== agreement with thin_ls 0.9.0"
"$jlvm" lvs -S 'thin_id>0' -o thin_id,thin_exclusive,thin_shared --units s --nosuffix --noheadings \
  --separator ' ' vg | awk '$2 != "" { print $1, $2 / 128, $3 / 128 }' | sort -n > ours.txt
thin_ls --no-headers -o DEV,EXCLUSIVE_BLOCKS,SHARED_BLOCKS gen.meta | awk '$1 > 0 { print $1, $2, $3 }' \
  | sort -n > real.txt
if cmp -s ours.txt real.txt; then echo "lvs thin_exclusive/thin_shared == thin_ls 0.9.0 for $(wc -l < ours.txt) LVs";
else echo "MISMATCH between lvs and thin_ls (see $work/ours.txt, real.txt)"; exit 1; fi
"$jlvm" lvs -o lv_name,thin_id,lv_size,data_percent,thin_exclusive,thin_shared vg/t1 vg/t2 vg/t11 vg/t12

echo "== times (best of $runs, seconds)"
plain=$(best "$jlvm" lvs vg)
shared=$(best "$jlvm" lvs -o +thin_exclusive,thin_shared vg)
old=$(best thin_ls -o DEV,EXCLUSIVE_BLOCKS,SHARED_BLOCKS gen.meta)
new="-"; [ -n "$pd" ] && new=$(best "$pd" thin_ls -o DEV,EXCLUSIVE_BLOCKS,SHARED_BLOCKS gen.meta)
awk -v p="$plain" -v s="$shared" -v o="$old" -v x="$new" -v n="$n" 'BEGIN {
  printf "jlvm lvs vg                                  %6.2f\n", p
  printf "jlvm lvs -o +thin_exclusive,thin_shared vg   %6.2f  (+%.2f s for the sharing walk of %d mappings)\n", s, s - p, n
  printf "thin_ls 0.9.0 -o DEV,EXCLUSIVE_BLOCKS,...    %6.2f  ratio %.2fx\n", o, o / s
  if (x != "-") printf "thin_ls 1.1.0 -o DEV,EXCLUSIVE_BLOCKS,...    %6.2f  ratio %.2fx\n", x, x / s
}'
echo "work directory: $work"
