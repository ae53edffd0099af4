"""Goldens from scikit-learn's ElasticNet / Lasso on the raw (unstandardized) diabetes data, to check the mapping
sklearn alpha = Linea lambda, sklearn l1_ratio = Linea alpha (unit weights, standardize = false).

scikit-learn minimizes 1/(2n)·||y - Xw - b||² + alpha·l1_ratio·||w||₁ + alpha·(1 - l1_ratio)/2·||w||².

Run from the repository root with Debian's Python (scikit-learn 1.2.1):
    /usr/bin/python3 models/src/test/goldens/make_lasso_goldens.py
Writes models/src/test/resources/golden/lasso/diabetes_sklearn.csv: alpha, l1_ratio, intercept, coef_1..coef_p.
"""
import numpy as np
from sklearn.linear_model import ElasticNet, Lasso

OUT = "models/src/test/resources/golden/lasso"
d = np.loadtxt(f"{OUT}/diabetes.csv", delimiter=",", skiprows=1)
x, y = d[:, :-1], d[:, -1]
n = x.shape[0]
# lambda_max for l1_ratio = 1 without standardization: max_j |x_j^T (y - ybar)| / n over centred x
lam_max = np.max(np.abs((x - x.mean(0)).T @ (y - y.mean()))) / n
rows = []
for l1 in (1.0, 0.5, 0.2):
    for frac in (0.5, 0.05, 0.002):
        alpha = lam_max * frac / l1
        if l1 == 1.0:
            m = Lasso(alpha=alpha, tol=1e-15, max_iter=10_000_000)
        else:
            m = ElasticNet(alpha=alpha, l1_ratio=l1, tol=1e-15, max_iter=10_000_000)
        m.fit(x, y)
        rows.append([alpha, l1, m.intercept_, *m.coef_])
        print(f"alpha={alpha:.6g} l1_ratio={l1} n_iter={m.n_iter_} dual_gap={m.dual_gap_:.3g}")
header = "alpha,l1_ratio,intercept," + ",".join(f"b{j + 1}" for j in range(x.shape[1]))
np.savetxt(f"{OUT}/diabetes_sklearn.csv", np.array(rows), delimiter=",", header=header, comments="", fmt="%.17g")
