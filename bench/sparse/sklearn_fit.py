"""scikit-learn's fits of the issue-19 benchmark, one thread: logistic L2 (lbfgs, liblinear) and a 50-lambda lasso
path on CSR, on the LIBSVM file SparseFitTime.java reads; one line per fit, in its format.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/sparse/sklearn_fit.py FILE BITS WHAT TOL_LASSO

The logistic objective printed is scikit-learn's C*sum(loss) + |w|^2/2 divided by C*m (the same number Linea
prints). liblinear penalizes the intercept too (intercept_scaling 1): its objective is printed without that term,
so it is comparable but not the same problem. The lasso path: glmnet's lambda_max for unstandardized columns
(max_j |x_j^T (y - mean y)| / m), 50 values down to 0.01 lambda_max on a log scale; scikit-learn's Lasso with
fit_intercept (implicit centring on CSR) warm-started along it, each solution kept, as Linea's path keeps them.
"""
import resource
import sys
import time
import warnings

import numpy as np
from sklearn.datasets import load_svmlight_file
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso, LogisticRegression

warnings.simplefilter("ignore", ConvergenceWarning)
path, bits, what, lasso_tol = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
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


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def objective(coef, b, C=1.0):
    eta = X @ coef + b
    z = np.where(y == 1, eta, -eta)
    return np.logaddexp(0, -z).mean() + coef @ coef / (2 * C * m)


# LOGISTIC_TOL: scikit-learn's tol bounds the gradient of C*sum(loss) + |w|^2/2, which is C*m times Linea's
# mean-scaled gradient (tolerance 1e-8): 1e-2 at m = 1e6 asks both for the same precision; 1e-4 is scikit-learn's
# default and asks for 100 times more.
LOGISTIC_TOL = float(__import__("os").environ.get("LOGISTIC_TOL", "1e-4"))
if what in ("logistic", "lbfgs", "all"):
    for solver in ("lbfgs",) if what == "lbfgs" else ("lbfgs", "liblinear"):
        before = rss_mb()
        t = time.perf_counter()
        c0 = cpu()
        clf = LogisticRegression(C=1.0, solver=solver, max_iter=1000, tol=LOGISTIC_TOL).fit(X, y)
        c = cpu() - c0
        s = time.perf_counter() - t
        print(f"sklearn logistic-l2-{solver} {c:.3f} cpu-s wall {s:.3f} s tol {LOGISTIC_TOL:g} iterations {int(np.max(clf.n_iter_))} objective "
              f"{objective(clf.coef_.ravel(), clf.intercept_[0]):.10f} peak-rss-growth {rss_mb() - before:.1f} MB "
              f"({(rss_mb() - before) * 1e6 / csr:.2f} x CSR)")

if what in ("lasso", "all"):
    yc = y - y.mean()
    lam_max = np.max(np.abs(X.T @ yc)) / m
    alphas = lam_max * np.logspace(0, -2, 50)
    before = rss_mb()
    t = time.perf_counter()
    c0 = cpu()
    model = Lasso(alpha=alphas[0], fit_intercept=True, warm_start=True, tol=lasso_tol, max_iter=100_000,
                  selection="cyclic")
    coefs = []
    iters = 0
    for a in alphas:
        model.set_params(alpha=a)
        model.fit(X, y)
        coefs.append(model.coef_.copy())
        iters += model.n_iter_
    c = cpu() - c0
    s = time.perf_counter() - t
    print(f"sklearn lasso-path {c:.3f} cpu-s wall {s:.3f} s lambdas {len(alphas)} lambda_max {lam_max:.10g} nonzero_last "
          f"{np.count_nonzero(coefs[-1])} passes_total {iters} peak-rss-growth {rss_mb() - before:.1f} MB "
          f"({(rss_mb() - before) * 1e6 / csr:.2f} x CSR) tol {lasso_tol:.0e}")
