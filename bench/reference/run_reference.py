#!/usr/bin/python3
"""Reference timings for the Linea benchmark report: the same fits in numpy, scikit-learn and R's glmnet.

Times, single-threaded, on data generated like FitBench's (X: sums of three uniforms minus 1.5; y: 1 plus
((j mod 7) - 3) / 10 times each column, plus a little noise):

  OLS            numpy.linalg.lstsq on [X, 1] and sklearn LinearRegression   1e6x100 and 1e5x1000
  ridge          sklearn Ridge(alpha=1, solver='cholesky')                     1e6x100 and 1e5x1000
  logistic       sklearn LogisticRegression(solver='lbfgs')                    1e5x100
  lasso path     R glmnet, its default 100-lambda path                         1e5x1000

--small divides the row counts by 10 (1e5x100, 1e4x1000; logistic 1e4x100). Each task runs 3 times; reference.json
records the median, every run, and the tool's version. A task that cannot run (no Rscript, no glmnet) is recorded
with the reason instead of a time. Linea's report reads the file when it sits in the bench output directory (or is
given with --reference FILE) and puts each time next to the Linea benchmark doing the same work.

Usage: /usr/bin/python3 bench/reference/run_reference.py [--small] [--out FILE] [--repeats N]
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# One thread everywhere, set before numpy loads its BLAS: Linea's kernels run on one thread, and the comparison
# should be core for core. (Each library reads these variables once, at load time.)
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[var] = "1"

import numpy as np  # noqa: E402  (after the thread settings, on purpose)

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "results", "latest", "reference.json")


def shape_name(m, n):
    """FitBench's shape parameter, so the report can match rows by shape."""
    return f"{m}x{n}"


def generate(m, n, seed):
    """X and y like FitBench.FitData (same distribution and model; numpy's generator, not Java's)."""
    rng = np.random.default_rng(seed)
    x = np.empty((m, n))
    block = 100_000  # rows at a time: keeps the temporaries small next to the 800 MB of X
    for start in range(0, m, block):
        stop = min(m, start + block)
        part = rng.random((stop - start, n))
        part += rng.random((stop - start, n))
        part += rng.random((stop - start, n))
        part -= 1.5
        x[start:stop] = part
    w = ((np.arange(n) % 7) - 3) * 0.1
    noise = x.ravel()[(np.arange(m) * 31) % (m * n)]
    y = 1.0 + x @ w + 0.01 * noise
    return x, y


def median_time(fn, repeats):
    runs = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs), runs


def timed(name, shape, tool, version, linea, fn, repeats):
    print(f"  {name} on {shape} with {tool} ...", file=sys.stderr, flush=True)
    med, runs = median_time(fn, repeats)
    print(f"    median {med:.3f} s", file=sys.stderr, flush=True)
    return {"name": name, "shape": shape, "seconds": med, "runs": runs, "tool": tool, "version": version,
            "linea": linea}


def skipped(name, shape, tool, linea, reason):
    print(f"  {name} on {shape}: skipped ({reason})", file=sys.stderr, flush=True)
    return {"name": name, "shape": shape, "seconds": None, "tool": tool, "version": "", "linea": linea,
            "skipped": reason}


def least_squares_tasks(m, n, repeats):
    import sklearn
    from sklearn.linear_model import LinearRegression, Ridge
    x, y = generate(m, n, 21)
    shape = shape_name(m, n)
    ones = np.ones((m, 1))
    ols = "FitBench.olsQr,FitBench.olsNormalEquations"
    out = [
        # The column of ones is appended inside the timing: that copy is part of fitting an intercept with lstsq.
        timed("OLS", shape, "numpy.linalg.lstsq", np.__version__, ols,
              lambda: np.linalg.lstsq(np.hstack([x, ones]), y, rcond=None), repeats),
        timed("OLS", shape, "sklearn LinearRegression", sklearn.__version__, ols,
              lambda: LinearRegression().fit(x, y), repeats),
        timed("ridge (alpha=1, cholesky)", shape, "sklearn Ridge", sklearn.__version__, "FitBench.ridgeCholesky",
              lambda: Ridge(alpha=1.0, solver="cholesky").fit(x, y), repeats),
    ]
    del x, y
    return out


def logistic_task(m, n, repeats):
    import sklearn
    from sklearn.linear_model import LogisticRegression
    x, y = generate(m, n, 22)
    labels = (y > 1.0).astype(np.int64)  # about half of each class
    # max_iter raised from 100 so that lbfgs converges: a time for an unfinished fit would flatter the tool.
    return timed("logistic (lbfgs, C=1)", shape_name(m, n), "sklearn LogisticRegression", sklearn.__version__,
                 "EstimatorPathBench.logisticLbfgs,EstimatorPathBench.logisticNewton",
                 lambda: LogisticRegression(solver="lbfgs", C=1.0, max_iter=1000).fit(x, labels), repeats)


R_LASSO = r"""
suppressMessages(library(glmnet))
a <- commandArgs(TRUE)
m <- as.integer(a[1]); n <- as.integer(a[2]); repeats <- as.integer(a[5])
x <- matrix(readBin(a[3], "double", m * n, size = 8, endian = "little"), nrow = m, ncol = n, byrow = TRUE)
y <- readBin(a[4], "double", m, size = 8, endian = "little")
for (k in seq_len(repeats)) cat(sprintf("%.6f\n", system.time(glmnet(x, y, alpha = 1, nlambda = 100))[["elapsed"]]))
cat("version", as.character(packageVersion("glmnet")), "\n")
"""


def lasso_task(m, n, repeats):
    name, shape, tool = "lasso path (100 lambdas)", shape_name(m, n), "R glmnet"
    rscript = shutil.which("Rscript")
    if rscript is None:
        return skipped(name, shape, tool, "", "Rscript not found on PATH")
    probe = subprocess.run([rscript, "-e", "suppressMessages(library(glmnet))"], capture_output=True, text=True)
    if probe.returncode != 0:
        return skipped(name, shape, tool, "", "R package glmnet not installed")
    x, y = generate(m, n, 23)
    with tempfile.TemporaryDirectory() as d:
        xf, yf, rf = (os.path.join(d, f) for f in ("x.bin", "y.bin", "lasso.R"))
        x.astype("<f8").tofile(xf)  # row-major; R reads it with byrow = TRUE
        y.astype("<f8").tofile(yf)
        del x, y
        with open(rf, "w") as f:
            f.write(R_LASSO)
        print(f"  {name} on {shape} with {tool} ...", file=sys.stderr, flush=True)
        # Timed inside R (system.time around glmnet only): reading the data is not the tool's work.
        r = subprocess.run([rscript, rf, str(m), str(n), xf, yf, str(repeats)], capture_output=True, text=True)
    if r.returncode != 0:
        return skipped(name, shape, tool, "", "Rscript failed: " + r.stderr.strip()[-300:])
    lines = r.stdout.split("\n")
    runs = [float(s) for s in lines if s.strip() and not s.startswith("version")]
    version = next((s.split()[1] for s in lines if s.startswith("version")), "")
    return {"name": name, "shape": shape, "seconds": statistics.median(runs), "runs": runs, "tool": tool,
            "version": version, "linea": "EstimatorPathBench.lassoPath"}


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--small", action="store_true", help="row counts divided by 10 (a check that it runs)")
    p.add_argument("--out", default=DEFAULT_OUT, help="where to write reference.json (default: %(default)s)")
    p.add_argument("--repeats", type=int, default=3, help="runs per task; the median is reported")
    p.add_argument("--tasks", default="ls,logistic,lasso",
                   help="comma-separated subset of ls (OLS and ridge), logistic, lasso (default: all)")
    a = p.parse_args()
    scale = 10 if a.small else 1
    tasks = set(a.tasks.split(","))
    tall, wide = (1_000_000 // scale, 100), (100_000 // scale, 1000)

    try:
        from threadpoolctl import threadpool_limits
        limits = threadpool_limits(limits=1)  # belt and braces, for a BLAS that ignores the variables
    except ImportError:
        limits = None

    results = []
    for m, n in (tall, wide):
        if "ls" in tasks:
            results += least_squares_tasks(m, n, a.repeats)
    if "logistic" in tasks:
        results.append(logistic_task(100_000 // scale, 100, a.repeats))
    if "lasso" in tasks:
        results.append(lasso_task(*wide, a.repeats))

    doc = {
        "generated": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{cpu_model()}, {os.cpu_count()} cores visible, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "threads": 1,
        "small": a.small,
        "repeats": a.repeats,
        "results": results,
    }
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    print(f"wrote {a.out}", file=sys.stderr)
    del limits


if __name__ == "__main__":
    main()
