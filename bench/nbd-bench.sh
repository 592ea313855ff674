#!/usr/bin/env bash
# NBD server benchmark: fio's nbd engine over a unix socket against our server (jlvm nbd_serve over a file), nbdkit's
# file plugin on the same kind of file, and qemu-nbd on a qcow2 (--cache=none --aio=native, and --cache=writeback).
# Phases: 4K randwrite QD1 and QD16, 4K randread QD1 and QD16, 1M sequential write and read QD4, each time-based.
# Servers run back to back (never at once); each target is filled once, untimed, before its phases so reads hit
# written data. Figures and ratios only; nothing is asserted.
#
# Usage: bench/nbd-bench.sh [WORKDIR (default /tmp/jlvm-nbd-bench)] [SECONDS_PER_PHASE (default 5)] [SIZE_MIB (default 512)]
# Needs: fio, nbdkit, qemu-utils (qemu-img, qemu-nbd), python3; the jar (mvn -B -q -DskipTests package).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
work=${1:-/tmp/jlvm-nbd-bench}
secs=${2:-5}
size_mib=${3:-512}
for b in fio nbdkit qemu-img qemu-nbd python3; do
  command -v "$b" >/dev/null || { echo "nbd-bench: $b is not installed" >&2; exit 1; }
done
[ -f "$root/lvm-cli/target/jlvm.jar" ] || { echo "nbd-bench: build first: mvn -B -q -DskipTests package" >&2; exit 1; }
mkdir -p "$work"
rm -f "$work"/*.sock "$work"/*.img "$work"/*.qcow2 "$work"/*.json
server_pid=

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap stop_server EXIT

wait_socket() {
  for _ in $(seq 1 300); do [ -S "$1" ] && return 0; sleep 0.05; done
  echo "nbd-bench: no socket $1" >&2; exit 1
}

# fio JOBNAME URI RW BS QD [time|fill] -> "iops bw_MiBps"
run_fio() {
  local name=$1 uri=$2 rw=$3 bs=$4 qd=$5 mode=$6 out="$work/$1.json" timing=()
  if [ "$mode" = time ]; then timing=(--time_based=1 --runtime="$secs" --ramp_time=1); fi
  fio --name="$name" --ioengine=nbd --uri="$uri" --rw="$rw" --bs="$bs" --iodepth="$qd" --numjobs=1 \
      --size="${size_mib}M" --randrepeat=0 --norandommap=1 "${timing[@]}" --output-format=json \
      --output="$out" >/dev/null
  python3 - "$out" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))["jobs"][0]
op = j["write"] if j["write"]["io_bytes"] > 0 else j["read"]
print("%.0f %.1f" % (op["iops"], op["bw"] / 1024.0))
PY
}

phases=("randwrite 4k 1" "randwrite 4k 16" "randread 4k 1" "randread 4k 16" "write 1M 4" "read 1M 4")
declare -A result

bench_target() { # LABEL URI
  local label=$1 uri=$2
  run_fio "$label-fill" "$uri" write 1M 4 fill >/dev/null
  for p in "${phases[@]}"; do
    set -- $p
    local r
    r=$(run_fio "$label-$1-$2-qd$3" "$uri" "$1" "$2" "$3" time)
    result["$label|$p"]=$r
    printf '%-16s %-9s %-3s QD%-3s iops=%-8s MiB/s=%s\n' "$label" "$1" "$2" "$3" "${r% *}" "${r#* }"
  done
}

# ---- ours: jlvm nbd_serve over a plain file
truncate -s "${size_mib}M" "$work/jlvm.img"
"$root/bin/jlvm" nbd_serve --file "$work/jlvm.img" --name bench --socket "$work/jlvm.sock" >"$work/jlvm.log" 2>&1 &
server_pid=$!
wait_socket "$work/jlvm.sock"
bench_target jlvm "nbd+unix:///bench?socket=$work/jlvm.sock"
stop_server

# ---- nbdkit file plugin over a plain file
truncate -s "${size_mib}M" "$work/nbdkit.img"
nbdkit -f -U "$work/nbdkit.sock" file file="$work/nbdkit.img" &
server_pid=$!
wait_socket "$work/nbdkit.sock"
bench_target nbdkit "nbd+unix:///?socket=$work/nbdkit.sock"
stop_server

# ---- qemu-nbd on qcow2, O_DIRECT + native AIO, then writeback cache
for cache in none writeback; do
  qemu-img create -q -f qcow2 -o preallocation=metadata "$work/q-$cache.qcow2" "${size_mib}M"
  aio=(); [ "$cache" = none ] && aio=(--aio=native)
  qemu-nbd -t -f qcow2 --cache="$cache" "${aio[@]}" -k "$work/q-$cache.sock" "$work/q-$cache.qcow2" &
  server_pid=$!
  wait_socket "$work/q-$cache.sock"
  bench_target "qemu-nbd-$cache" "nbd+unix:///?socket=$work/q-$cache.sock"
  stop_server
done

echo
echo "ratios (jlvm / peer, iops):"
printf '%-22s %10s %16s %20s\n' phase vs_nbdkit vs_qemu-nbd-none vs_qemu-nbd-writeback
for p in "${phases[@]}"; do
  ours=${result["jlvm|$p"]%% *}
  row=()
  for peer in nbdkit qemu-nbd-none qemu-nbd-writeback; do
    theirs=${result["$peer|$p"]%% *}
    row+=("$(python3 -c "print('%.2f' % ($ours / max(1, $theirs)))")")
  done
  set -- $p
  printf '%-22s %10s %16s %20s\n' "$1 $2 QD$3" "${row[0]}" "${row[1]}" "${row[2]}"
done
