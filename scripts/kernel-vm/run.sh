#!/usr/bin/env bash
# run.sh: runs a script inside a small qemu VM that boots Debian's real kernel (dm-thin-pool, dm-snapshot)
# with the host's lvm2, dmsetup and thin-provisioning-tools, so that tests can ask a real kernel whether it
# activates and reads what jlvm wrote, and read back what the kernel wrote.
#
# usage: run.sh [--disk IMG | --rw-disk IMG]... [--rw | --snapshot] [--file F]... [--mem MB] -- SCRIPT
#   --disk IMG   raw image, /dev/vda, /dev/vdb, ... in the VM (read-only unless --rw or --snapshot)
#   --rw         the VM writes to the images; --snapshot: writable in the VM, changes thrown away
#   --rw-disk IMG  like --disk, but the VM writes to this image whatever the mode of the others
#   --file F     F appears in the VM as /files/<name>
#   --net        qemu's user network: the VM's eth0 (virtio-net, up as 10.0.2.15/24 before the script runs)
#                reaches the host's loopback at 10.0.2.2; the kernel's nbd driver and the host's nbd-client
#                (package nbd-client, when installed) are in the VM
# The script runs as root under bash; its output is printed here and run.sh exits with its exit code
# (124: the VM timed out, 125: the VM could not be started or died).
# Environment: JLVM_VM_CACHE (default <repo>/.cache/kernel-vm), JLVM_VM_TIMEOUT (s, default 300),
#              JLVM_VM_LOG (console log file), JLVM_VM_ACCEL (auto|kvm|tcg).
# Needs (scripts/test-packages.txt): qemu-system-x86, busybox-static, kmod, cpio, xz-utils, lvm2,
# thin-provisioning-tools; and apt-get download for Debian's linux-image-amd64 (unpacked, never installed).
set -euo pipefail
self=$(readlink -f "$0")
top=$(cd "$(dirname "$self")/../.." && pwd)
cache=${JLVM_VM_CACHE:-$top/.cache/kernel-vm}
timeout_s=${JLVM_VM_TIMEOUT:-300}
modules="dm_mod dm_thin_pool dm_snapshot dm_persistent_data dm_bufio crc32c_generic libcrc32c virtio_pci virtio_blk virtio_net nbd"

fail() { echo "kernel-vm: $*" >&2; exit 125; }

disks=(); rwdisk=(); files=(); mode=ro; mem=512; net=(); script=
while [ $# -gt 0 ]; do
  case $1 in
    --disk|--rw-disk)
      [ -e "${2:-}" ] || fail "no such disk: ${2:-}"
      disks+=("$(readlink -f "$2")"); rwdisk+=("$([ "$1" = --rw-disk ] && echo 1 || echo 0)"); shift 2 ;;
    --file) [ -f "${2:-}" ] || fail "no such file: ${2:-}"; files+=("$2"); shift 2 ;;
    --rw) mode=rw; shift ;;
    --snapshot) mode=snapshot; shift ;;
    --net) net=(-netdev user,id=n0 -device virtio-net-pci,netdev=n0,romfile=); shift ;;
    --mem) mem=$2; shift 2 ;;
    --) script=${2:-}; break ;;
    *) fail "unknown argument $1 (usage: run.sh [--disk IMG | --rw-disk IMG]... [--rw|--snapshot] [--file F]... -- SCRIPT)" ;;
  esac
done
[ -f "$script" ] || fail "no script (usage: run.sh [--disk IMG]... -- SCRIPT)"
for c in qemu-system-x86_64 busybox depmod cpio xz lvm dmsetup pdata_tools; do
  command -v "$c" >/dev/null 2>&1 || [ -x "/usr/sbin/$c" ] || [ -x "/bin/$c" ] \
    || fail "$c is missing: run scripts/test-deps.sh as root (packages in scripts/test-packages.txt)"
done

# The kernel: Debian's linux-image-amd64 for this release, unpacked into the cache.
kdir=$cache/kernel
if ! ls "$kdir"/boot/vmlinuz-* >/dev/null 2>&1; then
  pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
  if [ -z "$pkg" ]; then
    apt-get update -qq >/dev/null 2>&1 || true
    pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
  fi
  [ -n "$pkg" ] || fail "cannot resolve linux-image-amd64 with apt-cache"
  dl=$(mktemp -d); chmod 777 "$dl"
  (cd "$dl" && apt-get download -qq "$pkg" >/dev/null 2>&1) || fail "apt-get download $pkg failed"
  rm -rf "$kdir.new"; mkdir -p "$kdir.new"; dpkg-deb -x "$dl"/*.deb "$kdir.new"; rm -rf "$dl"
  rm -rf "$kdir"; mv "$kdir.new" "$kdir"
fi
kver=$(ls "$kdir/lib/modules" | head -1)
[ -f "$kdir/lib/modules/$kver/modules.dep" ] || depmod -b "$kdir" "$kver"
kernel=$kdir/boot/vmlinuz-$kver
# Under TCG the in-guest xz decompression costs seconds: boot the plain ELF vmlinux (PVH entry) instead.
if [ ! -s "$kdir/vmlinux" ]; then
  at=$(LC_ALL=C grep -aboP '\xfd7zXZ\x00' "$kernel" | head -1 | cut -d: -f1 || true)
  if [ -n "$at" ]; then tail -c +$((at + 1)) "$kernel" | xz -dcq --single-stream >"$kdir/vmlinux.new" 2>/dev/null || true; fi
  if [ "$(head -c4 "$kdir/vmlinux.new" 2>/dev/null | od -An -c | tr -d ' ')" = '177ELF' ]; then
    mv "$kdir/vmlinux.new" "$kdir/vmlinux"
  else rm -f "$kdir/vmlinux.new"; fi
fi
[ -s "$kdir/vmlinux" ] && kernel=$kdir/vmlinux

# The initramfs: busybox, bash, the host's lvm2/dmsetup/pdata_tools, the dm modules; cached per (this script,
# kernel) pair.
key=$(sha256sum "$self" | cut -c1-12)-$kver
base=$cache/$key/base.cpio
if [ ! -f "$base" ]; then
  find "$cache" -mindepth 1 -maxdepth 1 -name '*-*' ! -name "$key" -exec rm -rf {} + 2>/dev/null || true
  mkdir -p "$cache/$key"; R=$(mktemp -d)
  mkdir -p "$R"/usr/{bin,sbin,lib,lib64} "$R"/{proc,sys,dev,run,tmp,root,files,etc/lvm}
  for d in bin sbin lib lib64; do ln -s usr/$d "$R/$d"; done
  add() {  # a binary and the shared libraries it needs, at the host's paths
    cp -L --parents "$1" "$R"
    for l in $(ldd "$1" 2>/dev/null | grep -o '/[^ ]*'); do [ -e "$R$l" ] || cp -L --parents "$l" "$R"; done
  }
  for b in /usr/bin/busybox /bin/busybox /usr/bin/bash /usr/sbin/lvm /usr/sbin/dmsetup /usr/sbin/pdata_tools \
           /usr/bin/kmod /bin/kmod /usr/bin/{dd,cmp,sha256sum,stat,truncate,od,head,tail} /usr/sbin/nbd-client; do
    [ -e "$b" ] && [ ! -e "$R$b" ] && add "$b"
  done
  [ -e "$R/usr/bin/busybox" ] || { cp "$R/bin/busybox" "$R/usr/bin/busybox" 2>/dev/null || true; }
  ln -sf bash "$R/usr/bin/sh"
  for l in $(find /usr/sbin /sbin -maxdepth 1 -type l \( -lname lvm -o -lname pdata_tools -o -lname dmsetup \) 2>/dev/null); do
    cp -P "$l" "$R/usr/sbin/" 2>/dev/null || true
  done
  for a in modprobe insmod lsmod depmod; do ln -sf ../bin/kmod "$R/usr/sbin/$a"; done
  for a in $("$R/usr/bin/busybox" --list); do
    [ -e "$R/usr/bin/$a" ] || [ -e "$R/usr/sbin/$a" ] || ln -s busybox "$R/usr/bin/$a"
  done
  M=$kdir/lib/modules/$kver
  for ko in $(modprobe -d "$kdir" -S "$kver" -a --show-depends $modules | awk '$1=="insmod"{print $2}' | sort -u); do
    rel=${ko#"$M"/}; mkdir -p "$R/lib/modules/$kver/$(dirname "$rel")"; cp "$ko" "$R/lib/modules/$kver/$rel"
  done
  cp "$M"/modules.{order,builtin,builtin.modinfo} "$R/lib/modules/$kver/"
  depmod -b "$R" "$kver"
  echo "$modules" >"$R/etc/vm-modules"
  cat >"$R/etc/lvm/lvm.conf" <<'CONF'
devices { use_devicesfile = 0 obtain_device_list_from_udev = 0 external_device_info_source = "none" }
global { use_lvmpolld = 0 event_activation = 0 }
activation { udev_sync = 0 udev_rules = 0 verify_udev_operations = 0 monitoring = 0 }
CONF
  cat >"$R/init" <<'INIT'
#!/bin/sh
export PATH=/usr/sbin:/usr/bin HOME=/root
mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /run; mount -t tmpfs tmpfs /tmp; mkdir -p /run/lvm /run/lock/lvm
ln -s /proc/self/fd /dev/fd 2>/dev/null
echo 1 >/proc/sys/kernel/printk
modprobe -a $(cat /etc/vm-modules) 2>&1 | sed 's/^/vm init: /'
want=$(sed -n 's/.*jlvm.disks=\([0-9]*\).*/\1/p' /proc/cmdline); i=0
while [ "$(ls /sys/block | grep -c '^vd')" -lt "${want:-0}" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done
if grep -q jlvm.net=1 /proc/cmdline; then
  i=0; while [ ! -e /sys/class/net/eth0 ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done
  ip link set lo up; ip link set eth0 up; ip addr add 10.0.2.15/24 dev eth0; ip route add default via 10.0.2.2
fi
echo "===JLVM-VM-START==="
cd /root; bash /script </dev/null 2>&1; rc=$?
sync; echo "===JLVM-VM-EXIT rc=$rc"
poweroff -f
INIT
  chmod +x "$R/init"
  (cd "$R" && find . | cpio -o -H newc --quiet) >"$base.new" && mv "$base.new" "$base"
  rm -rf "$R"
fi

W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
mkdir -p "$W/r/files"; cp "$script" "$W/r/script"
for f in "${files[@]+"${files[@]}"}"; do cp "$f" "$W/r/files/"; done
(cd "$W/r" && find . | cpio -o -H newc --quiet) | cat "$base" - >"$W/initrd"
drives=()
for i in "${!disks[@]}"; do
  d=${disks[$i]}; o="file=$d,format=raw,if=virtio,cache=unsafe"
  m=$mode; [ "${rwdisk[$i]}" = 1 ] && m=rw
  case $m in ro) o+=",readonly=on" ;; snapshot) o+=",snapshot=on" ;; esac
  drives+=(-drive "$o")
done
accel=${JLVM_VM_ACCEL:-auto}
if [ "$accel" = auto ]; then
  accel=tcg; [ -w /dev/kvm ] && grep -qwE 'vmx|svm' /proc/cpuinfo && accel=kvm
fi
case $accel in kvm) cpu=(-accel kvm -cpu host) ;; *) cpu=(-accel tcg -cpu max) ;; esac
log=${JLVM_VM_LOG:-$W/console.log}
set +e
timeout "$timeout_s" qemu-system-x86_64 "${cpu[@]}" -smp 1 -m "$mem" -M pc -nodefaults -no-user-config \
  -display none -serial stdio -no-reboot -kernel "$kernel" -initrd "$W/initrd" \
  -append "console=ttyS0 panic=-1 mitigations=off quiet loglevel=1 rdinit=/init jlvm.disks=${#disks[@]} jlvm.net=$([ ${#net[@]} -gt 0 ] && echo 1 || echo 0)" \
  "${drives[@]+"${drives[@]}"}" "${net[@]+"${net[@]}"}" </dev/null 2>"$W/qemu.err" | sed -u 's/\r$//' | tee "$log" |
  awk '/^===JLVM-VM-START===/{on=1; next} /^===JLVM-VM-EXIT rc=/{on=0} on{print; fflush()}'
qrc=${PIPESTATUS[0]}
set -e
end=$(grep -a '^===JLVM-VM-EXIT rc=' "$log" | tail -1 || true)
if [ -z "$end" ]; then
  grep -v 'requested feature' "$W/qemu.err" >&2 || true
  tail -n 20 "$log" | sed 's/^/kernel-vm console: /' >&2
  [ "$qrc" = 124 ] && { echo "kernel-vm: the VM timed out after ${timeout_s}s" >&2; exit 124; }
  fail "the VM ended without reporting (qemu rc $qrc)"
fi
exit "${end#===JLVM-VM-EXIT rc=}"
