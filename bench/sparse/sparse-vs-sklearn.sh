#!/usr/bin/env bash
# Issue 19's benchmark: Linea's sparse fits against scikit-learn's on the same LIBSVM file, one thread each, in one
# run, timed in CPU seconds of each process (the wall time on a shared machine is mostly waiting for a core; both are
# printed). The two alternate (scikit-learn, Linea, scikit-learn, Linea, …: ROUNDS rounds), so that the load of a shared
# machine falls on both alike; prints every line and the medians of the fit times.
#   bench/sparse/sparse-vs-sklearn.sh [FILE.svm] [ROUNDS] [LASSO_TOL] [WHAT]
# WHAT: all (default: lbfgs, liblinear and the lasso path), or a comma list of lbfgs, liblinear, lasso (Linea runs
# its logistic L2 when lbfgs or liblinear is asked, and its lasso path for lasso).
# FILE.svm defaults to /tmp/linea-sparse-1e6.svm, written first if missing (1e6 rows x 2^20 hashed columns, 30
# non-zeros per row, about 290 MB; make_libsvm.py). Needs Debian's python3-sklearn and a built models module
# (./linea test, or mvn -pl models -am compile).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
FILE="${1:-/tmp/linea-sparse-1e6.svm}"
ROUNDS="${2:-3}"
TOL="${3:-1e-4}"
WHAT="${4:-all}"
LINEA_WHAT="$(echo ",$WHAT," | sed -e 's/,\(lbfgs\|liblinear\),/,logistic,/g; s/,\(lbfgs\|liblinear\),/,logistic,/g; s/^,//; s/,$//')"
BITS=20
PY=/usr/bin/python3
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
[[ -f "$FILE" ]] || { echo "writing $FILE" >&2; "$PY" "$ROOT/bench/sparse/make_libsvm.py" "$FILE" 1000000 "$BITS"; }
CP="$ROOT/models/target/classes:$ROOT/kernels/target/classes"
cat "$FILE" > /dev/null # into the page cache for both
out="$(mktemp)"
for r in $(seq "$ROUNDS"); do
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 "$PY" "$ROOT/bench/sparse/sklearn_fit.py" "$FILE" "$BITS" "$WHAT" "$TOL" | tee -a "$out"
  "$JAVA" -Xmx12g --add-modules jdk.incubator.vector -Dlinea.threads=1 -cp "$CP" \
      "$ROOT/bench/sparse/SparseFitTime.java" "$FILE" "$BITS" "$LINEA_WHAT" "$TOL" 2>/dev/null | tee -a "$out"
done
for fit in sklearn:logistic-l2-lbfgs sklearn:logistic-l2-liblinear linea:logistic-l2 sklearn:lasso-path linea:lasso-path; do
  who="${fit%%:*}"; what="${fit#*:}"
  grep "^$who $what " "$out" | awk '{print $3}' | sort -g | awk -v f="$fit" '{v[NR]=$1} END {
    if (NR) printf "%s median %.2f CPU s over %d runs\n", f, (NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2), NR}'
done
rm -f "$out"
