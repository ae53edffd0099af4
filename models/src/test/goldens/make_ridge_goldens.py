#!/usr/bin/python3
"""Golden values for Linea's ridge regression and RidgeCV, from scikit-learn.

Run with Debian's python (scikit-learn 1.2.1):

    /usr/bin/python3 models/src/test/goldens/make_ridge_goldens.py

Reads golden/ols/diabetes.csv (scikit-learn's raw, unscaled diabetes data, written by make_ols_goldens.py) and
writes golden/ridge/diabetes_ridge.json:
  grid        Ridge(alpha, solver="svd") over an alpha grid, with intercept: coef_ and intercept_ per alpha
  weighted    Ridge(alpha=1) with sample_weight w_i = 1 + (i mod 5)
  noint       Ridge(alpha=1, fit_intercept=False) on the first four columns
  cv          RidgeCV(alphas, store_cv_values=True): alpha_, best_score_, coef_, intercept_, and the mean squared
              leave-one-out error per alpha (cv_values_.mean(axis=0))
  cv_weighted the same with sample_weight w_i = 1 + (i mod 5)
"""
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import Ridge, RidgeCV

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.normpath(os.path.join(HERE, "..", "resources", "golden"))


def main():
    data = np.loadtxt(os.path.join(GOLD, "ols", "diabetes.csv"), delimiter=",", skiprows=1)
    x, y = data[:, :-1], data[:, -1]
    w = 1.0 + (np.arange(len(y)) % 5)
    grid = [1e-3, 1e-2, 0.1, 1.0, 10.0, 100.0, 1e3, 1e4]
    out = {"generator": "scikit-learn " + sklearn.__version__, "grid": []}
    for a in grid:
        r = Ridge(alpha=a, solver="svd").fit(x, y)
        out["grid"].append({"alpha": a, "coef": r.coef_.tolist(), "intercept": float(r.intercept_)})
    r = Ridge(alpha=1.0, solver="svd").fit(x, y, sample_weight=w)
    out["weighted"] = {"alpha": 1.0, "coef": r.coef_.tolist(), "intercept": float(r.intercept_)}
    r = Ridge(alpha=1.0, fit_intercept=False, solver="svd").fit(x[:, :4], y)
    out["noint"] = {"alpha": 1.0, "columns": 4, "coef": r.coef_.tolist()}
    alphas = np.logspace(-3, 4, 15)
    for key, sw in (("cv", None), ("cv_weighted", w)):
        cv = RidgeCV(alphas=alphas, store_cv_values=True).fit(x, y, sample_weight=sw)
        out[key] = {
            "alphas": alphas.tolist(),
            "alpha": float(cv.alpha_),
            "best_score": float(cv.best_score_),
            "coef": cv.coef_.tolist(),
            "intercept": float(cv.intercept_),
            "mean_loo_squared_error": cv.cv_values_.mean(axis=0).tolist(),
        }
    with open(os.path.join(GOLD, "ridge", "diabetes_ridge.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
