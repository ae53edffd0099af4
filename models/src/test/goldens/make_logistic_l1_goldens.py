#!/usr/bin/python3
"""Golden values for Linea's L1 and elastic-net binary logistic regression, from scikit-learn.

Run with Debian's python (scikit-learn 1.2.1), after make_logistic_goldens.py (which writes the data):

    /usr/bin/python3 models/src/test/goldens/make_logistic_l1_goldens.py

Reads golden/logistic/breast_cancer_std.csv and writes golden/logistic/breast_cancer_l1.json with, per case,
the objective  C*sum(loss_i) + (1-rho)/2*|beta|^2 + rho*|beta|_1  (intercept unpenalized; rho = 1 for L1):
  l1          LogisticRegression(penalty="l1", solver="saga", C in {0.05, 1}, tol=1e-12, max_iter=200000)
  elasticnet  penalty="elasticnet", l1_ratio=0.5, solver="saga", C=0.5, same tol and max_iter
Each case holds:
  coef_saga, intercept_saga, n_iter_saga, kkt_saga   scikit-learn's saga answer and its KKT residual
  coef_exact, intercept_exact, kkt_exact             the optimum, polished independently: Newton's method on the
                                                     smooth problem restricted to saga's support with the signs of
                                                     saga's answer fixed (where |beta|_1 = sign·beta is linear),
                                                     then checked against the full KKT conditions
  support                                            indices of the non-zero coefficients of coef_exact
  saga_vs_exact_rel                                  max |coef_saga - coef_exact| / max |coef_exact|
The KKT residual (in the unscaled objective above, g_j = C*sum_i (p_i - y_i) x_ij):
  zero beta_j:      max(0, |g_j| - rho)
  non-zero beta_j:  |g_j + (1-rho)*beta_j + rho*sign(beta_j)|
  intercept:        |C*sum_i (p_i - y_i)|
and kkt_* is the max over all of them; the script fails unless kkt_exact <= 1e-8 and every zero coefficient has
|g_j| < rho - 1e-8 (strict complementarity: the support is well determined).
"""
import json
import os

import numpy as np
import sklearn
from scipy.special import expit
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "golden", "logistic"))


def kkt(x, y, c, rho, coef, icpt):
    p = expit(x @ coef + icpt)
    g = c * x.T @ (p - y)
    res = [abs(c * np.sum(p - y))]
    slack = np.inf
    for j, b in enumerate(coef):
        if b == 0:
            res.append(max(0.0, abs(g[j]) - rho))
            slack = min(slack, rho - abs(g[j]))
        else:
            res.append(abs(g[j] + (1 - rho) * b + rho * np.sign(b)))
    return float(max(res)), float(slack)


def polish(x, y, c, rho, coef, icpt):
    """Newton on the support with fixed signs: min C*sum(loss) + (1-rho)/2 |b_S|^2 + rho*sign_S.b_S."""
    sup = np.flatnonzero(coef)
    sg = np.sign(coef[sup])
    xa = np.hstack([x[:, sup], np.ones((x.shape[0], 1))])
    th = np.append(coef[sup], icpt)
    k = len(sup)
    for _ in range(50):
        p = expit(xa @ th)
        g = c * xa.T @ (p - y)
        g[:k] += (1 - rho) * th[:k] + rho * sg
        h = c * (xa.T * (p * (1 - p))) @ xa
        h[range(k), range(k)] += 1 - rho
        step = np.linalg.solve(h, g)
        th = th - step
        if np.max(np.abs(step)) < 1e-15:
            break
    assert np.all(np.sign(th[:k]) == sg), "a sign flipped while polishing"
    out = np.zeros_like(coef)
    out[sup] = th[:k]
    return out, float(th[k])


def case(x, y, c, penalty, l1_ratio):
    rho = 1.0 if penalty == "l1" else l1_ratio
    kw = {"l1_ratio": l1_ratio} if penalty == "elasticnet" else {}
    r = LogisticRegression(penalty=penalty, C=c, solver="saga", tol=1e-12, max_iter=200000, **kw).fit(x, y)
    coef, icpt = r.coef_[0].copy(), float(r.intercept_[0])
    ks, _ = kkt(x, y, c, rho, coef, icpt)
    ce, ie = polish(x, y, c, rho, coef, icpt)
    ke, slack = kkt(x, y, c, rho, ce, ie)
    assert ke <= 1e-8, "KKT residual %g" % ke
    assert slack > 1e-8, "degenerate support, slack %g" % slack
    return {"penalty": penalty, "C": c, "l1_ratio": rho,
            "coef_saga": coef.tolist(), "intercept_saga": icpt, "n_iter_saga": int(r.n_iter_[0]), "kkt_saga": ks,
            "coef_exact": ce.tolist(), "intercept_exact": ie, "kkt_exact": ke, "min_zero_slack": slack,
            "support": np.flatnonzero(ce).tolist(),
            "saga_vs_exact_rel": float(np.max(np.abs(coef - ce)) / np.max(np.abs(ce)))}


def main():
    data = np.loadtxt(os.path.join(OUT, "breast_cancer_std.csv"), delimiter=",", skiprows=1)
    x, y = data[:, :-1], data[:, -1]
    out = {"generator": "scikit-learn " + sklearn.__version__,
           "l1": [case(x, y, c, "l1", None) for c in (0.05, 1.0)],
           "elasticnet": case(x, y, 0.5, "elasticnet", 0.5)}
    with open(os.path.join(OUT, "breast_cancer_l1.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
