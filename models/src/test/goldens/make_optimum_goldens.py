#!/usr/bin/python3
"""Goldens at the optimum (issue 15): each problem solved by scikit-learn or statsmodels at a tight tolerance, then
polished to the exact minimizer by steps this script takes itself (an exact active-set solve for the lasso and the
elastic net, Newton or Fisher-scoring iterations for the smooth objectives), so that a Linea fit at DEFAULT options
can be held to 1e-6 relative in the coefficients and 1e-9 relative in the objective.

Run from the repository root with Debian's Python (scikit-learn 1.2.1, statsmodels 0.13.5, scipy 1.10.1):

    /usr/bin/python3 models/src/test/goldens/make_optimum_goldens.py

Reads the CLI's embedded datasets (cli/src/main/resources/datasets/) and golden/logistic/breast_cancer_std.csv, and
writes under models/src/test/resources/golden/optimum/:
  diabetes.csv, breast_cancer.csv, iris.csv   copies of the embedded datasets (raw features, as shipped)
  diabetes_std.csv                             diabetes with every feature centred and scaled to unit population
                                               standard deviation, written with repr and read back (exact doubles)
  optimum.json                                 one entry per problem: data file, options, intercept(s), coefficients,
                                               the objective at the optimum, the reference's own answer and how far
                                               it was from the polished one ("reference_rel": scikit-learn and
                                               statsmodels stop short of the optimum), and the polishing residual
                                               ("kkt": max-abs gradient, or KKT violation, of the objective at the
                                               golden coefficients, in the objective's own units)

Objectives (Linea's, documented in each estimator's javadoc):
  lasso / elastic net (glmnet's Gaussian objective, standardize = TRUE: columns scaled by their population sd, the
      penalty on the scaled coefficients b~ = b*sd):  1/(2n)*|y - b0 - X b|^2 + lam*(a*|b~|_1 + (1 - a)/2*|b~|^2)
      (scikit-learn's ElasticNet(alpha = lam, l1_ratio = a) on the scaled columns)
  logistic L2:  C*sum(log(1 + e^z) - y*z) + |b|^2/2                     (scikit-learn's LogisticRegression)
  softmax L2:   C*sum(-log p_{i,y_i}) + |W|_F^2/2                          (multinomial LogisticRegression)
  Huber:        sum(sigma + H_eps(r/sigma)*sigma) + alpha*|b|^2, eps = 1.35, alpha = 1e-4   (HuberRegressor)
  GLMs:         the deviance, maximum likelihood (alpha = 0): Poisson/log, Gamma/inverse, Tweedie(1.5)/log
"""
import json
import os

import numpy as np
import statsmodels.api as sm
from sklearn.linear_model import ElasticNet, HuberRegressor, LogisticRegression

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
SRC = os.path.join(ROOT, "cli/src/main/resources/datasets")
GOLDEN = os.path.join(ROOT, "models/src/test/resources/golden")
OUT = os.path.join(GOLDEN, "optimum")


def read(path):
    with open(path) as f:
        header = f.readline().strip().split(",")
    d = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    return header, d[:, :-1], d[:, -1]


def write(path, header, x, y):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for row, t in zip(x, y):
            f.write(",".join(repr(float(v)) for v in row) + "," + repr(float(t)) + "\n")


def rel(a, b):
    a, b = np.ravel(a), np.ravel(b)
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))


os.makedirs(OUT, exist_ok=True)
cases = []

# ---------------------------------------------------------------- lasso and elastic net (exact active-set polish)
dh, dx, dy = read(os.path.join(SRC, "diabetes.csv"))
write(os.path.join(OUT, "diabetes.csv"), dh, dx, dy)
sx = (dx - dx.mean(0)) / dx.std(0)
write(os.path.join(OUT, "diabetes_std.csv"), dh, sx, dy)
_, sx, _ = read(os.path.join(OUT, "diabetes_std.csv"))  # the doubles Linea reads


def elastic_net(x, y, lam, a):
    n = x.shape[0]
    mu, sd = x.mean(0), x.std(0)
    z = (x - mu) / sd
    yc = y - y.mean()
    ref = ElasticNet(alpha=lam, l1_ratio=a, tol=1e-15, max_iter=10_000_000).fit(z, y)
    w = ref.coef_.copy()
    s = np.flatnonzero(w)
    sign = np.sign(w[s])
    # KKT on the support: z_S'(yc - z_S w_S)/n = lam*(a*sign + (1 - a)*w_S), solved exactly
    g = z[:, s].T @ z[:, s] / n + lam * (1 - a) * np.eye(len(s))
    w_s = np.linalg.solve(g, z[:, s].T @ yc / n - lam * a * sign)
    assert np.all(np.sign(w_s) == sign), "the polish changed a sign: the support was not final"
    w = np.zeros_like(w)
    w[s] = w_s
    grad = z.T @ (yc - z @ w) / n  # = lam*(a*sign + (1 - a)*w) on S, |.| <= lam*a off S
    off = np.setdiff1d(np.arange(len(w)), s)
    kkt_on = np.abs(grad[s] - lam * (a * sign + (1 - a) * w_s))
    kkt_off = np.maximum(np.abs(grad[off]) - lam * a, 0)
    kkt = float(max(kkt_on.max(initial=0), kkt_off.max(initial=0)))
    beta = w / sd
    b0 = y.mean() - mu @ beta
    r = y - b0 - x @ beta
    obj = r @ r / (2 * n) + lam * (a * np.abs(w).sum() + (1 - a) / 2 * w @ w)
    ref_beta = ref.coef_ / sd
    return dict(intercept=float(b0), coefficients=beta.tolist(), objective=float(obj),
                reference="sklearn ElasticNet(tol=1e-15) on the standardized columns",
                reference_rel=rel(ref_beta, beta), kkt=kkt, nonzero=int(len(s)))


for data, x in (("diabetes_std.csv", sx), ("diabetes.csv", dx)):
    for lam, a in ((0.785, 1.0), (5.0, 1.0), (0.785, 0.5)):
        c = elastic_net(x, dy, lam, a)
        c.update(name=f"{'lasso' if a == 1 else 'enet'} lambda={lam} {data}", kind="elastic_net", data=data,
                 lam=lam, l1_ratio=a)
        cases.append(c)


# ---------------------------------------------------------------- Newton on smooth objectives
def newton(f_grad_hess, theta, iters=50):
    for _ in range(iters):
        f, g, h = f_grad_hess(theta)
        step = np.linalg.lstsq(h, -g, rcond=None)[0]
        t = 1.0
        while t > 1e-10:
            f2 = f_grad_hess(theta + t * step)[0]
            if f2 <= f + 1e-12 * abs(f):
                break
            t /= 2
        theta = theta + t * step
        if np.max(np.abs(t * step)) <= 1e-16 * max(1.0, np.max(np.abs(theta))):
            break
    return theta


def logistic(x, y, c):
    a = np.hstack([x, np.ones((len(y), 1))])
    p = x.shape[1]

    def fgh(th):
        zz = a @ th
        f = c * np.sum(np.logaddexp(0, zz) - y * zz) + th[:p] @ th[:p] / 2
        pr = 1 / (1 + np.exp(-zz))
        g = c * a.T @ (pr - y)
        g[:p] += th[:p]
        h = c * (a * (pr * (1 - pr))[:, None]).T @ a
        h[np.arange(p), np.arange(p)] += 1
        return f, g, h

    ref = LogisticRegression(C=c, tol=1e-10, max_iter=100000).fit(x, y)
    th0 = np.append(ref.coef_[0], ref.intercept_[0])
    th = newton(fgh, th0)
    f, g, _ = fgh(th)
    return dict(intercept=float(th[p]), coefficients=th[:p].tolist(), objective=float(f),
                reference="sklearn LogisticRegression(lbfgs, tol=1e-10)", reference_rel=rel(th0, th),
                kkt=float(np.max(np.abs(g))))


bh, bx, by = read(os.path.join(SRC, "breast_cancer.csv"))
write(os.path.join(OUT, "breast_cancer.csv"), bh, bx, by)
_, bsx, bsy = read(os.path.join(GOLDEN, "logistic/breast_cancer_std.csv"))
for c in (0.01, 1.0, 100.0):
    e = logistic(bsx, bsy, c)
    e.update(name=f"logistic C={c} breast_cancer_std.csv", kind="logistic", data="../logistic/breast_cancer_std.csv",
             c=c)
    cases.append(e)
for c in (0.01, 1.0):
    e = logistic(bx, by, c)
    e.update(name=f"logistic C={c} breast_cancer.csv (raw)", kind="logistic", data="breast_cancer.csv", c=c)
    cases.append(e)


def softmax(x, y, c):
    m, p = x.shape
    k = int(y.max()) + 1
    yk = np.eye(k)[y.astype(int)]
    a = np.hstack([x, np.ones((m, 1))])

    def unpack(th):
        return th.reshape(k, p + 1)  # per class: p weights then the intercept

    def fgh(th):
        wb = unpack(th)
        zz = a @ wb.T
        zz -= zz.max(1, keepdims=True)
        lp = zz - np.log(np.exp(zz).sum(1, keepdims=True))
        pr = np.exp(lp)
        f = -c * np.sum(yk * lp) + np.sum(wb[:, :p] ** 2) / 2
        g = c * (pr - yk).T @ a
        g[:, :p] += wb[:, :p]
        h = np.zeros((k * (p + 1), k * (p + 1)))
        for i in range(k):
            for j in range(k):
                wgt = pr[:, i] * ((i == j) - pr[:, j])
                h[i * (p + 1):(i + 1) * (p + 1), j * (p + 1):(j + 1) * (p + 1)] = c * (a * wgt[:, None]).T @ a
        for i in range(k):
            idx = np.arange(i * (p + 1), i * (p + 1) + p)
            h[idx, idx] += 1
        return f, g.ravel(), h

    if k > 2:
        ref = LogisticRegression(C=c, tol=1e-10, max_iter=100000, multi_class="multinomial").fit(x, y)
        th0 = np.hstack([ref.coef_, ref.intercept_[:, None]]).ravel()
        label = "sklearn LogisticRegression(multinomial, lbfgs, tol=1e-10)"
    else:
        # scikit-learn folds two classes into one row of coef_: Newton from zero instead (L2: always converges)
        ref, th0, label = None, np.zeros(k * (p + 1)), "none: Newton from zero"
    th = unpack(newton(fgh, th0, iters=200)).copy()
    th[:, p] -= th[:, p].mean()  # the intercepts' representative summing to 0 (W sums to 0 at the optimum)
    f, g, _ = fgh(th.ravel())
    return dict(intercepts=th[:, p].tolist(), coefficients=th[:, :p].tolist(), objective=float(f),
                reference=label,
                reference_rel=None if ref is None else rel(
                    np.hstack([ref.coef_, (ref.intercept_ - ref.intercept_.mean())[:, None]]), th),
                kkt=float(np.max(np.abs(g))))


ih, ix, iy = read(os.path.join(SRC, "iris.csv"))
write(os.path.join(OUT, "iris.csv"), ih, ix, iy)
for c in (1.0, 100.0):
    e = softmax(ix, iy, c)
    e.update(name=f"softmax C={c} iris.csv", kind="softmax", data="iris.csv", c=c)
    cases.append(e)
e = softmax(bx, by, 1.0)
e.update(name="softmax C=1.0 breast_cancer.csv (raw)", kind="softmax", data="breast_cancer.csv", c=1.0)
cases.append(e)


# ---------------------------------------------------------------- Huber (Newton on (b0, b, sigma))
def huber(x, y, eps=1.35, alpha=1e-4):
    m, p = x.shape
    a = np.hstack([np.ones((m, 1)), x])

    def fgh(th):
        b, s = th[:-1], th[-1]
        if s <= 0:
            return np.inf, None, None
        r = y - a @ b
        inl = np.abs(r) <= eps * s
        f = m * s + np.sum(r[inl] ** 2) / s + np.sum(2 * eps * np.abs(r[~inl]) - eps ** 2 * s) + alpha * b[1:] @ b[1:]
        gb = -2 * a[inl].T @ r[inl] / s - 2 * eps * a[~inl].T @ np.sign(r[~inl])
        gb[1:] += 2 * alpha * b[1:]
        gs = m - np.sum(r[inl] ** 2) / s ** 2 - eps ** 2 * np.sum(~inl)
        h = np.zeros((p + 2, p + 2))
        h[:-1, :-1] = 2 * a[inl].T @ a[inl] / s
        h[np.arange(1, p + 1), np.arange(1, p + 1)] += 2 * alpha
        h[:-1, -1] = h[-1, :-1] = 2 * a[inl].T @ r[inl] / s ** 2
        h[-1, -1] = 2 * np.sum(r[inl] ** 2) / s ** 3
        return f, np.append(gb, gs), h

    ref = HuberRegressor(epsilon=eps, alpha=alpha, max_iter=1_000_000, tol=1e-15).fit(x, y)
    th0 = np.concatenate([[ref.intercept_], ref.coef_, [ref.scale_]])
    th = newton(fgh, th0)
    f, g, _ = fgh(th)
    return dict(intercept=float(th[0]), coefficients=th[1:-1].tolist(), scale=float(th[-1]), objective=float(f),
                reference="sklearn HuberRegressor(tol=1e-15)", reference_rel=rel(th0[:-1], th[:-1]),
                kkt=float(np.max(np.abs(g))))


e = huber(dx, dy)
e.update(name="huber diabetes.csv", kind="huber", data="diabetes.csv")
cases.append(e)


# ---------------------------------------------------------------- GLMs (statsmodels IRLS, then Fisher scoring)
def glm(x, y, family, name, power=None):
    a = np.hstack([np.ones((len(y), 1)), x])
    fam = {"poisson": sm.families.Poisson, "gamma": sm.families.Gamma,
           "tweedie": lambda: sm.families.Tweedie(var_power=power, link=sm.families.links.log())}[family]()
    ref = sm.GLM(y, a, family=fam).fit(method="irls", tol=1e-15, maxiter=1000)
    beta = ref.params.copy()
    link = fam.link
    for _ in range(200):
        eta = a @ beta
        mu = link.inverse(eta)
        d = link.deriv(mu)  # g'(mu)
        v = fam.variance(mu)
        score = a.T @ ((y - mu) / (v * d))
        info = (a / (v * d * d)[:, None]).T @ a
        step = np.linalg.solve(info, score)
        beta = beta + step
        if np.max(np.abs(step)) <= 1e-16 * max(1.0, np.max(np.abs(beta))):
            break
    mu = link.inverse(a @ beta)
    score = a.T @ ((y - mu) / (fam.variance(mu) * link.deriv(mu)))
    if family == "poisson":
        dev = 2 * np.sum(np.where(y > 0, y * np.log(y / mu), 0) - (y - mu))
    elif family == "gamma":
        dev = 2 * np.sum(-np.log(y / mu) + (y - mu) / mu)
    else:
        p = power
        dev = 2 * np.sum(y ** (2 - p) / ((1 - p) * (2 - p)) - y * mu ** (1 - p) / (1 - p) + mu ** (2 - p) / (2 - p))
    return dict(intercept=float(beta[0]), coefficients=beta[1:].tolist(), objective=float(dev),
                reference=f"statsmodels GLM {name} irls(tol=1e-15)", reference_rel=rel(ref.params, beta),
                kkt=float(np.max(np.abs(score))))


for fam, power in (("poisson", None), ("gamma", None), ("tweedie", 1.5)):
    e = glm(dx, dy, fam, fam, power)
    e.update(name=f"{fam} diabetes.csv", kind=fam, data="diabetes.csv")
    if power is not None:
        e["power"] = power
    cases.append(e)

with open(os.path.join(OUT, "optimum.json"), "w") as f:
    json.dump({"generator": "models/src/test/goldens/make_optimum_goldens.py", "cases": cases}, f, indent=1)
for c in cases:
    print(f"{c['name']:45s} reference_rel {c['reference_rel'] or float('nan'):.2e}  kkt {c['kkt']:.2e}  objective {c['objective']!r}")
