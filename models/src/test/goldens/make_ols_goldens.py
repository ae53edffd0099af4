#!/usr/bin/python3
"""Golden values for Linea's OLS / WLS inference, from statsmodels.

Run with Debian's python (it has statsmodels 0.13.5 and scikit-learn 1.2.1):

    /usr/bin/python3 models/src/test/goldens/make_ols_goldens.py

Writes into models/src/test/resources/golden/ols/:
  diabetes.csv               scikit-learn's diabetes data (raw, unscaled: AGE SEX BMI BP S1..S6 and the target Y)
  diabetes_ols.json          statsmodels OLS on diabetes (with constant)
  diabetes_wls.json          statsmodels WLS on diabetes, weights w_i = 1 + (i mod 5) (deterministic)
  diabetes_ols_noconst.json  statsmodels OLS without constant on the first four columns
  longley_ols.json           statsmodels OLS on statsmodels' Longley data (with constant)
  longley.csv                that data
"""
import gzip
import json
import os
import sys

import numpy as np
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.outliers_influence import OLSInfluence, variance_inflation_factor
from statsmodels.stats.stattools import durbin_watson, jarque_bera, omni_normtest

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "golden", "ols"))
SK = "/usr/lib/python3/dist-packages/sklearn/datasets/data/"


def load_diabetes():
    with gzip.open(SK + "diabetes_data_raw.csv.gz", "rt") as f:
        x = np.loadtxt(f)
    with gzip.open(SK + "diabetes_target.csv.gz", "rt") as f:
        y = np.loadtxt(f)
    names = ["AGE", "SEX", "BMI", "BP", "S1", "S2", "S3", "S4", "S5", "S6"]
    return x, y, names


def write_csv(path, names, x, y, target):
    with open(path, "w") as f:
        f.write(",".join(names + [target]) + "\n")
        for row, t in zip(x, y):
            f.write(",".join(repr(float(v)) for v in row) + "," + repr(float(t)) + "\n")


def summarize(res, exog, names, const, weights=None):
    """Everything Linea's OlsInference reports, as statsmodels computes it."""
    wresid = res.wresid
    jb, jbp, skew, kurt = jarque_bera(wresid)
    omni, omnip = omni_normtest(wresid)
    out = {
        "param_names": (["intercept"] if const else []) + names,
        "params": res.params.tolist(),
        "bse": res.bse.tolist(),
        "tvalues": res.tvalues.tolist(),
        "pvalues": res.pvalues.tolist(),
        "conf_int": np.asarray(res.conf_int(0.05)).tolist(),
        "scale": float(res.scale),
        "ssr": float(res.ssr),
        "rsquared": float(res.rsquared),
        "rsquared_adj": float(res.rsquared_adj),
        "fvalue": float(res.fvalue),
        "f_pvalue": float(res.f_pvalue),
        "llf": float(res.llf),
        "aic": float(res.aic),
        "bic": float(res.bic),
        "df_model": float(res.df_model),
        "df_resid": float(res.df_resid),
        "condition_number": float(res.condition_number),
        "durbin_watson": float(durbin_watson(wresid)),
        "jarque_bera": float(jb),
        "jarque_bera_pvalue": float(jbp),
        "skew": float(skew),
        "kurtosis": float(kurt),
        "omnibus": float(omni),
        "omnibus_pvalue": float(omnip),
        "resid": res.resid.tolist(),
    }
    # VIF: statsmodels regresses column i on all the other exog columns. With a constant in the model the exog
    # must include it (otherwise the auxiliary R² is uncentred and the VIF meaningless); the constant's own VIF is
    # not reported.
    first = 1 if const else 0
    out["vif"] = [float(variance_inflation_factor(exog, i)) for i in range(first, exog.shape[1])]
    if weights is None:
        infl = OLSInfluence(res)
        out["hat_diag"] = infl.hat_matrix_diag.tolist()
        out["cooks_distance"] = infl.cooks_distance[0].tolist()
    else:
        out["weights"] = weights.tolist()
        # Linea's VIF of a weighted fit is that of the weighted regression of x_i on the other columns (with the
        # constant): 1/(1 − R²_i) with R²_i from WLS. statsmodels' variance_inflation_factor ignores weights
        # (its values are kept above as "vif"); the weighted ones are computed here the same way with WLS.
        wv = []
        for i in range(first, exog.shape[1]):
            mask = np.arange(exog.shape[1]) != i
            r2 = sm.WLS(exog[:, i], exog[:, mask], weights=weights).fit().rsquared
            wv.append(float(1.0 / (1.0 - r2)))
        out["vif_weighted"] = wv
    return out


def dump(name, obj):
    obj["generator"] = "make_ols_goldens.py, statsmodels %s, numpy %s, python %s" % (
        statsmodels.__version__, np.__version__, sys.version.split()[0])
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    x, y, names = load_diabetes()
    write_csv(os.path.join(OUT, "diabetes.csv"), names, x, y, "Y")
    exog = sm.add_constant(x, prepend=True)
    res = sm.OLS(y, exog).fit()
    dump("diabetes_ols.json", summarize(res, exog, names, True))

    w = np.array([1.0 + (i % 5) for i in range(len(y))])
    wres = sm.WLS(y, exog, weights=w).fit()
    dump("diabetes_wls.json", summarize(wres, exog, names, True, weights=w))

    x4 = x[:, :4]
    nres = sm.OLS(y, x4).fit()
    dump("diabetes_ols_noconst.json", summarize(nres, x4, names[:4], False))

    data = sm.datasets.longley.load_pandas()
    lx = data.exog.to_numpy(dtype=float)
    ly = data.endog.to_numpy(dtype=float)
    lnames = list(data.exog.columns)
    write_csv(os.path.join(OUT, "longley.csv"), lnames, lx, ly, "TOTEMP")
    lexog = sm.add_constant(lx, prepend=True)
    lres = sm.OLS(ly, lexog).fit()
    dump("longley_ols.json", summarize(lres, lexog, lnames, True))


if __name__ == "__main__":
    main()
