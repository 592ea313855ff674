#!/usr/bin/env bash
# Latency of `lvs -a` inside one shell session (one JVM: the first run pays class loading, later ones do not)
# against `bin/jlvm lvs -a` as its own process (the peer: a new JVM each time, with the AppCDS archive).
# Usage: bench/shell-latency.sh [SESSIONS]   (after `mvn -DskipTests package`; prints figures, asserts nothing)
# Each session is `bin/jlvm` with commands on standard input (the shell's non-terminal mode, same dispatcher and
# command objects as at a terminal): the time to the first answer (`echo`, the JVM's start), then ten `lvs -a`,
# each timed from sending the line to the end of its output. Medians over SESSIONS (default 5).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
sessions=${1:-5}
jlvm="$top/bin/jlvm"
[ -f "$top/lvm-cli/target/jlvm.jar" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The quickstart's VG: a thin pool, four thin LVs, a linear LV on two PV files.
export JLVM_WORK="$work/vg" JLVM_HOME="$work/vg/home"
"$top/scripts/quickstart.sh" >/dev/null 2>&1
now_us() { local t=$EPOCHREALTIME; echo $(( ${t/./} )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { awk -v u="$1" 'BEGIN {printf "%.1f", u / 1000}'; }
: > "$work/start"; for i in $(seq 10); do : > "$work/lvs$i"; done; : > "$work/standalone"
# Sends one line, then an echo marker, and waits for the marker: the line's latency in microseconds.
timed() {
  local marker="@@done$RANDOM$RANDOM" s e line
  s=$(now_us)
  printf '%s\necho %s\n' "$1" "$marker" >&"${J[1]}"
  while IFS= read -r line <&"${J[0]}"; do [ "$line" = "$marker" ] && break; done
  e=$(now_us)
  echo $(( e - s ))
}
for r in $(seq "$sessions"); do
  coproc J { "$jlvm" 2>/dev/null; }
  timed "" >> "$work/start"
  for i in $(seq 10); do timed "lvs -a" >> "$work/lvs$i"; done
  printf 'exit\n' >&"${J[1]}"
  wait "$J_PID" || true
  s=$(now_us); "$jlvm" lvs -a >/dev/null 2>&1; e=$(now_us); echo $(( e - s )) >> "$work/standalone"
done
start=$(median < "$work/start")
first=$(median < "$work/lvs1")
tenth=$(median < "$work/lvs10")
alone=$(median < "$work/standalone")
printf '%-34s %10s\n' case median_ms
printf '%-34s %10s\n' "shell start (jlvm to first answer)" "$(ms "$start")"
for i in 1 2 3 5 10; do printf '%-34s %10s\n' "lvs -a in the shell, run $i" "$(ms "$(median < "$work/lvs$i")")"; done
printf '%-34s %10s\n' "bin/jlvm lvs -a (own process)" "$(ms "$alone")"
awk -v a="$alone" -v f="$first" -v t="$tenth" 'BEGIN {printf "own process / shell: first %.1fx, tenth %.1fx\n", a / f, a / t}'
