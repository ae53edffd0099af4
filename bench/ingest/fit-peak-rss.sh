#!/usr/bin/env bash
# Peak resident memory of `linea fit --model ols` on a 200 000 x 100 numeric CSV minus that on a 1 000-row CSV of
# the same columns, against X's bytes (rows x features x 8 = 160 MB): issue 14's goal is at most 3x X. The JVM's own
# footprint (code, JIT, class data, the first heap regions) is in both runs, so the difference is what the data cost:
# X read straight into its final array, y, and whatever a fit allocates beside them. Each file is fitted RUNS times,
# alternating (GNU time's maximum resident set size of the JVM, the launcher's child); prints every figure, the
# medians and the ratio.
#   bench/ingest/fit-peak-rss.sh [BIG.csv] [SMALL.csv] [RUNS]
# BIG.csv defaults to /tmp/linea-ingest-200000x100.csv and SMALL.csv to /tmp/linea-ingest-1000x100.csv, written
# first when missing (bench/ingest/make_csv.py: 17 significant digits). Needs /usr/bin/time and python3 with numpy;
# runs ./linea (which builds the CLI when it is out of date), with LINEA_JAVA_OPTS as given (the default heap).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIG="${1:-/tmp/linea-ingest-200000x100.csv}"
SMALL="${2:-/tmp/linea-ingest-1000x100.csv}"
RUNS="${3:-3}"
ROWS=200000
FEATURES=100
PY=/usr/bin/python3
[[ -f "$BIG" ]] || { echo "writing $BIG" >&2; "$PY" "$ROOT/bench/ingest/make_csv.py" "$BIG" "$ROWS" "$FEATURES"; }
[[ -f "$SMALL" ]] || { echo "writing $SMALL" >&2; "$PY" "$ROOT/bench/ingest/make_csv.py" "$SMALL" 1000 "$FEATURES"; }
LINEA_QUIET=1 "$ROOT/linea" backends > /dev/null # build first, outside the measured runs
cat "$BIG" > /dev/null # into the page cache
out="$(mktemp)"
for r in $(seq "$RUNS"); do
  for which in big small; do
    file="$BIG"; [[ "$which" == small ]] && file="$SMALL"
    kb="$( { LINEA_QUIET=1 /usr/bin/time -f 'maxrss_kb=%M' "$ROOT/linea" fit "$file" --target y --model ols \
      --quiet > /dev/null; } 2>&1 | sed -n 's/^maxrss_kb=//p' | tail -1)"
    echo "$which run $r maxrss_kb=$kb" | tee -a "$out"
  done
done
median() { grep "^$1 " "$out" | sed 's/.*maxrss_kb=//' | sort -g | awk '{v[NR]=$1} END {
  print (NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
big="$(median big)"
small="$(median small)"
awk -v b="$big" -v s="$small" -v m="$ROWS" -v n="$FEATURES" 'BEGIN {
  x = m * n * 8 / 1024; printf "median peak RSS: big %.0f MiB, small %.0f MiB; difference %.0f MiB = %.2f x X (%.0f MiB)\n",
  b / 1024, s / 1024, (b - s) / 1024, (b - s) / x, x / 1024 }'
rm -f "$out"
