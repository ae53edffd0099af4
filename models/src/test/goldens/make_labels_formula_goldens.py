#!/usr/bin/python3
"""Goldens for issue 16 points 2 and 5 (class labels of any type; the formula), made by references nobody here wrote.

Run from the repository root with Debian's Python (scikit-learn 1.2.1, statsmodels 0.13.5, pandas 1.5.3):

    /usr/bin/python3 models/src/test/goldens/make_labels_formula_goldens.py

Writes under models/src/test/resources/golden/labels/:
  customers.csv   200 seeded rows: region (text: east, north, south, west), x1, x2, x3 (numbers written with repr,
                  exact doubles), sales (a numeric response) and bought (a text label: no / yes)
  goldens.json    "ols_formula": statsmodels' formula API, smf.ols(FORMULA, data).fit(): term names, coefficients,
                      standard errors, R^2, in statsmodels' column order (the Java test matches by name)
                  "logistic_labels": scikit-learn OneHotEncoder(drop='first') on region (treatment coding, reference
                      'east', the first in sorted order) + the numeric columns, then LogisticRegression(C=1, L2,
                      tol=1e-12) on the label 'bought' (classes_ sorted: ['no', 'yes'], positive 'yes'); polished
                      to the exact optimum of C*sum(log(1 + e^z) - y*z) + |b|^2/2 (intercept unpenalized) by Newton
                      steps taken here; "kkt" is the max-abs gradient at the golden, "reference_rel" how far
                      scikit-learn stopped from it. Probabilities of the first 5 rows are kept for the scorer test.
                  "ols_formula_no_intercept": statsmodels, "sales ~ C(region) + x1 + I(x1**2) - 1" (full coding of
                      region without an intercept, a power inside I()); names, coefficients, standard errors.
                  "logistic_onehot_full": what `linea fit --model logistic customers.csv --target bought --exclude
                      sales,x3` fits (a penalized model codes a categorical column fully, as OneHotEncoder() does):
                      OneHotEncoder() on region (columns region[east] … region[west]), then x1, x2 (file order);
                      LogisticRegression(C=1), polished by Newton as above; probabilities of the first 5 rows.
"""
import json
import os

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import OneHotEncoder

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
OUT = os.path.join(ROOT, "models/src/test/resources/golden/labels")
OLS_FORMULA = "sales ~ x1 + C(region) + x2:x3 + x1:C(region)"


def data():
    rng = np.random.default_rng(20261207)
    m = 200
    region = rng.choice(["east", "north", "south", "west"], size=m, p=[0.3, 0.25, 0.25, 0.2])
    x1 = rng.normal(2.0, 1.0, m)
    x2 = rng.uniform(-1, 1, m)
    x3 = rng.normal(0.0, 2.0, m)
    effect = {"east": 0.0, "north": 1.5, "south": -0.7, "west": 0.4}
    slope = {"east": 0.0, "north": 0.3, "south": -0.2, "west": 0.5}
    r = np.array([effect[g] for g in region])
    s = np.array([slope[g] for g in region])
    sales = 3.0 + 1.2 * x1 + r + s * x1 + 0.8 * x2 * x3 + rng.normal(0, 0.5, m)
    z = -0.5 + 0.9 * x1 - 0.6 * x2 + 0.8 * r
    bought = np.where(rng.uniform(size=m) < 1 / (1 + np.exp(-z)), "yes", "no")
    return pd.DataFrame({"region": region, "x1": x1, "x2": x2, "x3": x3, "sales": sales, "bought": bought})


def write(df, path):
    with open(path, "w") as f:
        f.write(",".join(df.columns) + "\n")
        for row in df.itertuples(index=False):
            f.write(",".join(repr(float(v)) if isinstance(v, float) else str(v) for v in row) + "\n")


def polish_logistic(X, y, C, b0, w):
    """Newton on C*sum(log(1+e^z) - y*z) + |w|^2/2 over theta = (b0, w), z = b0 + X w."""
    A = np.hstack([np.ones((X.shape[0], 1)), X])
    theta = np.concatenate([[b0], w])
    pen = np.ones(A.shape[1])
    pen[0] = 0
    for _ in range(50):
        z = A @ theta
        p = 1 / (1 + np.exp(-z))
        g = C * A.T @ (p - y) + pen * theta
        H = C * (A.T * (p * (1 - p))) @ A + np.diag(pen)
        step = np.linalg.solve(H, g)
        theta = theta - step
        if np.max(np.abs(step)) < 1e-15:
            break
    z = A @ theta
    p = 1 / (1 + np.exp(-z))
    g = C * A.T @ (p - y) + pen * theta
    return theta, float(np.max(np.abs(g)))


def main():
    os.makedirs(OUT, exist_ok=True)
    df = data()
    path = os.path.join(OUT, "customers.csv")
    write(df, path)
    df = pd.read_csv(path)  # what Java reads: the repr-written doubles

    ols = smf.ols(OLS_FORMULA, data=df).fit()
    out = {"ols_formula": {
        "formula": OLS_FORMULA,
        "names": list(ols.params.index),
        "coefficients": [float(v) for v in ols.params.values],
        "standard_errors": [float(v) for v in ols.bse.values],
        "r_squared": float(ols.rsquared),
    }}

    ols2 = smf.ols("sales ~ C(region) + x1 + I(x1**2) - 1", data=df).fit()
    out["ols_formula_no_intercept"] = {
        "formula": "sales ~ C(region) + x1 + I(x1**2) - 1",
        "names": list(ols2.params.index),
        "coefficients": [float(v) for v in ols2.params.values],
        "standard_errors": [float(v) for v in ols2.bse.values],
        "r_squared": float(ols2.rsquared),
    }

    enc = OneHotEncoder(drop="first")
    dummies = enc.fit_transform(df[["region"]]).toarray()
    names = ["C(region)[T." + c + "]" for c in enc.categories_[0][1:]] + ["x1", "x2"]
    X = np.hstack([dummies, df[["x1", "x2"]].to_numpy()])
    C = 1.0
    clf = LogisticRegression(C=C, tol=1e-12, max_iter=10000).fit(X, df["bought"])
    assert list(clf.classes_) == ["no", "yes"]
    y = (df["bought"] == "yes").to_numpy(dtype=float)
    theta, kkt = polish_logistic(X, y, C, clf.intercept_[0], clf.coef_[0])
    ref = np.concatenate([clf.intercept_, clf.coef_[0]])
    A = np.hstack([np.ones((X.shape[0], 1)), X])
    p = 1 / (1 + np.exp(-(A @ theta)))
    out["logistic_labels"] = {
        "formula": "bought ~ C(region) + x1 + x2",
        "classes": list(clf.classes_),
        "C": C,
        "names": names,
        "intercept": float(theta[0]),
        "coefficients": [float(v) for v in theta[1:]],
        "kkt": kkt,
        "reference_rel": float(np.max(np.abs(ref - theta)) / np.max(np.abs(theta))),
        "probabilities_first_rows": [[float(1 - v), float(v)] for v in p[:5]],
        "accuracy": float(np.mean((p > 0.5) == (y == 1))),
    }
    full = OneHotEncoder()
    d2 = full.fit_transform(df[["region"]]).toarray()
    names2 = ["region[" + c + "]" for c in full.categories_[0]] + ["x1", "x2"]
    X2 = np.hstack([d2, df[["x1", "x2"]].to_numpy()])
    clf2 = LogisticRegression(C=C, tol=1e-12, max_iter=10000).fit(X2, df["bought"])
    assert list(clf2.classes_) == ["no", "yes"]
    theta2, kkt2 = polish_logistic(X2, y, C, clf2.intercept_[0], clf2.coef_[0])
    ref2 = np.concatenate([clf2.intercept_, clf2.coef_[0]])
    A2 = np.hstack([np.ones((X2.shape[0], 1)), X2])
    p2 = 1 / (1 + np.exp(-(A2 @ theta2)))
    out["logistic_onehot_full"] = {
        "classes": list(clf2.classes_),
        "C": C,
        "names": names2,
        "intercept": float(theta2[0]),
        "coefficients": [float(v) for v in theta2[1:]],
        "kkt": kkt2,
        "reference_rel": float(np.max(np.abs(ref2 - theta2)) / np.max(np.abs(theta2))),
        "probabilities_first_rows": [[float(1 - v), float(v)] for v in p2[:5]],
    }
    with open(os.path.join(OUT, "goldens.json"), "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
