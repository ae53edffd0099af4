"""scikit-learn's fits of the issue-19 benchmark, one thread: logistic L2 (lbfgs, liblinear) and a 50-lambda lasso
path on CSR, on the LIBSVM file SparseFitTime.java reads; one line per fit, in its format.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/sparse/sklearn_fit.py FILE BITS WHAT TOL_LASSO

WHAT: all (lbfgs, liblinear, lasso), logistic (lbfgs, liblinear), or a comma list of lbfgs, liblinear, lasso.

The logistic objective printed is scikit-learn's C*sum(loss) + |w|^2/2 divided by C*m (the same number Linea
prints). liblinear penalizes the intercept too (intercept_scaling 1): its objective is printed without that term,
so it is comparable but not the same problem. The lasso path: glmnet's lambda_max for unstandardized columns
(max_j |x_j^T (y - mean y)| / m), 50 values down to 0.01 lambda_max on a log scale (the grid Linea makes from the
same lambda_max); scikit-learn's lasso_path on the CSR matrix (it converts it to CSC once) with the intercept done
as Lasso(fit_intercept=True) does it on sparse X: y centred, the column means passed as X_offset (implicit
centring, never densified), so the problem at each lambda is Linea's (1/2m)|y - b - Xw|^2 + lambda*|w|_1. Its
stopping rule: duality gap of m times that objective <= tol * |y - mean y|^2, i.e. gap <= tol x the null deviance
in Linea's mean-scaled terms, Linea's own rule (ElasticNetOptions.withThreshold). Printed: the objective at the
last lambda, the sum of the objectives over the path (both computed here from the coefficients, as Linea's are),
and the largest duality gap over the path relative to the null deviance.
"""
import resource
import sys
import time
import warnings

import numpy as np
from sklearn.datasets import load_svmlight_file
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, lasso_path

warnings.simplefilter("ignore", ConvergenceWarning)
path, bits, what, lasso_tol = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
what = {"all": {"lbfgs", "liblinear", "lasso"}, "logistic": {"lbfgs", "liblinear"}}.get(what, set(what.split(",")))
n = 1 << bits
t = time.perf_counter()
X, y = load_svmlight_file(path, n_features=n, dtype=np.float64)
X = X.tocsr()
X.sort_indices()
csr = X.data.nbytes + X.indices.nbytes + X.indptr.nbytes
print(f"sklearn read {time.perf_counter() - t:.3f} s: {X.shape[0]} rows, {X.shape[1]} columns, {X.nnz} non-zeros, "
      f"CSR {csr / 1e6:.1f} MB (indices int{X.indices.dtype.itemsize * 8})")
m = X.shape[0]


def cpu():
    """This process's CPU seconds (user + system): on a shared machine the wall time is mostly waiting for a core."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def status_mb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024 / 1e6
    raise RuntimeError(field + " not in /proc/self/status")


def reset_peak_rss():
    """Resets this process's peak RSS (VmHWM) to its current RSS (Linux: "5" into /proc/self/clear_refs), so that the
    peak measured after a fit is the fit's, not the file reader's; returns the current RSS in MB."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    return status_mb("VmRSS")


def peak_growth_mb(before):
    """The peak RSS since reset_peak_rss(), less the RSS then: the most memory the fit held beyond its input."""
    return status_mb("VmHWM") - before


def objective(coef, b, C=1.0):
    eta = X @ coef + b
    z = np.where(y == 1, eta, -eta)
    return np.logaddexp(0, -z).mean() + coef @ coef / (2 * C * m)


# LOGISTIC_TOL: scikit-learn's tol bounds the gradient of C*sum(loss) + |w|^2/2, which is C*m times Linea's
# mean-scaled gradient (tolerance 1e-8): 1e-2 at m = 1e6 asks both for the same precision; 1e-4 is scikit-learn's
# default and asks for 100 times more.
LOGISTIC_TOL = float(__import__("os").environ.get("LOGISTIC_TOL", "1e-4"))
for solver in [s for s in ("lbfgs", "liblinear") if s in what]:
    before = reset_peak_rss()
    t = time.perf_counter()
    c0 = cpu()
    clf = LogisticRegression(C=1.0, solver=solver, max_iter=1000, tol=LOGISTIC_TOL).fit(X, y)
    c = cpu() - c0
    s = time.perf_counter() - t
    print(f"sklearn logistic-l2-{solver} {c:.3f} cpu-s wall {s:.3f} s tol {LOGISTIC_TOL:g} iterations {int(np.max(clf.n_iter_))} objective "
          f"{objective(clf.coef_.ravel(), clf.intercept_[0]):.10f} peak-rss-growth {peak_growth_mb(before):.1f} MB "
          f"({peak_growth_mb(before) * 1e6 / csr:.2f} x CSR)", flush=True)

# LASSO_INTERCEPT=0: the lasso path without intercept (no centring): scikit-learn's sparse coordinate descent with
# X_offset (the intercept) sums all m residuals for every column of every pass, O(m·p) a pass (1e12 at 1e6 x 2^20),
# so its fits with intercept cannot finish here; without it a pass is O(nnz + p), and SparseFitTime takes
# -Dlasso.intercept=false for the same problem
LASSO_INTERCEPT = __import__("os").environ.get("LASSO_INTERCEPT", "1") != "0"
if "lasso" in what:
    y_mean = y.mean() if LASSO_INTERCEPT else 0.0
    yc = y - y_mean
    x_mean = np.asarray(X.mean(axis=0)).ravel() if LASSO_INTERCEPT else np.zeros(X.shape[1])
    lam_max = np.max(np.abs(X.T @ yc)) / m
    alphas = lam_max * np.logspace(0, -2, 50)
    null_dev = yc @ yc / m
    before = reset_peak_rss()
    t = time.perf_counter()
    c0 = cpu()
    # lasso_path(X, ...) over the whole grid, one lambda per call so that a long run reports its progress (stderr):
    # the CSC conversion lasso_path does first (check_input) is done once here, inside the timing, and each call
    # is warm-started from the last solution, as lasso_path's own loop does
    Xc = X.tocsc()
    scale = np.ones(X.shape[1])
    coefs = np.zeros((X.shape[1], len(alphas)))
    gaps = np.zeros(len(alphas))
    iters = np.zeros(len(alphas), dtype=np.int64)
    w = np.zeros(X.shape[1])
    for k, a in enumerate(alphas):
        _, ck, gk, ik = lasso_path(Xc, yc, alphas=[a], coef_init=w, tol=lasso_tol, max_iter=100_000,
                                   return_n_iter=True, check_input=False, X_offset=x_mean, X_scale=scale)
        w = ck[:, 0].copy()
        coefs[:, k], gaps[k], iters[k] = w, gk[0], ik[0]
        print(f"sklearn lasso-path lambda {k + 1}/{len(alphas)} cpu-s {cpu() - c0:.1f} passes {ik[0]} "
              f"nonzero {np.count_nonzero(w)}", file=sys.stderr, flush=True)
    del Xc
    c = cpu() - c0
    s = time.perf_counter() - t
    grew = peak_growth_mb(before)
    objectives = []
    for k, a in enumerate(alphas):
        w = coefs[:, k]
        b = y_mean - x_mean @ w
        r = y - b - X @ w
        objectives.append(r @ r / (2 * m) + a * np.abs(w).sum())
    print(f"sklearn lasso-path {c:.3f} cpu-s wall {s:.3f} s lambdas {len(alphas)} lambda_max {lam_max:.10g} nonzero_last "
          f"{np.count_nonzero(coefs[:, -1])} passes_total {int(np.sum(iters))} objective_last {objectives[-1]:.12g} "
          f"objective_sum {np.sum(objectives):.12g} max_rel_gap {np.max(gaps) / null_dev:.3g} peak-rss-growth "
          f"{grew:.1f} MB ({grew * 1e6 / csr:.2f} x CSR) tol {lasso_tol:.0e} intercept {LASSO_INTERCEPT}", flush=True)
