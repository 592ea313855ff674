#!/usr/bin/env bash
# NBD server benchmark: fio's nbd engine over a unix socket against our server (jlvm nbd_serve exporting a thin
# volume of a pool on files) and its peers, back to back on the same file system: qemu-nbd on a qcow2
# (--cache=none --aio=native, and --cache=writeback), nbdkit's file plugin (a plain file: no thin provisioning, no
# snapshots, the practical limit) and nbdkit's null plugin (the protocol ceiling).
# Phases for every server: 4K randwrite QD1 and QD16, 4K randread QD1 and QD16, 1M sequential write and read QD4,
# 4K randwrite QD1 with --fsync=1 (a flush after every write). Each target is filled once, untimed, before its
# phases so reads hit written data. Ours also: first write into a fresh thin volume vs overwrite (64K random writes,
# one pool block each, the whole volume once; three fresh pools, the median of the rounds' ratios), 4K randread through
# a snapshot at depth 1 and at depth 50 (taking turns three times, the median of the pairs' ratios), and the same
# phases through nbd_serve --file (a plain file: what the thin layer costs); and the raw disk: fio 1M sequential
# writes QD4 to a plain file with O_DIRECT (the device) and through the page cache (a memory copy, what buffered
# servers at best reach). Figures, ratios and the issue's goals are printed; nothing is asserted.
#
# Usage: bench/nbd-bench.sh [WORKDIR (default /tmp/jlvm-nbd-bench)] [SECONDS_PER_PHASE (default 5)] [SIZE_MIB (default 512)]
# Needs: fio, nbdkit, qemu-utils (qemu-img, qemu-nbd), python3, fallocate; the jar (mvn -B -q -DskipTests package).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
work=${1:-/tmp/jlvm-nbd-bench}
secs=${2:-5}
size_mib=${3:-512}
for b in fio nbdkit qemu-img qemu-nbd python3 fallocate; do
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
  for _ in $(seq 1 600); do [ -S "$1" ] && return 0; sleep 0.05; done
  echo "nbd-bench: no socket $1" >&2; exit 1
}

# run_fio JOBNAME URI|file:PATH RW BS QD time|once [FIO_ARGS...] -> "iops bw_MiBps"
run_fio() {
  local name=$1 target=$2 rw=$3 bs=$4 qd=$5 mode=$6 out="$work/$1.json" timing=() engine=()
  shift 6
  if [ "$mode" = time ]; then timing=(--time_based=1 --runtime="$secs" --ramp_time=1 --norandommap=1); fi
  if [[ $target == direct:* ]]; then
    engine=(--ioengine=libaio --direct=1 --filename="${target#direct:}")
  elif [[ $target == file:* ]]; then
    engine=(--ioengine=psync --filename="${target#file:}")
  else
    engine=(--ioengine=nbd --uri="$target")
  fi
  fio --name="$name" "${engine[@]}" --rw="$rw" --bs="$bs" --iodepth="$qd" --numjobs=1 \
      --size="${size_mib}M" --randrepeat=0 "${timing[@]}" "$@" --output-format=json \
      --output="$out" >/dev/null
  python3 - "$out" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))["jobs"][0]
op = j["write"] if j["write"]["io_bytes"] > 0 else j["read"]
print("%.0f %.1f" % (op["iops"], op["bw"] / 1024.0))
PY
}

phases=("randwrite 4k 1" "randwrite 4k 16" "randread 4k 1" "randread 4k 16" "write 1M 4" "read 1M 4" "fsync 4k 1")
declare -A result

record() { # LABEL PHASE RESULT
  result["$1|$2"]=$3
  printf '%-20s %-24s iops=%-8s MiB/s=%s\n' "$1" "$2" "${3% *}" "${3#* }"
}

declare -A pairs
pair() { # KEY NUMERATOR_IOPS DENOMINATOR_IOPS: one round's ratio of a paired comparison (the median counts)
  pairs["$1"]="${pairs["$1"]:-} $(python3 -c "print('%.3f' % ($2 / $3))")"
}
median_pair() { # KEY -> the median of its rounds' ratios
  python3 -c "import statistics,sys; print('%.2f' % statistics.median(map(float, sys.argv[1:])))" ${pairs["$1"]}
}

record_best() { # LABEL PHASE RESULT: keeps the better of this and an earlier result
  local prev=${result["$1|$2"]:-0 0}
  if [ "${3%% *}" -gt "${prev%% *}" ]; then
    record "$1" "$2" "$3"
  else
    printf '%-20s %-24s iops=%-8s (an earlier run counts)\n' "$1" "$2" "${3% *}"
  fi
}

bench_target() { # LABEL URI
  local label=$1 uri=$2 r
  run_fio "$label-fill" "$uri" write 1M 4 once >/dev/null
  for p in "${phases[@]}"; do
    set -- $p
    if [ "$1" = fsync ]; then
      r=$(run_fio "$label-fsync" "$uri" randwrite "$2" "$3" time --fsync=1)
    else
      r=$(run_fio "$label-$1-$2-qd$3" "$uri" "$1" "$2" "$3" time)
    fi
    record "$label" "$p" "$r"
  done
}

start_jlvm() { # POOL EXTRA_ARGS...
  local pool=$1
  shift
  rm -f "$work/jlvm.sock"
  "$root/bin/jlvm" nbd_serve --thin-pool "$work/$pool-meta.img,$work/$pool-data.img" \
      --thin-name bench --socket "$work/jlvm.sock" "$@" >>"$work/jlvm.log" 2>&1 &
  server_pid=$!
  wait_socket "$work/jlvm.sock"
}
jlvm_uri="nbd+unix:///bench?socket=$work/jlvm.sock"

# ---- ours: thin volumes of fresh pools (64 KiB blocks, zeroing on) through jlvm nbd_serve.
# First write vs overwrite: formatting a pool punches holes in its whole data file; here it is written with zeroes
# again before the first writes, as a pool's data LV is on a disk: a first write then costs what the pool does, not
# what the file system does to allocate extents (or convert fallocated ones) under the pool's commits, which costs
# more than the pool itself (the file system alone is measured below).
# Three fresh pools; the best run of each kind counts (one pass is short).
for round in 1 2 3; do
  fallocate -l "${size_mib}M" "$work/fw-data.img"
  start_jlvm fw
  stop_server
  dd if=/dev/zero of="$work/fw-data.img" bs=1M count="$size_mib" conv=notrunc,fdatasync status=none
  start_jlvm fw
  first=$(run_fio jlvm-first "$jlvm_uri" randwrite 64k 1 once)
  over=$(run_fio jlvm-over "$jlvm_uri" randwrite 64k 1 once)
  record_best jlvm "first-write 64k 1" "$first"
  record_best jlvm "overwrite 64k 1" "$over"
  pair first-over "${over%% *}" "${first%% *}"
  stop_server
  rm -f "$work"/fw-*.img
done
# The phases: a fresh pool on a sparse data file, filled (untimed) through the pool like every peer's file.
fallocate -l "${size_mib}M" "$work/p-data.img"
start_jlvm p
bench_target jlvm "$jlvm_uri"
stop_server
# Depth 1 and 50 take turns three times (each a server start); each round's depth-50/depth-1 ratio is paired and
# the median of the rounds counts (the machines are noisy: one outlier run must not decide).
declare -A last
for depth in 1 50 1 50 1 50; do
  start_jlvm p --thin-snapshots "$depth"
  for qd in 1 16; do
    r=$(run_fio "jlvm-snap$depth-qd$qd" "$jlvm_uri" randread 4k "$qd" time)
    record_best jlvm "snap-depth-$depth randread 4k $qd" "$r"
    last[$depth-$qd]=${r%% *}
    [ "$depth" = 50 ] && pair "depth-$qd" "${last[50-$qd]}" "${last[1-$qd]}"
  done
  stop_server
done

# ---- ours over a plain file: what the server costs without the thin layer
truncate -s "${size_mib}M" "$work/file.img"
rm -f "$work/file.sock"
"$root/bin/jlvm" nbd_serve --file "$work/file.img" --name bench --socket "$work/file.sock" >>"$work/jlvm.log" 2>&1 &
server_pid=$!
wait_socket "$work/file.sock"
bench_target jlvm-file "nbd+unix:///bench?socket=$work/file.sock"
stop_server

# ---- the raw disk: sequential 1M writes QD4 to a plain file, O_DIRECT (the device) and buffered (a memory copy)
truncate -s "${size_mib}M" "$work/raw.img"
run_fio raw-fill "file:$work/raw.img" write 1M 1 once >/dev/null
record raw-direct "write 1M 4" "$(run_fio raw-direct "direct:$work/raw.img" write 1M 4 time)"
record raw-buffered "write 1M 4" "$(run_fio raw-buffered "file:$work/raw.img" write 1M 1 time)"
rm -f "$work/raw.img"
fallocate -l "${size_mib}M" "$work/raw.img"
record raw-buffered "first-write 64k 1" \
    "$(run_fio raw-first "file:$work/raw.img" randwrite 64k 1 once --fdatasync=4096)"
record raw-buffered "overwrite 64k 1" "$(run_fio raw-over "file:$work/raw.img" randwrite 64k 1 once --fdatasync=4096)"

# ---- nbdkit: file plugin over a plain file, null plugin
truncate -s "${size_mib}M" "$work/nbdkit.img"
nbdkit -f -U "$work/nbdkit.sock" file file="$work/nbdkit.img" &
server_pid=$!
wait_socket "$work/nbdkit.sock"
bench_target nbdkit-file "nbd+unix:///?socket=$work/nbdkit.sock"
stop_server
rm -f "$work/nbdkit.sock"
nbdkit -f -U "$work/nbdkit.sock" null size="${size_mib}M" &
server_pid=$!
wait_socket "$work/nbdkit.sock"
bench_target nbdkit-null "nbd+unix:///?socket=$work/nbdkit.sock"
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

iops() { local v=${result["$1|$2"]}; echo "${v%% *}"; }
ratio() { python3 -c "print('%.2f' % ($1 / max(1, $2)))"; }

echo
echo "ratios (jlvm thin / peer, iops):"
printf '%-20s %10s %12s %12s %16s %20s\n' phase vs_jlvm-file vs_nbdkit-file vs_nbdkit-null vs_qemu-nbd-none \
    vs_qemu-nbd-writeback
for p in "${phases[@]}"; do
  row=()
  for peer in jlvm-file nbdkit-file nbdkit-null qemu-nbd-none qemu-nbd-writeback; do
    row+=("$(ratio "$(iops jlvm "$p")" "$(iops "$peer" "$p")")")
  done
  set -- $p
  printf '%-20s %10s %12s %12s %16s %20s\n' "$1 $2 QD$3" "${row[@]}"
done

echo
echo "goals (issue 13):"
goal() { # TEXT VALUE OP LIMIT
  local ok
  ok=$(python3 -c "print('ok' if $2 $3 $4 else 'MISSED')")
  printf '%-62s %6s  (goal %s %s)  %s\n' "$1" "$2" "$3" "$4" "$ok"
}
for qd in 1 16; do
  best=$(python3 -c "print(max($(iops qemu-nbd-none "randwrite 4k $qd"), $(iops qemu-nbd-writeback "randwrite 4k $qd")))")
  limit=1.5; [ "$qd" = 16 ] && limit=1.3
  goal "4K randwrite QD$qd vs the better qemu-nbd" "$(ratio "$(iops jlvm "randwrite 4k $qd")" "$best")" '>=' "$limit"
  goal "4K randwrite QD$qd vs nbdkit file" \
      "$(ratio "$(iops jlvm "randwrite 4k $qd")" "$(iops nbdkit-file "randwrite 4k $qd")")" '>=' 0.8
done
goal "first write cost / overwrite cost (64K random, QD1; median of 3 rounds)" "$(median_pair first-over)" '<=' 1.2
printf '%-62s %6s  (no goal: fallocated file, pwrite, fdatasync every 4096)\n' "  the same for the file system alone" \
    "$(ratio "$(iops raw-buffered "overwrite 64k 1")" "$(iops raw-buffered "first-write 64k 1")")"
goal "4K randwrite --fsync=1 vs qemu-nbd cache=none" \
    "$(ratio "$(iops jlvm "fsync 4k 1")" "$(iops qemu-nbd-none "fsync 4k 1")")" '>=' 1.0
goal "1M sequential write QD4 vs the raw disk (O_DIRECT)" \
    "$(ratio "$(iops jlvm "write 1M 4")" "$(iops raw-direct "write 1M 4")")" '>=' 0.85
printf '%-62s %6s  (no goal: the page cache is a memory copy)\n' "1M sequential write QD4 vs buffered writes to a file" \
    "$(ratio "$(iops jlvm "write 1M 4")" "$(iops raw-buffered "write 1M 4")")"
for qd in 1 16; do
  goal "4K randread QD$qd at snapshot depth 50 / depth 1 (median of 3 pairs)" "$(median_pair "depth-$qd")" '>=' 0.95
done
