#!/usr/bin/env bash
# Start-up cost of whole jlvm processes against a bare hello-world JVM on the same machine, in one run.
# Every round runs each case once (interleaved, so drift hits all cases alike); the median of the rounds counts.
# Usage: bench/startup.sh [ROUNDS]     (after `mvn -DskipTests package`; prints ratios, asserts nothing)
# Cases: a hello-world java, jlvm --version, jlvm thin_check on a 1000-mapping image, jlvm lvs -a of a small VG.
# Set JLVM_NO_CDS=1 to measure without the AppCDS archive (the "before" figure).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-21}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/Hello.java" <<'J'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
J
javac -d "$work" "$work/Hello.java"
gunzip -c "$top/testdata/dm-thin-vectors/v4_many.bin.gz" > "$work/small.meta"
jar="$top/lvm-cli/target/jlvm.jar"
[ -f "$jar" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
if [ "${JLVM_NO_CDS:-0}" = 1 ]; then
  export JLVM_JAR="$work/nocds.jar"; cp "$jar" "$JLVM_JAR"      # no jlvm.jsa beside this copy
fi
names=(hello version thin_check)
cmds=("java -cp $work Hello" "$top/bin/jlvm --version" "$top/bin/jlvm thin_check $work/small.meta")
# A small VG (the quickstart's: a thin pool, four thin LVs, a linear LV on two PV files) for `lvs`.
export JLVM_WORK="$work/vg" JLVM_HOME="$work/vg/home"
if JLVM_JAR=$jar "$top/scripts/quickstart.sh" >/dev/null 2>&1; then
  names+=(lvs); cmds+=("$top/bin/jlvm lvs -a vg0")
fi
for i in "${!names[@]}"; do : > "$work/${names[$i]}.ms"; done
for r in $(seq "$rounds"); do
  for i in "${!names[@]}"; do
    s=$(date +%s%N); ${cmds[$i]} >/dev/null 2>&1 || true; e=$(date +%s%N)
    echo $(( (e - s) / 1000 )) >> "$work/${names[$i]}.ms"
  done
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
h=$(median "$work/hello.ms")
printf '%-12s %10s %8s\n' case median_ms vs_hello
for n in "${names[@]}"; do
  m=$(median "$work/$n.ms")
  printf '%-12s %10.1f %8.2f\n' "$n" "$(echo "$m/1000" | bc -l)" "$(echo "$m/$h" | bc -l)"
done
