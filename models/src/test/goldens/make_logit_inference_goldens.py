#!/usr/bin/python3
"""Golden values for Linea's logistic-regression inference (standard errors, z, p-values, intervals, odds ratios),
from statsmodels' Logit (unpenalized maximum likelihood).

    /usr/bin/python3 models/src/test/goldens/make_logit_inference_goldens.py

Reads golden/logistic/breast_cancer_std.csv (made by make_logistic_goldens.py), keeps the first four columns (not
separable there, so the MLE exists) and writes golden/logistic/logit_inference.json.
"""
import json
import os

import numpy as np
import statsmodels
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.normpath(os.path.join(HERE, "..", "resources", "golden", "logistic"))


def main():
    data = np.loadtxt(os.path.join(GOLD, "breast_cancer_std.csv"), delimiter=",", skiprows=1)
    x, y = data[:, :4], data[:, -1]
    res = sm.Logit(y, sm.add_constant(x)).fit(method="newton", tol=1e-14, maxiter=100, disp=0)
    ci = np.asarray(res.conf_int(0.05))
    out = {
        "generator": "statsmodels " + statsmodels.__version__,
        "columns": 4,
        "params": res.params.tolist(),
        "bse": res.bse.tolist(),
        "zvalues": res.tvalues.tolist(),
        "pvalues": res.pvalues.tolist(),
        "conf_int": ci.tolist(),
        "odds_ratios": np.exp(res.params).tolist(),
        "odds_ratio_conf_int": np.exp(ci).tolist(),
        "llf": float(res.llf),
        "llnull": float(res.llnull),
        "aic": float(res.aic),
        "prsquared": float(res.prsquared),
    }
    with open(os.path.join(GOLD, "logit_inference.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
