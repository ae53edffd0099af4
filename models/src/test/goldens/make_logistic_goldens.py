#!/usr/bin/python3
"""Golden values for Linea's logistic and softmax regression and classification metrics, from scikit-learn.

Run with Debian's python (scikit-learn 1.2.1):

    /usr/bin/python3 models/src/test/goldens/make_logistic_goldens.py

Writes, under golden/logistic/:
  breast_cancer_std.csv  scikit-learn's breast cancer data (569 x 30), each column standardized by StandardScaler,
                         target 0 (malignant) / 1 (benign). Values are written with repr (shortest round-trip form)
                         and read back, so the fits below and the Java tests use exactly the same doubles.
  iris_std.csv           iris (150 x 4, 3 classes), standardized the same way.
  breast_cancer.json     LogisticRegression(solver="lbfgs", tol=1e-10, max_iter=10000):
                           binary      C in {0.01, 1, 100}: coef_, intercept_, n_iter_
                           weighted    C = 1, sample_weight w_i = 1 + (i mod 3)
                           balanced    C = 1, class_weight="balanced"
                           noint       C = 1, fit_intercept=False
                         each with "newton_rel": the largest difference, relative to max |coef|, between
                         scikit-learn's answer and a few exact Newton steps from it on the same objective
                         C*sum(s*loss) + |coef|^2/2 (how far scikit-learn's lbfgs stopped from the minimizer:
                         scipy's L-BFGS-B also stops on its default ftol = 2.2e-9, which sklearn does not expose,
                         so lbfgs is 1e-5 to 1e-3 from the minimizer here). Hence also coef_exact, intercept_exact,
                         n_iter_exact and newton_rel_exact from solver="newton-cholesky", tol=1e-12 (new in 1.2),
                         which is at the minimizer to rounding: the Java tests compare to those at 1e-6.
  iris.json              LogisticRegression(multi_class="multinomial", C=1, lbfgs, tol=1e-10): coef_ (3 x 4),
                         intercept_, predict_proba of the first 5 rows; coef_exact / intercept_exact from
                         solver="newton-cg", tol=1e-12, and lbfgs_vs_exact_rel, their distance;
                           weighted  newton-cg, C = 10, sample_weight w_i = 1 + (i mod 4), class_weight
                                     {0: 2, 1: 1, 2: 0.5}
                           noint     newton-cg, C = 1, fit_intercept=False
  metrics.json           log_loss, accuracy_score, brier_score_loss, confusion_matrix, roc_auc_score (plain and
                         with sample weights) and calibration_curve(n_bins=10, strategy="uniform") on fixed
                         predictions (probabilities rounded to 2 decimals, so there are ties and values on bin
                         edges; one probability is exactly 0 for a positive row, so log_loss clips at eps).
"""
import json
import os

import numpy as np
import sklearn
from scipy.special import expit
from sklearn.calibration import calibration_curve
from sklearn.datasets import load_breast_cancer, load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, brier_score_loss, confusion_matrix, log_loss, roc_auc_score)
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "golden", "logistic"))


def write_csv(name, names, x, y):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        f.write(",".join(names + ["target"]) + "\n")
        for row, t in zip(x, y):
            f.write(",".join(repr(float(v)) for v in row) + "," + repr(float(t)) + "\n")
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    return data[:, :-1], data[:, -1]


def newton_rel(x, y, s, c, coef, icpt, fit_intercept):
    """Max |Newton-refined - coef| / max |coef| on C*sum(s*loss) + |beta|^2/2."""
    m, n = x.shape
    xa = np.hstack([x, np.ones((m, 1))]) if fit_intercept else x
    th = np.append(coef, icpt) if fit_intercept else coef.copy()
    for _ in range(6):
        p = expit(xa @ th)
        g = c * xa.T @ (s * (p - y))
        g[:n] += th[:n]
        h = c * (xa.T * (s * p * (1 - p))) @ xa
        h[range(n), range(n)] += 1
        th = th - np.linalg.solve(h, g)
    ref = th[:n]
    return float(np.max(np.abs(ref - coef)) / np.max(np.abs(coef)))


def fit(x, y, c, sw=None, class_weight=None, fit_intercept=True):
    out = {"C": c}
    s = np.ones(len(y)) if sw is None else sw.copy()
    if class_weight == "balanced":
        counts = np.bincount(y.astype(int))
        s = s * (len(y) / (2.0 * counts))[y.astype(int)]
    for solver, key, tol in (("lbfgs", "", 1e-10), ("newton-cholesky", "_exact", 1e-12)):
        r = LogisticRegression(C=c, solver=solver, tol=tol, max_iter=10000, class_weight=class_weight,
                               fit_intercept=fit_intercept).fit(x, y, sample_weight=sw)
        coef = r.coef_[0]
        icpt = float(r.intercept_[0]) if fit_intercept else 0.0
        out["coef" + key] = coef.tolist()
        out["intercept" + key] = icpt
        out["n_iter" + key] = int(r.n_iter_[0])
        out["newton_rel" + key] = newton_rel(x, y, s, c, coef, icpt, fit_intercept)
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    bc = load_breast_cancer()
    names = [n.replace(" ", "_") for n in bc.feature_names]
    x, y = write_csv("breast_cancer_std.csv", names, StandardScaler().fit_transform(bc.data), bc.target)
    w = 1.0 + (np.arange(len(y)) % 3)
    out = {"generator": "scikit-learn " + sklearn.__version__,
           "binary": [fit(x, y, c) for c in (0.01, 1.0, 100.0)],
           "weighted": fit(x, y, 1.0, sw=w),
           "balanced": fit(x, y, 1.0, class_weight="balanced"),
           "noint": fit(x, y, 1.0, fit_intercept=False)}
    with open(os.path.join(OUT, "breast_cancer.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")

    iris = load_iris()
    inames = [n.replace(" (cm)", "").replace(" ", "_") for n in iris.feature_names]
    xi, yi = write_csv("iris_std.csv", inames, StandardScaler().fit_transform(iris.data), iris.target)
    r = LogisticRegression(multi_class="multinomial", C=1.0, solver="lbfgs", tol=1e-10, max_iter=10000).fit(xi, yi)
    e = LogisticRegression(multi_class="multinomial", C=1.0, solver="newton-cg", tol=1e-12, max_iter=10000).fit(xi, yi)
    wi = 1.0 + (np.arange(len(yi)) % 4)
    cw = {0: 2.0, 1: 1.0, 2: 0.5}
    ew = LogisticRegression(multi_class="multinomial", C=10.0, solver="newton-cg", tol=1e-12, max_iter=10000,
                            class_weight=cw).fit(xi, yi, sample_weight=wi)
    en = LogisticRegression(multi_class="multinomial", C=1.0, solver="newton-cg", tol=1e-12, max_iter=10000,
                            fit_intercept=False).fit(xi, yi)
    with open(os.path.join(OUT, "iris.json"), "w") as f:
        json.dump({"generator": "scikit-learn " + sklearn.__version__, "C": 1.0, "coef": r.coef_.tolist(),
                   "intercept": r.intercept_.tolist(), "proba_first5": r.predict_proba(xi[:5]).tolist(),
                   "coef_exact": e.coef_.tolist(), "intercept_exact": e.intercept_.tolist(),
                   "lbfgs_vs_exact_rel": float(np.max(np.abs(r.coef_ - e.coef_)) / np.max(np.abs(e.coef_))),
                   "weighted": {"C": 10.0, "class_weight": {str(k): v for k, v in cw.items()},
                                "coef_exact": ew.coef_.tolist(), "intercept_exact": ew.intercept_.tolist()},
                   "noint": {"C": 1.0, "coef_exact": en.coef_.tolist()}},
                  f, indent=1)
        f.write("\n")

    rng = np.random.RandomState(0)
    m = 200
    yt = rng.randint(0, 2, m).astype(float)
    p = np.round(np.clip(0.3 * yt + 0.7 * rng.rand(m), 0, 1), 2)
    yt[0], p[0] = 1.0, 0.0
    sw = rng.randint(1, 4, m).astype(float)
    yhat = (p > 0.5).astype(float)
    prob_true, prob_pred = calibration_curve(yt, p, n_bins=10, strategy="uniform")
    k3 = 3
    y3 = rng.randint(0, k3, 60).astype(float)
    p3 = rng.dirichlet(np.ones(k3), 60)
    met = {
        "generator": "scikit-learn " + sklearn.__version__,
        "y": yt.tolist(), "p": p.tolist(), "w": sw.tolist(),
        "log_loss": log_loss(yt, p), "log_loss_w": log_loss(yt, p, sample_weight=sw),
        "accuracy": accuracy_score(yt, yhat), "accuracy_w": accuracy_score(yt, yhat, sample_weight=sw),
        "brier": brier_score_loss(yt, p), "brier_w": brier_score_loss(yt, p, sample_weight=sw),
        "roc_auc": roc_auc_score(yt, p), "roc_auc_w": roc_auc_score(yt, p, sample_weight=sw),
        "confusion": confusion_matrix(yt, yhat).tolist(),
        "confusion_w": confusion_matrix(yt, yhat, sample_weight=sw).tolist(),
        "calibration_prob_true": prob_true.tolist(), "calibration_prob_pred": prob_pred.tolist(),
        "y3": y3.tolist(), "p3": p3.tolist(), "log_loss3": log_loss(y3, p3),
        "confusion3": confusion_matrix(y3, p3.argmax(axis=1)).tolist(),
        "accuracy3": accuracy_score(y3, p3.argmax(axis=1)),
    }
    with open(os.path.join(OUT, "metrics.json"), "w") as f:
        json.dump(met, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
