import sys, time, numpy as np
sys.path.insert(0, '/work/main/bench/reference')
from threadpoolctl import threadpool_limits
import run_reference as rr
from sklearn.linear_model import LogisticRegression
x, y, labels, counts = rr.generate(200000, 100, 21)
with threadpool_limits(limits=1):
    for tol in (1e-4, 1e-6, 1e-8):
        t=time.perf_counter(); m=LogisticRegression(solver="lbfgs", C=1.0, max_iter=1000, tol=tol).fit(x, labels); dt=time.perf_counter()-t
        z = x@m.coef_[0]+m.intercept_[0]
        p = 1/(1+np.exp(-z))
        g = x.T@(p-labels) + m.coef_[0]   # sklearn objective: C*sum logloss + 0.5||w||^2
        loss = np.sum(np.logaddexp(0, z) - labels*z) + 0.5*m.coef_[0]@m.coef_[0]
        print(f"tol {tol}: {dt*1000:.0f} ms, n_iter {m.n_iter_[0]}, objective {loss:.10f}, max|grad| {np.abs(g).max():.3e}, |grad_b| {abs(np.sum(p-labels)):.3e}")
