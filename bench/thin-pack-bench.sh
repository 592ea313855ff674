#!/usr/bin/env bash
# thin_metadata_pack / unpack: jlvm against thin-provisioning-tools 1.1.0 on the same generated pool, back to
# back. Prints seconds, MB/s of metadata in use, pack sizes, peak RSS (/usr/bin/time -v) and ratios; asserts
# nothing. 1.1.0 is found through JLVM_THIN_TOOLS_1X (the directory holding pdata_tools) or in the clone's
# .cache/thin-tools-1.1.0 (scripts/fetch-thin-tools-1x.sh .cache fetches it); without it only jlvm runs.
# Usage: bench/thin-pack-bench.sh [MAPPINGS] [WORKDIR]     (default 20000000, a new temp dir)
# Build first: mvn -B -ntp -q -DskipTests package
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-20000000}
dir=${2:-$(mktemp -d /tmp/thin-pack-bench.XXXXXX)}
mkdir -p "$dir"
jlvm="$here/bin/jlvm"
pdata=""
for d in "${JLVM_THIN_TOOLS_1X:-}" "$here/.cache/thin-tools-1.1.0/usr/sbin"; do
  if [ -n "$d" ] && [ -x "$d/pdata_tools" ]; then pdata="$d/pdata_tools"; break; fi
done
[ -x /usr/bin/time ] || { echo "thin-pack-bench: needs /usr/bin/time (package time)"; exit 1; }

md="$dir/pool.meta"
echo "== thin_generate: $n mappings (10 origins x 10 snapshots, 64 KiB blocks) into $md"
gen=$("$jlvm" thin_generate --force --metadata "$md" --mappings "$n" --metadata-size 4G 2>/dev/null)
echo "$gen"
used_blocks=$(sed -n 's/.*metadata_blocks=\([0-9]*\).*/\1/p' <<<"$gen")
used_mb=$(awk -v b="$used_blocks" 'BEGIN { printf "%.1f", b * 4096 / 1e6 }')
echo "metadata in use: $used_blocks blocks = $used_mb MB of a $(($(stat -c %s "$md") >> 20)) MiB file"
cat "$md" > /dev/null   # page cache warm for both tools

# run LABEL OUTFILE command...: prints "seconds rss_kb" (or "fail fail"), stderr of the tool kept in LABEL.err
run() {
  local label=$1 out=$2; shift 2
  rm -f "$out"
  if /usr/bin/time -v -o "$dir/$label.time" "$@" > /dev/null 2> "$dir/$label.err"; then
    awk '/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
         /Maximum resident set size/ { r = $NF } END { printf "%.2f %d\n", s, r }' "$dir/$label.time"
  else
    echo "fail fail"; echo "$label failed:" >&2; cat "$dir/$label.err" >&2
  fi
}
size() { [ -f "$1" ] && stat -c %s "$1" || echo 0; }

run warmup "$dir/warm.pack" "$jlvm" thin_metadata_pack -i "$md" -o "$dir/warm.pack" > /dev/null
read -r o_s o_kb < <(run jlvm-pack "$dir/jlvm.pack" "$jlvm" thin_metadata_pack -i "$md" -o "$dir/jlvm.pack")
o_sz=$(size "$dir/jlvm.pack")
read -r ou_s ou_kb < <(run jlvm-unpack "$dir/jlvm.unpacked" "$jlvm" thin_metadata_unpack -i "$dir/jlvm.pack" -o "$dir/jlvm.unpacked")
if [ -n "$pdata" ]; then
  read -r r_s r_kb < <(run 1x-pack "$dir/1x.pack" "$pdata" thin_metadata_pack -i "$md" -o "$dir/1x.pack")
  r_sz=$(size "$dir/1x.pack")
  read -r ru_s ru_kb < <(run 1x-unpack "$dir/1x.unpacked" "$pdata" thin_metadata_unpack -i "$dir/1x.pack" -o "$dir/1x.unpacked")
else
  echo "(thin-provisioning-tools 1.1.0 not found: set JLVM_THIN_TOOLS_1X or run scripts/fetch-thin-tools-1x.sh $here/.cache)"
  r_s=fail; r_kb=fail; r_sz=0; ru_s=fail; ru_kb=fail
fi

mbs() { awk -v s="$1" -v m="$used_mb" 'BEGIN { if (s == "fail" || s <= 0) print "-"; else printf "%.0f", m / s }'; }
mb() { awk -v k="$1" 'BEGIN { if (k == "fail") print "-"; else printf "%.0f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "fail" || b == "fail" || a <= 0 || b <= 0) print "-"; else printf "%.2f", a / b }'; }
echo
printf '%-22s %10s %14s %14s %14s\n' "" seconds "MB/s in use" "pack bytes" "peak RSS MB"
printf '%-22s %10s %14s %14s %14s\n' "jlvm pack" "$o_s" "$(mbs "$o_s")" "$o_sz" "$(mb "$o_kb")"
printf '%-22s %10s %14s %14s %14s\n' "1.1.0 pack" "$r_s" "$(mbs "$r_s")" "$r_sz" "$(mb "$r_kb")"
printf '%-22s %10s %14s %14s %14s\n' "jlvm unpack" "$ou_s" "$(mbs "$ou_s")" "" "$(mb "$ou_kb")"
printf '%-22s %10s %14s %14s %14s\n' "1.1.0 unpack" "$ru_s" "$(mbs "$ru_s")" "" "$(mb "$ru_kb")"
echo
echo "pack speed 1.1.0/jlvm:   $(ratio "$r_s" "$o_s")x   (> 1: jlvm faster)"
echo "unpack speed 1.1.0/jlvm: $(ratio "$ru_s" "$ou_s")x"
echo "pack size jlvm/1.1.0:    $(ratio "$o_sz" "$r_sz")   (< 1: jlvm smaller)"
if [ -n "$pdata" ] && [ -f "$dir/1x.pack" ] && [ -f "$dir/jlvm.pack" ]; then
  rm -f "$dir/cross.unpacked"
  if "$pdata" thin_metadata_unpack -i "$dir/jlvm.pack" -o "$dir/cross.unpacked" >/dev/null 2>&1 &&
     "$pdata" thin_check -q "$dir/cross.unpacked" >/dev/null 2>&1; then
    echo "1.1.0 unpacks jlvm's pack and its thin_check accepts the result"
  else
    echo "1.1.0 could not unpack or check jlvm's pack"
  fi
fi
rm -f "$dir"/*.unpacked "$dir/warm.pack"
echo "work files in $dir"
