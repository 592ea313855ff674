#!/usr/bin/env bash
# Quick start: an LVM2 volume group with a thin pool, thin LVs and snapshots of snapshots on PV files under
# ./work (or $JLVM_WORK), with the jlvm LVM verbs (no root, no device-mapper). JLVM_HOME (devices file, locks,
# metadata backups and archives) is ./work/jlvm-home unless set. Every run starts from scratch: it removes the
# PV files and JLVM_HOME of the previous run. Needs the jar: mvn -B -ntp -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
work=${JLVM_WORK:-work}
mkdir -p "$work"
export JLVM_HOME=${JLVM_HOME:-$(cd "$work" && pwd)/jlvm-home}
rm -rf "$JLVM_HOME" "$work/pv0.img" "$work/pv1.img"
run() {
  echo "\$ jlvm $*"
  bin/jlvm "$@"
}
run pvcreate --size 1g "$work/pv0.img" "$work/pv1.img"
run vgcreate vg0 "$work/pv0.img" "$work/pv1.img"
run lvcreate --type thin-pool -L 200m -n pool0 vg0
run lvcreate -V 1g -T vg0/pool0 -n thin1
run lvcreate -V 512m -T vg0/pool0 -n thin2
run lvcreate -s vg0/thin1 -n snap1
run lvcreate -s vg0/snap1 -n snap2
run lvcreate -L 64m -n lin vg0
run lvs -a
run lvs -a -o lv_name,thin_id,transaction_id,seg_pe_ranges vg0
run vgs
run pvs
# An active LV is an NBD export of the jlvm daemon (started by the first activation, stopped by the last
# deactivation): put a disk image into thin1 with qemu-img, take a snapshot, read it back, deactivate.
if command -v qemu-img >/dev/null; then
  { yes 'jlvm quickstart disk image 0123456789abcdef' || true; } | head -c 16M >"$work/disk.raw"
  run lvchange -ay vg0/thin1
  run lvs -o lv_name,lv_attr,nbd_uri vg0/thin1
  uri=$(bin/jlvm lvs --noheadings -o nbd_uri vg0/thin1 | tr -d ' ')
  echo "\$ qemu-img convert -n -f raw -O raw $work/disk.raw $uri"
  qemu-img convert -n -f raw -O raw "$work/disk.raw" "$uri"
  run lvcreate -s vg0/thin1 -n backup
  run lvchange -ay -K vg0/backup
  snap=$(bin/jlvm lvs --noheadings -o nbd_uri vg0/backup | tr -d ' ')
  echo "\$ qemu-img compare -f raw -F raw $work/disk.raw $snap"
  qemu-img compare -f raw -F raw "$work/disk.raw" "$snap"
  run lvs
  run vgchange -an vg0
else
  echo "(qemu-img is not installed: skipping the NBD part; apt-get install qemu-utils)"
fi
