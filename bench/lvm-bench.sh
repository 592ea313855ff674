#!/usr/bin/env bash
# jlvm against the real lvm2 2.03.16 on the same PV: a VG with one thin pool holding ORIGINS thin LVs and a
# snapshot of each (default 500 + 500 = 1,000 thin LVs). Times `lvs -a`, `vgs` (jlvm on the PV file, lvm2 on
# a read-only loop device of it, activation off, no devices file) and `vgcfgbackup` (lvm2's on a writable loop
# device of a copy), and jlvm's `lvcreate -s` of one more snapshot (lvm2 cannot without device-mapper).
# usage: bench/lvm-bench.sh [ORIGINS] [RUNS]   (needs root, losetup, lvm2, thin_restore)
# The VG is made by the real lvm2 (pvcreate, vgcreate, vgcfgrestore --force of the text gen_lvm_vg.py writes)
# with the pool metadata thin_restore'd into the _tmeta extents; jlvm takes the PV in with lvmdevices --adddev.
# Seconds are wall-clock with JVM start-up, best of RUNS (default 5); ratio = lvm2's time / jlvm's (> 1: jlvm
# is faster).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
jlvm="$repo/bin/jlvm"
n=${1:-500}; runs=${2:-5}
work=${BENCH_DIR:-$(mktemp -d /tmp/lvm-bench.XXXXXX)}
export JLVM_HOME="$work/home" LVM_SUPPRESS_FD_WARNINGS=1
mkdir -p "$work"; cd "$work"
rm -rf home pv0 copy.img ./*.vg
truncate -s 16G pv0
loops=()
cleanup() { for l in "${loops[@]}"; do losetup -d "$l" 2> /dev/null || true; done; }
trap cleanup EXIT
attach() { losetup -f --show "$@"; }  # the caller adds the device to loops (a $(...) subshell cannot)
conf() { echo "global{activation=0} devices{use_devicesfile=0 filter=[\"a|^$1\$|\",\"r|.*|\"]} backup{backup=0 archive=0}"; }

echo "== VG: thin pool with $n thin LVs and $n snapshots, made by lvm2"
rw=$(attach pv0); loops+=("$rw")
pvcreate -q --config "$(conf "$rw")" "$rw" > /dev/null 2>&1
vgcreate -q --config "$(conf "$rw")" vg "$rw" > /dev/null 2>&1
vgcfgbackup -q --config "$(conf "$rw")" -f base.vg vg > /dev/null 2>&1
python3 "$here/gen_lvm_vg.py" base.vg "$n" gen.vg pool.xml
vgcfgrestore -q --force --config "$(conf "$rw")" -f gen.vg vg > /dev/null 2>&1
range=$(lvs --config "$(conf "$rw")" -a -o lv_name,seg_pe_ranges --noheadings --separator : vg 2> /dev/null \
  | awk -F: '/\[pool_tmeta\]/ { print $3 }')
first=${range%-*}; last=${range#*-}
truncate -s $(((last - first + 1) * 4))M tmeta.bin
thin_restore -q -i pool.xml -o tmeta.bin
losetup -d "$rw"
dd if=tmeta.bin of=pv0 bs=4M oflag=seek_bytes seek=$((1048576 + first * 4194304)) conv=notrunc status=none
"$jlvm" lvmdevices --adddev "$work/pv0" > /dev/null
ro=$(attach -r pv0); loops+=("$ro")
echo "lvs rows: jlvm $("$jlvm" lvs -a --noheadings | wc -l), lvm2 $(lvs --config "$(conf "$ro")" -a --noheadings 2> /dev/null | wc -l)"

. "$here/timing.sh"
row() { # name lvm2-seconds jlvm-seconds
  awk -v n="$1" -v r="$2" -v o="$3" 'BEGIN { if (r == "-") printf "%-28s %8s %8.2f %8s\n", n, "-", o, "-";
    else printf "%-28s %8.2f %8.2f %7.2fx\n", n, r, o, r / o }'
}

cp --sparse=always pv0 copy.img
wr=$(attach copy.img); loops+=("$wr")
printf '%-28s %8s %8s %8s\n' "command (best of $runs)" "lvm2 s" "jlvm s" ratio
row "lvs -a" "$(best lvs --config "$(conf "$ro")" -a)" "$(best "$jlvm" lvs -a)"
row "vgs" "$(best vgs --config "$(conf "$ro")")" "$(best "$jlvm" vgs)"
row "vgcfgbackup -f FILE vg" "$(best vgcfgbackup --config "$(conf "$wr")" -f lvm2.vg vg)" \
  "$(best "$jlvm" vgcfgbackup -f jlvm.vg vg)"
snap_and_remove() { # the time of lvcreate -s alone; the snapshot is removed again for the next run
  local s
  s=$(t "$jlvm" lvcreate -q -s vg/t0001 -n extra)
  "$jlvm" lvremove -q -y vg/extra > /dev/null 2>&1
  echo "$s"
}
b=""
for ((k = 0; k < runs; k++)); do
  s=$(snap_and_remove)
  if [ -z "$b" ] || awk -v a="$s" -v c="$b" 'BEGIN { exit !(a < c) }'; then b=$s; fi
done
row "lvcreate -s (one more)" "-" "$b"

# In one session (lvm2's `lvm` shell, jlvm's shell; both read commands from standard input): the cost of one more
# `lvs -a` / `vgs` once the program runs, i.e. (time of 1 + K commands - time of 1 command) / K.
session() { # program k line -> seconds of a session running the line 1 + k times
  local prog=$1 k=$2 line=$3 i
  for ((i = 0; i <= k; i++)); do echo "$line"; done > session.in
  t "$prog" < session.in
}
per_command() { # program line -> seconds per command in a session (best of $runs for both lengths)
  local k=20 one="" many="" r i
  for ((i = 0; i < runs; i++)); do
    r=$(session "$1" 0 "$2"); if [ -z "$one" ] || awk -v a="$r" -v c="$one" 'BEGIN { exit !(a < c) }'; then one=$r; fi
    r=$(session "$1" "$k" "$2"); if [ -z "$many" ] || awk -v a="$r" -v c="$many" 'BEGIN { exit !(a < c) }'; then many=$r; fi
  done
  awk -v a="$many" -v b="$one" -v k="$k" 'BEGIN { d = (a - b) / k; if (d < 0.0005) d = 0.0005; printf "%.4f", d }'
}
srow() { awk -v n="$1" -v r="$2" -v o="$3" 'BEGIN { printf "%-28s %8.1f %8.1f %7.2fx\n", n, r * 1000, o * 1000, r / o }'; }
printf '%-28s %8s %8s %8s\n' "in one session (per command)" "lvm2 ms" "jlvm ms" ratio
srow "lvs -a" "$(per_command lvm "lvs --config '$(conf "$ro")' -a")" "$(per_command "$jlvm" "lvs -a")"
srow "vgs" "$(per_command lvm "vgs --config '$(conf "$ro")'")" "$(per_command "$jlvm" "vgs")"
echo "work directory: $work"
