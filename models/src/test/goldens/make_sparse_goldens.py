#!/usr/bin/python3
"""Goldens for Linea's sparse estimators (SparseDesign) from scikit-learn on scipy CSR matrices.

Run from the repository root with Debian's python (scikit-learn 1.2.1, scipy 1.10.1):

    /usr/bin/python3 models/src/test/goldens/make_sparse_goldens.py

and then the glmnet half on the same data (it reads the files this script writes):

    Rscript models/src/test/goldens/make_sparse_goldens.R

Writes into models/src/test/resources/golden/sparse/:
  sparse.libsvm   the generated design, 500 rows x 80 columns, LIBSVM text (1-based indices, label = the Gaussian
                  target): columns 1-20 one-hot codes of 4 categorical variables with 5 levels each (4 non-zeros
                  per row), columns 21-79 continuous at density 0.08 (values rounded to 4 decimals), column 80
                  empty; 2 rows have no continuous non-zero. Seeded (numpy default_rng(1919)).
  targets.csv     gaussian (real), label (0/1), count (Poisson counts) for every row
  sklearn.json    fits on the CSR matrix (every fit is given scipy.sparse.csr_matrix, never a dense array):
    logistic_l2   LogisticRegression(penalty="l2", C in {0.1, 1}, solver="lbfgs", tol=1e-12, max_iter=100000) on
                  label: coef, intercept, n_iter; and coef_exact / intercept_exact, the same objective
                  C*sum(loss) + |coef|^2/2 polished by Newton steps (numpy, dense, float64) from sklearn's answer
                  until the step is < 1e-15, with lbfgs_rel = max|lbfgs - exact| / max|exact| (how far lbfgs stopped)
    lasso         Lasso(alpha, tol=1e-15, max_iter=10**7) on gaussian, alpha = lambda_max * {0.3, 0.05, 0.005}:
                  coef, intercept, dual_gap
    elastic_net   ElasticNet(alpha = lambda_max * 0.05 / 0.5, l1_ratio=0.5, tol=1e-15) on gaussian
    ridge         Ridge(alpha in {0.5, 20}, solver="sparse_cg", tol=1e-15) on gaussian (sklearn centres the CSR
                  columns implicitly: X_offset), and coef_exact from numpy's dense solve of the centred normal
                  equations, with sparse_cg_rel (its distance)
    poisson       PoissonRegressor(alpha in {1e-2, 1e-1}, tol=1e-12, max_iter=100000) on count (lbfgs on CSR), and
                  coef_exact polished by Newton steps on 1/(2n)*deviance + alpha/2*|coef|^2, with lbfgs_rel
"""
import json
import os

import numpy as np
import scipy
import scipy.sparse as sp
import sklearn
from sklearn.linear_model import ElasticNet, Lasso, LogisticRegression, PoissonRegressor, Ridge

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "golden", "sparse"))
os.makedirs(OUT, exist_ok=True)

M, GROUPS, LEVELS, CONT = 500, 4, 5, 59
N = GROUPS * LEVELS + CONT + 1  # the last column stays empty
rng = np.random.default_rng(1919)
x = np.zeros((M, N))
for g in range(GROUPS):
    lev = rng.integers(0, LEVELS, M)
    x[np.arange(M), g * LEVELS + lev] = 1.0
mask = rng.random((M, CONT)) < 0.08
mask[7, :] = False
mask[123, :] = False
x[:, GROUPS * LEVELS:GROUPS * LEVELS + CONT] = np.where(mask, np.round(rng.normal(1.0, 1.5, (M, CONT)), 4), 0.0)
beta = np.zeros(N)
beta[[0, 6, 12, 18]] = [1.0, -0.8, 0.5, 0.7]
beta[[22, 30, 41, 55, 60, 71]] = [0.9, -1.2, 0.6, -0.5, 1.1, 0.4]
eta = 0.3 + x @ beta
gaussian = np.round(eta + 0.5 * rng.normal(size=M), 6)
label = (rng.random(M) < 1 / (1 + np.exp(-eta))).astype(float)
count = rng.poisson(np.exp(0.5 * eta)).astype(float)

with open(os.path.join(OUT, "sparse.libsvm"), "w") as f:
    for i in range(M):
        nz = np.nonzero(x[i])[0]
        f.write(repr(float(gaussian[i])) + "".join(f" {j + 1}:{repr(float(x[i, j]))}" for j in nz) + "\n")
with open(os.path.join(OUT, "targets.csv"), "w") as f:
    f.write("gaussian,label,count\n")
    for i in range(M):
        f.write(f"{repr(float(gaussian[i]))},{int(label[i])},{int(count[i])}\n")

# read back what was written, so that the fits and the Java tests use the same doubles
rows, cols, vals, ys = [], [], [], []
with open(os.path.join(OUT, "sparse.libsvm")) as f:
    for i, line in enumerate(f):
        parts = line.split()
        ys.append(float(parts[0]))
        for p in parts[1:]:
            j, v = p.split(":")
            rows.append(i)
            cols.append(int(j) - 1)
            vals.append(float(v))
X = sp.csr_matrix((vals, (rows, cols)), shape=(M, N))
assert np.array_equal(X.toarray(), x) and np.array_equal(np.array(ys), gaussian)
Xd = X.toarray()
A = np.hstack([Xd, np.ones((M, 1))])  # coefficients then intercept


def newton(grad_hess, theta, tol=1e-15, max_steps=50):
    for _ in range(max_steps):
        g, h = grad_hess(theta)
        step = np.linalg.solve(h, g)
        theta = theta - step
        if np.max(np.abs(step)) < tol * max(1.0, np.max(np.abs(theta))):
            break
    return theta


def logistic_gh(c):
    pen = np.r_[np.ones(N), 0.0]

    def gh(theta):
        p = 1 / (1 + np.exp(-(A @ theta)))
        g = c * (A.T @ (p - label)) + pen * theta
        h = c * (A.T * (p * (1 - p))) @ A + np.diag(pen)
        return g, h
    return gh


def poisson_gh(alpha):
    pen = np.r_[np.ones(N), 0.0]

    def gh(theta):
        mu = np.exp(A @ theta)
        g = (A.T @ (mu - count)) / M + alpha * pen * theta
        h = (A.T * mu) @ A / M + alpha * np.diag(pen)
        return g, h
    return gh


def rel(a, b):
    return float(np.max(np.abs(a - b)) / np.max(np.abs(b)))


out = {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "rows": M, "cols": N,
       "logistic_l2": [], "lasso": [], "elastic_net": [], "ridge": [], "poisson": []}
for c in (0.1, 1.0):
    m = LogisticRegression(penalty="l2", C=c, solver="lbfgs", tol=1e-12, max_iter=100000).fit(X, label)
    th = newton(logistic_gh(c), np.r_[m.coef_[0], m.intercept_[0]])
    out["logistic_l2"].append({"C": c, "coef": m.coef_[0].tolist(), "intercept": float(m.intercept_[0]),
                               "n_iter": int(m.n_iter_[0]), "coef_exact": th[:N].tolist(),
                               "intercept_exact": float(th[N]), "lbfgs_rel": rel(np.r_[m.coef_[0], m.intercept_[0]], th)})

lam_max = np.max(np.abs((Xd - Xd.mean(0)).T @ (gaussian - gaussian.mean()))) / M
for frac in (0.3, 0.05, 0.005):
    m = Lasso(alpha=lam_max * frac, tol=1e-15, max_iter=10 ** 7).fit(X, gaussian)
    out["lasso"].append({"alpha": lam_max * frac, "coef": m.coef_.tolist(), "intercept": float(m.intercept_),
                         "n_iter": int(m.n_iter_), "dual_gap": float(m.dual_gap_)})
m = ElasticNet(alpha=lam_max * 0.05 / 0.5, l1_ratio=0.5, tol=1e-15, max_iter=10 ** 7).fit(X, gaussian)
out["elastic_net"].append({"alpha": lam_max * 0.05 / 0.5, "l1_ratio": 0.5, "coef": m.coef_.tolist(),
                           "intercept": float(m.intercept_), "dual_gap": float(m.dual_gap_)})

xc = Xd - Xd.mean(0)
for alpha in (0.5, 20.0):
    m = Ridge(alpha=alpha, solver="sparse_cg", tol=1e-15, max_iter=100000).fit(X, gaussian)
    exact = np.linalg.solve(xc.T @ xc + alpha * np.eye(N), xc.T @ (gaussian - gaussian.mean()))
    b_exact = gaussian.mean() - Xd.mean(0) @ exact
    out["ridge"].append({"alpha": alpha, "coef": m.coef_.tolist(), "intercept": float(m.intercept_),
                         "coef_exact": exact.tolist(), "intercept_exact": float(b_exact),
                         "sparse_cg_rel": rel(m.coef_, exact)})

for alpha in (1e-2, 1e-1):
    m = PoissonRegressor(alpha=alpha, tol=1e-12, max_iter=100000).fit(X, count)
    th = newton(poisson_gh(alpha), np.r_[m.coef_, m.intercept_])
    out["poisson"].append({"alpha": alpha, "coef": m.coef_.tolist(), "intercept": float(m.intercept_),
                           "n_iter": int(m.n_iter_), "coef_exact": th[:N].tolist(), "intercept_exact": float(th[N]),
                           "lbfgs_rel": rel(np.r_[m.coef_, m.intercept_], th)})

with open(os.path.join(OUT, "sklearn.json"), "w") as f:
    json.dump(out, f, indent=1)
for k in ("logistic_l2", "ridge", "poisson"):
    for case in out[k]:
        print(k, {kk: v for kk, v in case.items() if not isinstance(v, list)})
for k in ("lasso", "elastic_net"):
    for case in out[k]:
        print(k, case["alpha"], "nnz", int(np.sum(np.array(case["coef"]) != 0)), "gap", case["dual_gap"])
