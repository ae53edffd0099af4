#!/usr/bin/python3
"""Golden values for Linea's GLM (dev.linea.models.glm) and Huber regression (dev.linea.models.huber).

Run with Debian's python (statsmodels 0.13.5 and scikit-learn 1.2.1: apt-get install python3-statsmodels
python3-sklearn):

    /usr/bin/python3 models/src/test/goldens/make_glm_goldens.py

Writes into models/src/test/resources/golden/glm/:
  cpunish.csv       statsmodels' cpunish data (17 US states; EXECUTIONS counts)
  scotland.csv      statsmodels' scotland data (32 council areas; YES vote %, positive)
  randhie.csv       the first 2000 rows of statsmodels' randhie data (mdvis: doctor visits, counts with zeros)
  diabetes.csv      scikit-learn's diabetes data, scaled features as load_diabetes() returns them, target Y
  statsmodels.json  GLM fits (statsmodels, IRLS, tol 1e-13, so that the goldens are the optimum to rounding):
                    Poisson (log) on cpunish, with frequency weights 1 + (i mod 3), on randhie, on randhie with
                    exposure 1 + (i mod 4); Gamma with inverse and log links on scotland; Tweedie(var_power=1.5,
                    log) on randhie; Gaussian (identity) on scotland
  sklearn.json      PoissonRegressor(alpha=1e-2 and 0, the first also with sample weights 1 + (i mod 5)),
                    GammaRegressor(alpha=1e-2), TweedieRegressor(power=1.5, alpha=1e-2), all tol=1e-10,
                    max_iter=10000, on diabetes; HuberRegressor(epsilon=1.35, alpha=1e-4 and 1.0, and 1e-4 with
                    sample weights 1 + (i mod 5); and 1e-4 without intercept on the centred response) on
                    diabetes with outliers injected every 37th row; PoissonRegressor(alpha=1e-2,
                    fit_intercept=False) on y/mean(y). Every case carries its response "y". Each
                    case has scikit-learn's reported coef/intercept (lbfgs) and the exact optimum of the same
                    objective, coef_exact/intercept_exact (GLMs: solver="newton-cholesky" at tol 1e-14; Huber:
                    polished, see huber_exact)
"""
import json
import os
import sys

import numpy as np
import sklearn
import sklearn.base
from scipy import optimize
from sklearn.linear_model._huber import _huber_loss_and_gradient
import statsmodels
import statsmodels.api as sm
from sklearn.datasets import load_diabetes
from sklearn.linear_model import GammaRegressor, HuberRegressor, PoissonRegressor, TweedieRegressor

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "golden", "glm"))


def write_csv(name, names, x, y, target):
    with open(os.path.join(OUT, name), "w") as f:
        f.write(",".join(names + [target]) + "\n")
        for row, t in zip(x, y):
            f.write(",".join(repr(float(v)) for v in row) + "," + repr(float(t)) + "\n")


def glm_case(name, data, family, x, y, **kw):
    exog = sm.add_constant(x, prepend=True, has_constant="add")
    res = sm.GLM(y, exog, family=family, **kw).fit(tol=1e-13, maxiter=1000)
    out = {
        "data": data,
        "family": family.__class__.__name__,
        "link": family.link.__class__.__name__,
        "converged": bool(res.converged),
        "iterations": int(res.fit_history["iteration"]),
        "params": res.params.tolist(),
        "bse": res.bse.tolist(),
        "tvalues": res.tvalues.tolist(),
        "pvalues": res.pvalues.tolist(),
        "conf_int": np.asarray(res.conf_int(0.05)).tolist(),
        "deviance": float(res.deviance),
        "null_deviance": float(res.null_deviance),
        "pearson_chi2": float(res.pearson_chi2),
        "scale": float(res.scale),
        "llf": None if np.isnan(res.llf) else float(res.llf),
        "aic": None if np.isnan(res.aic) else float(res.aic),
        "df_resid": float(res.df_resid),
        "df_model": float(res.df_model),
    }
    if isinstance(family, sm.families.Tweedie):
        out["var_power"] = family.var_power
    for key in ("freq_weights", "exposure"):
        if key in kw:
            out[key] = np.asarray(kw[key]).tolist()
    assert res.converged, name
    return name, out


def sk_case(name, est, x, y, sw=None):
    """scikit-learn's fit (coef, intercept: what the estimator reports, lbfgs) and the optimum of the same
    objective to rounding (coef_exact, intercept_exact): lbfgs stops on scipy's default ftol = 2.2e-9 relative
    decrease, which leaves the parameters only to about 1e-5 relative (1e-4 for Huber)."""
    est.fit(x, y, sample_weight=sw)
    out = {"estimator": est.__class__.__name__, "params": {k: v for k, v in est.get_params().items()
                                                            if isinstance(v, (int, float, str, bool))},
           "n_iter": int(est.n_iter_), "coef": est.coef_.tolist(), "intercept": float(est.intercept_)}
    if sw is not None:
        out["sample_weight"] = np.asarray(sw).tolist()
    out["y"] = np.asarray(y).tolist()
    assert est.n_iter_ < 10000, name
    if isinstance(est, HuberRegressor):
        coef, icpt, scale, outliers = huber_exact(est, x, y, sw)
        out["scale"] = float(est.scale_)
        out["outliers"] = [int(i) for i in np.flatnonzero(est.outliers_)]
        out["scale_exact"] = scale
        out["outliers_exact"] = outliers
    else:
        # sklearn 1.2's Newton solver with a Cholesky step: quadratic convergence to the same objective's optimum.
        exact = sklearn.base.clone(est).set_params(solver="newton-cholesky", tol=1e-14)
        exact.fit(x, y, sample_weight=sw)
        coef, icpt = exact.coef_, exact.intercept_
    out["coef_exact"] = np.asarray(coef).tolist()
    out["intercept_exact"] = float(icpt)
    gap = np.max(np.abs(np.asarray(coef) - est.coef_)) / np.max(np.abs(coef))
    assert gap < 1e-3, (name, gap)
    out["lbfgs_relative_gap"] = float(gap)
    return name, out


def huber_exact(est, x, y, sw):
    """HuberRegressor's objective polished from sklearn's solution: L-BFGS-B with no ftol stop, then a root of the
    gradient (MINPACK's hybrid Powell; the gradient is smooth once the outlier set is fixed). Checks that the
    objective did not increase."""
    sw = np.ones(len(y)) if sw is None else np.asarray(sw)
    eps, alpha = est.epsilon, est.alpha
    icpt = est.fit_intercept
    p0 = np.r_[est.coef_, est.intercept_, est.scale_] if icpt else np.r_[est.coef_, est.scale_]
    f = lambda p: _huber_loss_and_gradient(p, x, y, eps, alpha, sw)
    bounds = [(None, None)] * (len(p0) - 1) + [(1e-12, None)]
    r = optimize.minimize(f, p0, jac=True, method="L-BFGS-B", bounds=bounds,
                          options=dict(maxiter=100000, ftol=0.0, gtol=1e-14))
    p = optimize.fsolve(lambda q: f(q)[1], r.x, xtol=1e-15)
    assert f(p)[0] <= f(p0)[0] and np.max(np.abs(f(p)[1])) < 1e-8, (f(p)[0], f(p0)[0], f(p)[1])
    n = x.shape[1]
    b = p[-2] if icpt else 0.0
    resid = y - x @ p[:n] - b
    outliers = [int(i) for i in np.flatnonzero(np.abs(resid) > p[-1] * eps)]
    return p[:n], b, float(p[-1]), outliers


def dump(name, obj):
    obj["generator"] = "make_glm_goldens.py, statsmodels %s, scikit-learn %s, numpy %s, python %s" % (
        statsmodels.__version__, sklearn.__version__, np.__version__, sys.version.split()[0])
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    sets = {}
    for key, rows in (("cpunish", None), ("scotland", None), ("randhie", 2000)):
        d = getattr(sm.datasets, key).load_pandas()
        x = d.exog.to_numpy(dtype=float)
        y = d.endog.to_numpy(dtype=float)
        if rows is not None:
            x, y = x[:rows], y[:rows]
        write_csv(key + ".csv", list(d.exog.columns), x, y, d.endog.name)
        sets[key] = (x, y)

    fam = sm.families
    cases = []
    x, y = sets["cpunish"]
    cases.append(glm_case("poisson_cpunish", "cpunish.csv", fam.Poisson(), x, y))
    cases.append(glm_case("poisson_cpunish_weighted", "cpunish.csv", fam.Poisson(), x, y,
                          freq_weights=np.array([1.0 + i % 3 for i in range(len(y))])))
    x, y = sets["randhie"]
    cases.append(glm_case("poisson_randhie", "randhie.csv", fam.Poisson(), x, y))
    cases.append(glm_case("poisson_randhie_exposure", "randhie.csv", fam.Poisson(), x, y,
                          exposure=np.array([1.0 + i % 4 for i in range(len(y))])))
    cases.append(glm_case("tweedie_randhie", "randhie.csv",
                          fam.Tweedie(var_power=1.5, link=fam.links.log()), x, y))
    x, y = sets["scotland"]
    cases.append(glm_case("gamma_scotland_inverse", "scotland.csv", fam.Gamma(), x, y))
    cases.append(glm_case("gamma_scotland_log", "scotland.csv", fam.Gamma(link=fam.links.log()), x, y))
    cases.append(glm_case("gaussian_scotland", "scotland.csv", fam.Gaussian(), x, y))
    dump("statsmodels.json", dict(cases))

    dia = load_diabetes()
    x, y = dia.data, dia.target
    names = list(dia.feature_names)
    write_csv("diabetes.csv", names, x, y, "Y")
    sw = np.array([1.0 + i % 5 for i in range(len(y))])
    common = dict(tol=1e-10, max_iter=10000)
    sk = [
        sk_case("poisson_alpha_0.01", PoissonRegressor(alpha=1e-2, **common), x, y),
        sk_case("poisson_alpha_0.01_weighted", PoissonRegressor(alpha=1e-2, **common), x, y, sw),
        sk_case("poisson_alpha_0", PoissonRegressor(alpha=0.0, **common), x, y),
        sk_case("gamma_alpha_0.01", GammaRegressor(alpha=1e-2, **common), x, y),
        sk_case("tweedie_1.5_alpha_0.01", TweedieRegressor(power=1.5, alpha=1e-2, link="log", **common), x, y),
    ]
    yo = y.copy()
    for i in range(0, len(yo), 37):
        yo[i] += 400.0 if (i // 37) % 2 == 0 else -300.0
    for alpha in (1e-4, 1.0):
        sk.append(sk_case("huber_alpha_%g" % alpha,
                          HuberRegressor(epsilon=1.35, alpha=alpha, max_iter=10000, tol=1e-10), x, yo))
    sk.append(sk_case("huber_alpha_0.0001_weighted",
                      HuberRegressor(epsilon=1.35, alpha=1e-4, max_iter=10000, tol=1e-10), x, yo, sw))
    # Without intercept, on a response shifted to mean zero (so that the model without intercept is sensible).
    yc = yo - np.mean(y)
    sk.append(sk_case("huber_alpha_0.0001_noint",
                      HuberRegressor(epsilon=1.35, alpha=1e-4, max_iter=10000, tol=1e-10, fit_intercept=False),
                      x, yc))
    sk.append(sk_case("poisson_alpha_0.01_noint",
                      PoissonRegressor(alpha=1e-2, fit_intercept=False, **common), x, y / np.mean(y)))
    dump("sklearn.json", dict(sk))


if __name__ == "__main__":
    main()
