# Sourced by the bench scripts: wall-clock timing of a command (output to out.txt/err.out in the current
# directory; a failure stops the script), and the best of $runs runs.
t() { # command... -> seconds
  /usr/bin/time -f "%e" -o t.out "$@" > out.txt 2> err.out || { echo "failed: $*" >&2; cat err.out >&2; exit 1; }
  cat t.out
}
best() { # command... -> best seconds of $runs
  local b="" r
  for ((i = 0; i < runs; i++)); do
    r=$(t "$@")
    if [ -z "$b" ] || awk -v a="$r" -v c="$b" 'BEGIN { exit !(a < c) }'; then b=$r; fi
  done
  echo "$b"
}
