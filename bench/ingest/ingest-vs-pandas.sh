#!/usr/bin/env bash
# Reading a numeric CSV into a design: Linea's CsvDatasets.read against pandas.read_csv (C engine), in one run.
# The two alternate (pandas, Linea, pandas, Linea, …: ROUNDS rounds of READS reads each, warm page cache), so that
# the load of a shared machine falls on both alike; prints every time and the medians.
#   bench/ingest/ingest-vs-pandas.sh [FILE.csv] [ROUNDS] [READS]
# FILE.csv defaults to /tmp/linea-ingest-200000x100.csv, written first if missing (200 000 x 100, 17 significant
# digits, about 400 MB). Needs Debian's python3-pandas and a built models module (./linea test, or
# mvn -pl models -am compile).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
FILE="${1:-/tmp/linea-ingest-200000x100.csv}"
ROUNDS="${2:-3}"
READS="${3:-2}"
PY=/usr/bin/python3
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
[[ -f "$FILE" ]] || { echo "writing $FILE" >&2; "$PY" "$ROOT/bench/ingest/make_csv.py" "$FILE" 200000 100; }
FASTCSV="$(ls "$HOME"/.m2/repository/de/siegmar/fastcsv/*/fastcsv-*.jar | grep -v sources | tail -1)"
CP="$ROOT/models/target/classes:$ROOT/kernels/target/classes:$FASTCSV"
cat "$FILE" > /dev/null # into the page cache for both
out="$(mktemp)"
for r in $(seq "$ROUNDS"); do
  "$PY" "$ROOT/bench/ingest/pandas_read.py" "$FILE" "$READS" | tee -a "$out"
  "$JAVA" -Xmx4g -cp "$CP" "$ROOT/bench/ingest/IngestTime.java" "$FILE" "$READS" | tee -a "$out"
done
for who in pandas linea; do
  grep "^$who " "$out" | awk '{print $2}' | sort -g | awk -v who="$who" '{v[NR]=$1} END {
    printf "%s median %.3f s over %d reads\n", who, (NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2), NR}'
done
rm -f "$out"
