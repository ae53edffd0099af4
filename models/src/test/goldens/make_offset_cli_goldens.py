#!/usr/bin/python3
"""Golden values for `linea fit --model poisson --offset COL` and `linea predict` with that model (cli tests).

Run with Debian's python (statsmodels 0.13.5: apt-get install python3-statsmodels):

    /usr/bin/python3 models/src/test/goldens/make_offset_cli_goldens.py

Writes into cli/src/test/resources/golden/offset/:
  train.csv    200 rows: features x1, x2, logexp = log(exposure) with exposure in [0.5, 20], and a count y drawn
               from Poisson(exposure · exp(0.3 + 0.5·x1 − 0.4·x2)) (numpy seed 13)
  score.csv    50 new rows of x1, x2, logexp (and y, which predict ignores)
  statsmodels.json  sm.GLM(y, [1, X], Poisson(), offset=logexp).fit(tol=1e-13) for X = (x1, x2) ("linear") and
               for X = degree-2 monomials of (x1, x2) in Linea's order x1, x2, x1^2, x1*x2, x2^2 ("poly2"):
               params, deviance, the training mean predictions' R², MSE and MAE (y against the fitted means
               exp(b + xβ + logexp)), and predict(score X, offset=score logexp)
"""
import json
import os

import numpy as np
import statsmodels
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "cli", "src", "test", "resources", "golden", "offset"))


def draw(rng, m):
    x1 = rng.normal(0.0, 1.0, m)
    x2 = rng.uniform(-1.0, 2.0, m)
    exposure = rng.uniform(0.5, 20.0, m)
    logexp = np.log(exposure)
    y = rng.poisson(exposure * np.exp(0.3 + 0.5 * x1 - 0.4 * x2)).astype(float)
    return x1, x2, logexp, y


def write_csv(name, x1, x2, logexp, y):
    with open(os.path.join(OUT, name), "w") as f:
        f.write("x1,x2,logexp,y\n")
        for row in zip(x1, x2, logexp, y):
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def poly2(x1, x2):
    return np.column_stack([x1, x2, x1 * x1, x1 * x2, x2 * x2])


def case(names, x, logexp, y, xs, logexp_s):
    res = sm.GLM(y, sm.add_constant(x, has_constant="add"), family=sm.families.Poisson(),
                 offset=logexp).fit(tol=1e-13, maxiter=1000)
    mu = res.fittedvalues
    sse = float(np.sum((y - mu) ** 2))
    sst = float(np.sum((y - y.mean()) ** 2))
    pred = res.predict(sm.add_constant(xs, has_constant="add"), offset=logexp_s)
    return {
        "features": names,
        "converged": bool(res.converged),
        "intercept": float(res.params[0]),
        "coefficients": [float(v) for v in res.params[1:]],
        "deviance": float(res.deviance),
        "r_squared": 1.0 - sse / sst,
        "mse": sse / len(y),
        "mae": float(np.mean(np.abs(y - mu))),
        "predictions": [float(v) for v in pred],
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(13)
    x1, x2, logexp, y = draw(rng, 200)
    s1, s2, slog, sy = draw(rng, 50)
    write_csv("train.csv", x1, x2, logexp, y)
    write_csv("score.csv", s1, s2, slog, sy)
    golden = {
        "statsmodels": statsmodels.__version__,
        "linear": case(["x1", "x2"], np.column_stack([x1, x2]), logexp, y, np.column_stack([s1, s2]), slog),
        "poly2": case(["x1", "x2", "x1^2", "x1*x2", "x2^2"], poly2(x1, x2), logexp, y, poly2(s1, s2), slog),
    }
    with open(os.path.join(OUT, "statsmodels.json"), "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
