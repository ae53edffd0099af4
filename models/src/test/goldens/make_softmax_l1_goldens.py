#!/usr/bin/python3
"""Golden values for Linea's L1 and elastic-net multinomial (softmax) regression, from scikit-learn.

Run with Debian's python (scikit-learn 1.2.1), after make_logistic_goldens.py (which writes the data):

    /usr/bin/python3 models/src/test/goldens/make_softmax_l1_goldens.py

Reads golden/logistic/iris_std.csv and writes golden/logistic/iris_l1.json with, per case, the optimum of
  C*sum_i(-log p_{i,y_i}) + (1-rho)/2*|W|_F^2 + rho*|W|_1      (K coefficient rows; intercepts unpenalized)
  l1          LogisticRegression(penalty="l1", solver="saga", C=0.5, tol=1e-12, max_iter=200000,
                                 multi_class="multinomial")                                       rho = 1
  elasticnet  the same with penalty="elasticnet", l1_ratio=0.5, C=1                                rho = 0.5
Each case holds:
  coef_saga, intercept_saga, n_iter_saga, kkt_saga   scikit-learn's answer (K rows) and its KKT residual
  coef_exact, intercept_exact, kkt_exact             the optimum, polished independently: Newton's method on the
                                                     smooth problem restricted to saga's support with the signs of
                                                     saga's answer fixed (where |W|_1 = sign.W is linear), then
                                                     checked against the full KKT conditions; intercepts centred
                                                     (they are determined only up to a common constant)
  support                                            [class, feature] of the non-zero entries of coef_exact
  min_zero_slack                                     min over zero entries of rho - |G_kj| (> 0: a strict support)
  saga_vs_exact_rel                                  max |coef_saga - coef_exact| / max |coef_exact|
With G = C*(P - Y)^T X (K x n, Y one-hot) the KKT residual is the max of
  zero W_kj:      max(0, |G_kj| - rho)
  non-zero W_kj:  |G_kj + (1-rho)*W_kj + rho*sign(W_kj)|
  intercepts:     |C*sum_i (P_ik - Y_ik)|
The script fails unless kkt_exact <= 1e-8 and min_zero_slack > 1e-8.
"""
import json
import os

import numpy as np
import sklearn
from scipy.special import softmax
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "golden", "logistic"))


def grads(x, yk, c, coef, icpt):
    p = softmax(x @ coef.T + icpt, axis=1)
    return p, c * (p - yk).T @ x, c * np.sum(p - yk, axis=0)


def kkt(x, yk, c, rho, coef, icpt):
    _, g, gb = grads(x, yk, c, coef, icpt)
    res = [float(np.max(np.abs(gb)))]
    slack = np.inf
    for (kk, j), w in np.ndenumerate(coef):
        if w == 0:
            res.append(max(0.0, abs(g[kk, j]) - rho))
            slack = min(slack, rho - abs(g[kk, j]))
        else:
            res.append(abs(g[kk, j] + (1 - rho) * w + rho * np.sign(w)))
    return float(max(res)), float(slack)


def polish(x, yk, c, rho, coef, icpt):
    """Newton on the support with fixed signs (least-squares steps: the intercepts have a null direction)."""
    m, n = x.shape
    k = coef.shape[0]
    xa = np.hstack([x, np.ones((m, 1))])
    mask = np.hstack([coef != 0, np.ones((k, 1), bool)]).ravel()  # theta = [W | b] row-major, K x (n+1)
    sg = np.hstack([np.sign(coef), np.zeros((k, 1))]).ravel()
    pen = np.hstack([np.ones((k, n)), np.zeros((k, 1))]).ravel()
    th = np.hstack([coef, icpt[:, None]]).ravel()
    for _ in range(100):
        t = th.reshape(k, n + 1)
        p = softmax(xa @ t.T, axis=1)
        g = (c * (p - yk).T @ xa).ravel() + pen * ((1 - rho) * th + rho * sg)
        h = np.zeros((k * (n + 1), k * (n + 1)))
        for a in range(k):
            for b in range(k):
                wab = p[:, a] * ((a == b) - p[:, b])
                h[a * (n + 1):(a + 1) * (n + 1), b * (n + 1):(b + 1) * (n + 1)] = c * (xa.T * wab) @ xa
        h += np.diag(pen * (1 - rho))
        hs = h[np.ix_(mask, mask)]
        step = np.linalg.lstsq(hs, g[mask], rcond=None)[0]
        th[mask] -= step
        if np.max(np.abs(step)) < 1e-15:
            break
    t = th.reshape(k, n + 1)
    ce, ie = t[:, :n].copy(), t[:, n].copy()
    assert np.all(np.sign(ce) == np.sign(coef)), "a sign flipped while polishing"
    return ce, ie - ie.mean()


def case(x, y, c, penalty, l1_ratio):
    rho = 1.0 if penalty == "l1" else l1_ratio
    kw = {"l1_ratio": l1_ratio} if penalty == "elasticnet" else {}
    r = LogisticRegression(penalty=penalty, C=c, solver="saga", tol=1e-12, max_iter=200000,
                           multi_class="multinomial", **kw).fit(x, y)
    coef, icpt = r.coef_.copy(), r.intercept_.copy()
    yk = np.eye(coef.shape[0])[y.astype(int)]
    ks, _ = kkt(x, yk, c, rho, coef, icpt)
    ce, ie = polish(x, yk, c, rho, coef, icpt)
    ke, slack = kkt(x, yk, c, rho, ce, ie)
    print(penalty, "saga kkt", ks, "exact kkt", ke, "slack", slack, "n_iter", r.n_iter_)
    assert ke <= 1e-8, "KKT residual %g" % ke
    assert slack > 1e-8, "degenerate support, slack %g" % slack
    return {"penalty": penalty, "C": c, "l1_ratio": rho,
            "coef_saga": coef.tolist(), "intercept_saga": icpt.tolist(), "n_iter_saga": int(r.n_iter_[0]),
            "kkt_saga": ks,
            "coef_exact": ce.tolist(), "intercept_exact": ie.tolist(), "kkt_exact": ke, "min_zero_slack": slack,
            "support": [list(map(int, ij)) for ij in np.argwhere(ce != 0)],
            "saga_vs_exact_rel": float(np.max(np.abs(coef - ce)) / np.max(np.abs(ce)))}


def main():
    data = np.loadtxt(os.path.join(OUT, "iris_std.csv"), delimiter=",", skiprows=1)
    x, y = data[:, :-1], data[:, -1]
    out = {"generator": "scikit-learn " + sklearn.__version__,
           "l1": case(x, y, 0.5, "l1", None),
           "elasticnet": case(x, y, 1.0, "elasticnet", 0.5)}
    with open(os.path.join(OUT, "iris_l1.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
