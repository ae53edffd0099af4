#!/usr/bin/python3
"""Golden values for Linea's StandardScaler, PolynomialFeatures and RegressionMetrics, from scikit-learn.

Run with Debian's python (scikit-learn 1.2.1, numpy; `apt-get install -y python3-sklearn`):

    /usr/bin/python3 models/src/test/goldens/make_preprocessing_goldens.py

Writes models/src/test/resources/golden/preprocessing.json. Data: the first 50 rows and first 4 features
(AGE SEX BMI BP, raw, unscaled) of scikit-learn's diabetes data, its target Y, and deterministic weights
w_i = 1 + (i mod 5). Arrays of rows are lists of lists (row-major). Every float is written with repr, so the
JSON holds the exact doubles.
"""
import gzip
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import LinearRegression
from sklearn.metrics import (mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
                             r2_score)
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "golden", "preprocessing.json"))
SK = "/usr/lib/python3/dist-packages/sklearn/datasets/data/"
ROWS = 50
COLS = 4
SHOW = 5  # transformed rows written out


def load():
    with gzip.open(SK + "diabetes_data_raw.csv.gz", "rt") as f:
        x = np.loadtxt(f)
    with gzip.open(SK + "diabetes_target.csv.gz", "rt") as f:
        y = np.loadtxt(f)
    return x[:ROWS, :COLS].copy(), y[:ROWS].copy(), ["AGE", "SEX", "BMI", "BP"]


def rows(a):
    return [[float(v) for v in r] for r in np.asarray(a)]


def flat(a):
    return [float(v) for v in np.asarray(a).ravel()]


def scaler(x, w, with_mean=True, with_std=True):
    s = StandardScaler(with_mean=with_mean, with_std=with_std).fit(x, sample_weight=w)
    return {
        "with_mean": with_mean,
        "with_std": with_std,
        "weighted": w is not None,
        "mean": flat(s.mean_),
        "scale": flat(s.scale_) if s.scale_ is not None else None,
        "transformed": rows(s.transform(x)[:SHOW]),
    }


def poly(x, names, degree, interaction_only, include_bias):
    p = PolynomialFeatures(degree=degree, interaction_only=interaction_only, include_bias=include_bias)
    t = p.fit_transform(x)
    return {
        "degree": degree,
        "interaction_only": interaction_only,
        "include_bias": include_bias,
        "sklearn_names": [str(n) for n in p.get_feature_names_out(names)],
        "powers": [[int(e) for e in r] for r in p.powers_],
        "transformed": rows(t[:SHOW]),
    }


def metrics(y, yhat, w, p):
    r2 = r2_score(y, yhat, sample_weight=w)
    m = len(y)
    try:
        mape = float(mean_absolute_percentage_error(y, yhat, sample_weight=w))
    except ValueError:
        mape = None
    return {
        "weighted": w is not None,
        "p": p,
        "mse": float(mean_squared_error(y, yhat, sample_weight=w)),
        "rmse": float(mean_squared_error(y, yhat, sample_weight=w, squared=False)),
        "mae": float(mean_absolute_error(y, yhat, sample_weight=w)),
        "r2": float(r2),
        # scikit-learn has no adjusted R²; the textbook formula on its r2_score, m = number of rows
        "adjusted_r2": float(1 - (1 - r2) * (m - 1) / (m - p - 1)),
        "mape": mape,
    }


def main():
    x, y, names = load()
    w = 1.0 + (np.arange(ROWS) % 5)
    xc = np.column_stack([x, np.full(ROWS, 3.7)])  # with a constant column: scale_ 1
    out = {
        "source": "scikit-learn %s, numpy %s" % (sklearn.__version__, np.__version__),
        "names": names,
        "x": rows(x),
        "y": flat(y),
        "weights": flat(w),
        "scaler": {
            "plain": scaler(x, None),
            "weighted": scaler(x, w),
            "no_mean": scaler(x, None, with_mean=False),
            "constant_column": dict(scaler(xc, None), x=rows(xc)),
        },
        "poly": {
            "degree3": poly(x, names, 3, False, False),
            "degree2_interaction": poly(x, names, 2, True, False),
            "degree2_bias": poly(x, names, 2, False, True),
            "degree3_interaction_bias": poly(x, names, 3, True, True),
        },
    }
    fit = LinearRegression().fit(x, y)
    yhat = fit.predict(x)
    rough = y + 25.0 * np.sin(np.arange(ROWS))  # a prediction that is off by up to 25
    out["metrics"] = {
        "yhat_ols": flat(yhat),
        "yhat_rough": flat(rough),
        "ols": metrics(y, yhat, None, COLS),
        "ols_weighted": metrics(y, yhat, w, COLS),
        "rough": metrics(y, rough, None, 2),
        "rough_weighted": metrics(y, rough, w, 2),
        # R² of a constant target: scikit-learn's force_finite gives 1.0 for a perfect prediction, else 0.0
        "constant_y_r2_perfect": float(r2_score(np.full(ROWS, 5.0), np.full(ROWS, 5.0))),
        "constant_y_r2_off": float(r2_score(np.full(ROWS, 5.0), rough)),
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
