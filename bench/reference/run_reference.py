#!/usr/bin/python3
"""Reference timings for the Linea benchmark report: the same fits in numpy, scikit-learn, statsmodels and R's glmnet.

The default run (the one docs/reference-fits.md quotes) writes each shape's data once, as little-endian doubles,
and times every tool on those very numbers, with one and with two BLAS threads, then Linea itself on the same files
(dev.linea.bench.FitTiming, --linea), and prints one table of medians and ratios (tool time / Linea time at the
same thread count: above 1, Linea is faster). The data are FitAllocationBench's model: X sums of three uniforms
minus 1.5; t = 1 + sum_j ((j mod 7) - 3) / 100 * x_j; y = t + N(0, 0.1^2); labels ~ Bernoulli(sigmoid(t - 1));
counts ~ Poisson(exp(0.3 (t - 1))). One X serves every task.

  OLS            numpy.linalg.lstsq on [X, 1]; sklearn LinearRegression        Linea ols_ne and ols_qr
  ridge          sklearn Ridge(alpha=1, solver='cholesky')                      Linea ridge (Cholesky)
  lasso path     sklearn lasso_path (100 alphas, standardized X); R glmnet      Linea lasso (100 lambdas)
  logistic       sklearn LogisticRegression(lbfgs, C=1)                         Linea logistic (L-BFGS)
  Poisson GLM    statsmodels GLM(Poisson()).fit() (IRLS, skipped when it would not fit in memory);    Linea poisson (IRLS)
                 sklearn PoissonRegressor(alpha=0, solver='newton-cholesky', tol=1e-8)

Shapes: --shapes (default 200000x100,1000000x100); --small divides the row counts by 10. glmnet is single-threaded
(coordinate descent in Fortran): it runs once, under "1 thread", and is compared with Linea on 1 and on 2.
reference.json keeps {name, shape, threads, seconds, runs, tool, version, linea} per task (BenchReport reads the
rows whose 'linea' names a benchmark); reference.md holds the table. A task that cannot run (no Rscript, no
glmnet) is recorded with the reason instead of a time.

Usage: /usr/bin/python3 bench/reference/run_reference.py [--small] [--shapes 200000x100,...] [--threads 1,2]
         [--tasks ols,ridge,lasso,logistic,poisson] [--repeats N] [--linea bench/target/benchmarks.jar] [--out FILE]
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

# Two threads at most, set before numpy loads its BLAS (each library reads these once, at load time); every timing
# then runs under threadpoolctl's limit for its thread count, so one process times both counts.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[var] = "2"

import numpy as np  # noqa: E402  (after the thread settings, on purpose)
from threadpoolctl import threadpool_limits  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
DEFAULT_OUT = os.path.join(HERE, "..", "results", "latest", "reference.json")
JAVA = os.environ.get("JAVA", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")

# Linea's FitTiming task for each reference task, and the JMH benchmark BenchReport matches by shape.
LINEA_TASK = {"OLS": ["ols_ne", "ols_qr"], "ridge": ["ridge"], "lasso path": ["lasso"],
              "logistic": ["logistic"], "Poisson GLM": ["poisson"]}
JMH_NAME = {"OLS": "FitBench.olsQr,FitBench.olsNormalEquations", "ridge": "FitBench.ridgeCholesky",
            "lasso path": "EstimatorPathBench.lassoPath", "logistic": "EstimatorPathBench.logisticLbfgs",
            "Poisson GLM": ""}


def shape_name(m, n):
    """FitBench's shape parameter, so the report can match rows by shape."""
    return f"{m}x{n}"


def generate(m, n, seed):
    """X, y, labels, counts as in FitAllocationBench (numpy's generator): one X for every task."""
    rng = np.random.default_rng(seed)
    x = np.empty((m, n))
    block = 100_000  # rows at a time: keeps the temporaries small next to X
    for start in range(0, m, block):
        stop = min(m, start + block)
        part = rng.random((stop - start, n))
        part += rng.random((stop - start, n))
        part += rng.random((stop - start, n))
        part -= 1.5
        x[start:stop] = part
    w = ((np.arange(n) % 7) - 3) * 0.01
    t = 1.0 + x @ w
    y = t + 0.1 * rng.standard_normal(m)
    labels = (rng.random(m) < 1 / (1 + np.exp(-(t - 1)))).astype(np.float64)
    counts = rng.poisson(np.exp(0.3 * (t - 1))).astype(np.float64)
    return x, y, labels, counts


def median_time(fn, repeats, threads):
    with threadpool_limits(limits=threads):
        fn()  # warm-up: imports, first-call set-up, page faults on the output arrays
        runs = []
        for _ in range(repeats):
            t = time.perf_counter()
            fn()
            runs.append(time.perf_counter() - t)
    return statistics.median(runs), runs


def timed(name, shape, tool, version, threads, fn, repeats):
    print(f"  {name} on {shape} with {tool}, {threads} thread(s) ...", file=sys.stderr, flush=True)
    med, runs = median_time(fn, repeats, threads)
    print(f"    median {med:.3f} s", file=sys.stderr, flush=True)
    return {"name": name, "shape": shape, "threads": threads, "seconds": med, "runs": runs, "tool": tool,
            "version": version, "linea": JMH_NAME[name]}


def skipped(name, shape, tool, reason, threads=1):
    print(f"  {name} on {shape}: {tool} skipped ({reason})", file=sys.stderr, flush=True)
    return {"name": name, "shape": shape, "threads": threads, "seconds": None, "tool": tool, "version": "",
            "linea": JMH_NAME[name], "skipped": reason}


# statsmodels' GLM IRLS on 1e6×100 (800 MB of X) grew past 23 GB and was killed by the kernel's OOM killer
# (2026-12-07): its working copies scale with X, about 30 bytes for each byte of X.
STATSMODELS_GLM_BYTES_PER_X_BYTE = 30


def available_memory():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return 0


def python_tasks(data, shape, tasks, threads, repeats):
    import sklearn
    import statsmodels
    import statsmodels.api as sm
    from sklearn.linear_model import LinearRegression, LogisticRegression, PoissonRegressor, Ridge, lasso_path
    x, y, labels, counts = data
    m = x.shape[0]
    sk = sklearn.__version__
    out = []
    for k in threads:
        if "ols" in tasks:
            # The column of ones is appended inside the timing: that copy is part of fitting an intercept here.
            ones = np.ones((m, 1))
            out.append(timed("OLS", shape, "numpy.linalg.lstsq", np.__version__, k,
                             lambda: np.linalg.lstsq(np.hstack([x, ones]), y, rcond=None), repeats))
            out.append(timed("OLS", shape, "sklearn LinearRegression", sk, k,
                             lambda: LinearRegression().fit(x, y), repeats))
        if "ridge" in tasks:
            out.append(timed("ridge", shape, "sklearn Ridge(cholesky)", sk, k,
                             lambda: Ridge(alpha=1.0, solver="cholesky").fit(x, y), repeats))
        if "lasso" in tasks:
            def sk_lasso():
                # glmnet's and Linea's path standardize X and centre y; lasso_path does neither by itself.
                xs = (x - x.mean(axis=0)) / x.std(axis=0)
                return lasso_path(xs, y - y.mean(), n_alphas=100)
            out.append(timed("lasso path", shape, "sklearn lasso_path", sk, k, sk_lasso, repeats))
        if "logistic" in tasks:
            # max_iter raised from 100 so that lbfgs converges: a time for an unfinished fit would flatter the tool.
            out.append(timed("logistic", shape, "sklearn LogisticRegression(lbfgs)", sk, k,
                             lambda: LogisticRegression(solver="lbfgs", C=1.0, max_iter=1000).fit(x, labels),
                             repeats))
        if "poisson" in tasks:
            def sm_poisson():
                return sm.GLM(counts, sm.add_constant(x, prepend=True), family=sm.families.Poisson()).fit()
            need = STATSMODELS_GLM_BYTES_PER_X_BYTE * x.nbytes
            if need > available_memory():
                out.append(skipped("Poisson GLM", shape, "statsmodels GLM(Poisson) IRLS",
                                   f"needs about {need / 2**30:.1f} GiB, {available_memory() / 2**30:.1f} available",
                                   k))
            else:
                out.append(timed("Poisson GLM", shape, "statsmodels GLM(Poisson) IRLS", statsmodels.__version__,
                                 k, sm_poisson, repeats))
            # scikit-learn's fastest GLM solver (1.2+), unpenalized; tol tightened from 1e-4 so that the
            # time is that of a finished fit, as Linea's IRLS is
            out.append(timed("Poisson GLM", shape, "sklearn PoissonRegressor(newton-cholesky)", sk, k,
                             lambda: PoissonRegressor(alpha=0.0, solver="newton-cholesky", tol=1e-8,
                                                      max_iter=1000).fit(x, counts), repeats))
    return out


R_LASSO = r"""
suppressMessages(library(glmnet))
a <- commandArgs(TRUE)
m <- as.integer(a[1]); n <- as.integer(a[2]); repeats <- as.integer(a[5])
x <- matrix(readBin(a[3], "double", m * n, size = 8, endian = "little"), nrow = m, ncol = n, byrow = TRUE)
y <- readBin(a[4], "double", m, size = 8, endian = "little")
invisible(glmnet(x, y, alpha = 1, nlambda = 100))  # warm-up, as for the other tools
for (k in seq_len(repeats)) cat(sprintf("%.6f\n", system.time(glmnet(x, y, alpha = 1, nlambda = 100))[["elapsed"]]))
cat("version", as.character(packageVersion("glmnet")), "\n")
"""


def glmnet_task(m, n, d, repeats):
    name, shape, tool = "lasso path", shape_name(m, n), "R glmnet"
    rscript = shutil.which("Rscript")
    if rscript is None:
        return skipped(name, shape, tool, "Rscript not found on PATH")
    probe = subprocess.run([rscript, "-e", "suppressMessages(library(glmnet))"], capture_output=True, text=True)
    if probe.returncode != 0:
        return skipped(name, shape, tool, "R package glmnet not installed")
    rf = os.path.join(d, "lasso.R")
    with open(rf, "w") as f:
        f.write(R_LASSO)
    print(f"  {name} on {shape} with {tool} ...", file=sys.stderr, flush=True)
    # Timed inside R (system.time around glmnet only): reading the data is not the tool's work.
    r = subprocess.run([rscript, rf, str(m), str(n), os.path.join(d, "x.bin"), os.path.join(d, "y.bin"),
                        str(repeats)], capture_output=True, text=True)
    if r.returncode != 0:
        return skipped(name, shape, tool, "Rscript failed: " + r.stderr.strip()[-300:])
    lines = r.stdout.split("\n")
    runs = [float(s) for s in lines if s.strip() and not s.startswith("version")]
    version = next((s.split()[1] for s in lines if s.startswith("version")), "")
    print(f"    median {statistics.median(runs):.3f} s", file=sys.stderr, flush=True)
    return {"name": name, "shape": shape, "threads": 1, "seconds": statistics.median(runs), "runs": runs,
            "tool": tool, "version": version, "linea": JMH_NAME[name]}


def linea_tasks(jar, m, n, d, tasks, threads, repeats, backend):
    """Linea's FitTiming on the same files, in its own JVM; one result per task and thread count."""
    names = [t for name, ts in LINEA_TASK.items() if reference_key(name) in tasks for t in ts]
    # X, its working copy and the QR's copy (three m×n arrays), plus room: a tight heap times the collector, not the fit.
    heap = f"-Xmx{max(4, (m * n * 8 * 5) // 2**30 + 3)}g"
    cmd = [JAVA, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", heap, "-cp", jar,
           "dev.linea.bench.FitTiming", d, str(m), str(n), str(repeats), ",".join(map(str, threads)),
           ",".join(names), backend]
    print("  Linea: " + " ".join(cmd), file=sys.stderr, flush=True)
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit("FitTiming failed:\n" + r.stderr[-2000:])
    out = []
    for line in r.stdout.splitlines():
        if line.startswith("{"):
            row = json.loads(line)
            row["shape"] = shape_name(m, n)
            print(f"    {row['task']}, {row['threads']} thread(s): median {row['seconds']:.3f} s", file=sys.stderr)
            out.append(row)
    return out


def reference_key(name):
    return {"OLS": "ols", "ridge": "ridge", "lasso path": "lasso", "logistic": "logistic",
            "Poisson GLM": "poisson"}[name]


def table(results, linea):
    """Markdown: each tool's median next to Linea's on the same shape and thread count, and the ratio."""
    by = {(r["shape"], r["task"], r["threads"]): r["seconds"] for r in linea}
    rows = ["| shape | fit | tool | threads | tool median | Linea | Linea median | tool / Linea |",
            "|---|---|---|---|---|---|---|---|"]
    for r in results:
        for task in LINEA_TASK[r["name"]]:
            lin = by.get((r["shape"], task, r["threads"]))
            tool_s = "skipped: " + r["skipped"] if r.get("seconds") is None else f"{r['seconds'] * 1000:.0f} ms"
            lin_s = "–" if lin is None else f"{lin * 1000:.0f} ms"
            ratio = "–" if lin is None or r.get("seconds") is None else f"{r['seconds'] / lin:.2f}"
            rows.append(f"| {r['shape']} | {r['name']} | {r['tool']} {r['version']} | {r['threads']} | {tool_s} | "
                        f"{task} | {lin_s} | {ratio} |")
    # glmnet runs on one thread; put it against Linea on 2 as well.
    for r in results:
        if r["tool"] == "R glmnet" and r.get("seconds") is not None:
            for k in sorted({l["threads"] for l in linea if l["threads"] != 1}):
                lin = by.get((r["shape"], "lasso", k))
                if lin is not None:
                    rows.append(f"| {r['shape']} | {r['name']} | {r['tool']} {r['version']} | 1 (Linea {k}) | "
                                f"{r['seconds'] * 1000:.0f} ms | lasso | {lin * 1000:.0f} ms | "
                                f"{r['seconds'] / lin:.2f} |")
    return "\n".join(rows) + "\n"


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
    p.add_argument("--shapes", default="200000x100,1000000x100", help="comma-separated MxN (default: %(default)s)")
    p.add_argument("--threads", default="1,2", help="BLAS thread counts to time (default: %(default)s)")
    p.add_argument("--out", default=DEFAULT_OUT, help="where to write reference.json (default: %(default)s); "
                                                      "reference.md goes next to it")
    p.add_argument("--repeats", type=int, default=3, help="timed runs per task after one warm-up; the median")
    p.add_argument("--tasks", default="ols,ridge,lasso,logistic,poisson",
                   help="comma-separated subset of ols, ridge, lasso, logistic, poisson (default: all)")
    p.add_argument("--linea", default=os.path.join(ROOT, "bench", "target", "benchmarks.jar"),
                   help="Linea's benchmarks.jar, for FitTiming on the same data; 'none' skips Linea")
    p.add_argument("--backend", default="auto", help="Linea's backend (default: %(default)s)")
    a = p.parse_args()
    scale = 10 if a.small else 1
    tasks = set(a.tasks.split(","))
    threads = [int(t) for t in a.threads.split(",")]
    shapes = []
    for s in a.shapes.split(","):
        m, n = (int(float(v)) for v in s.split("x"))
        shapes.append((m // scale, n))
    if a.linea != "none" and not os.path.exists(a.linea):
        raise SystemExit(f"--linea {a.linea}: no such file; build it with "
                         "'mvn -B -q -pl bench -am package -DskipTests' or pass --linea none")

    results, linea = [], []
    for m, n in shapes:
        shape = shape_name(m, n)
        data = generate(m, n, 21)
        with tempfile.TemporaryDirectory() as d:
            for name, v in zip(("x", "y", "labels", "counts"), data):
                np.ascontiguousarray(v, dtype="<f8").tofile(os.path.join(d, name + ".bin"))
            results += python_tasks(data, shape, tasks, threads, a.repeats)
            if "lasso" in tasks:
                results.append(glmnet_task(m, n, d, a.repeats))
            del data
            if a.linea != "none":
                linea += linea_tasks(a.linea, m, n, d, tasks, threads, a.repeats, a.backend)

    doc = {
        "generated": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{cpu_model()}, {os.cpu_count()} cores visible, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "load": os.getloadavg(),
        "threads": threads,
        "small": a.small,
        "repeats": a.repeats,
        "results": results,
        "linea": linea,
    }
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    md = os.path.splitext(a.out)[0] + ".md"
    with open(md, "w") as f:
        f.write(f"Reference fits, {doc['generated']}, {doc['machine']}, load average at the end "
                f"{doc['load'][0]:.1f}; medians of {a.repeats} after one warm-up; ratio > 1: Linea faster.\n\n")
        f.write(table(results, linea))
    print(table(results, linea))
    print(f"wrote {a.out} and {md}", file=sys.stderr)


if __name__ == "__main__":
    main()
