package dev.linea.models.lasso;

/**
 * Coordinate descent along a decreasing λ path in the working coordinates (see {@link Standardization}), warm
 * started from the previous λ, with glmnet's sequential strong rules and KKT checks.
 *
 * <p>At λ_k, column j is screened out when |g_j(β̂(λ_{k−1}))| &lt; α·pf_j·(2λ_k − λ_{k−1}) (Tibshirani et al.,
 * 2012). Coordinate descent then runs over the strong set (full passes, then passes over the active set until
 * converged, then a full pass again), and the discarded columns are checked against the KKT condition
 * |g_j| ≤ λ·α·pf_j; violators join the strong set and the λ is solved again. Once in the strong or active set,
 * a column stays (as in glmnet).
 *
 * <p>Update of β_j: u = g_j + v_j·β_j, β_j ← S(u, λ·α·pf_j) / (v_j + λ·(1−α)·pf_j), S the soft threshold. A
 * λ is converged when a full pass has max_j v_j·Δβ_j² &lt; thr (thr = threshold × null deviance).
 */
final class PathSolver {
    private final Workspace ws;
    private final int p;
    private final double[] pf;
    private final boolean[] excluded;
    private final double alpha;
    private final double thr;
    private final int maxPasses;
    final double[] beta;
    private final double[] g;
    private final boolean[] strong;
    private final int[] strongList;
    private int strongCount;
    private final boolean[] active;
    private final int[] activeList;
    private int activeCount;
    private int passes;
    private boolean hitMax;
    private double lambdaMax = Double.POSITIVE_INFINITY;

    PathSolver(Workspace ws, double[] pf, boolean[] excluded, double alpha, double thr, int maxPasses) {
        this.ws = ws;
        this.p = pf.length;
        this.pf = pf;
        this.excluded = excluded;
        this.alpha = alpha;
        this.thr = thr;
        this.maxPasses = maxPasses;
        beta = new double[p];
        g = new double[p];
        strong = new boolean[p];
        strongList = new int[p];
        active = new boolean[p];
        activeList = new int[p];
    }

    /**
     * Fits the unpenalized columns (pf = 0) alone, the solution for every λ ≥ λ_max, and returns λ_max: the
     * smallest λ at which every penalized coefficient is 0, max_j |g_j| / (max(α, 1e-3)·pf_j) (glmnet's floor on
     * α, so that ridge gets a finite start). Returns 0 when no penalized column varies.
     */
    double lambdaMax() {
        for (int j = 0; j < p; j++) {
            if (pf[j] == 0 && !excluded[j]) {
                addStrong(j);
            }
        }
        passes = 0;
        hitMax = false;
        if (strongCount > 0) {
            descend(0);
        }
        ws.gradients(null, g);
        double max = 0;
        double a = Math.max(alpha, 1e-3);
        for (int j = 0; j < p; j++) {
            if (pf[j] > 0 && !excluded[j]) {
                max = Math.max(max, Math.abs(g[j]) / (a * pf[j]));
            }
        }
        lambdaMax = max;
        return max;
    }

    /**
     * Solves at λ, warm started from the solution at {@code previous} (≥ λ).
     *
     * @return the passes used; {@link #converged()} tells whether the threshold was met
     */
    int solve(double lambda, double previous) {
        passes = 0;
        hitMax = false;
        if (lambda >= lambdaMax) {
            // the unpenalized fit of lambdaMax() is the solution (for α < 1e-3 glmnet's convention: λ_max uses
            // max(α, 1e-3), so the ridge path starts from zero coefficients, as glmnet's does)
            return 0;
        }
        // the gradients of the columns outside the strong set are still those of the KKT check at the previous
        // λ (nothing outside moved since), which is the solution the strong rule needs
        double cut = 2 * lambda - previous;
        for (int j = 0; j < p; j++) {
            if (!strong[j] && !excluded[j] && Math.abs(g[j]) >= alpha * pf[j] * cut) {
                addStrong(j);
            }
        }
        while (true) {
            descend(lambda);
            if (hitMax) {
                break;
            }
            ws.gradients(strong, g);
            boolean violated = false;
            for (int j = 0; j < p; j++) {
                if (!strong[j] && !excluded[j] && Math.abs(g[j]) > lambda * alpha * pf[j]) {
                    addStrong(j);
                    violated = true;
                }
            }
            if (!violated) {
                break;
            }
        }
        return passes;
    }

    boolean converged() {
        return !hitMax;
    }

    private void addStrong(int j) {
        strong[j] = true;
        strongList[strongCount++] = j;
    }

    private void descend(double lambda) {
        while (true) {
            double dlx = pass(lambda, strongList, strongCount);
            if (dlx < thr) {
                return;
            }
            if (passes >= maxPasses) {
                hitMax = true;
                return;
            }
            while (true) {
                dlx = pass(lambda, activeList, activeCount);
                if (dlx < thr) {
                    break;
                }
                if (passes >= maxPasses) {
                    hitMax = true;
                    return;
                }
            }
        }
    }

    /** One pass over list[0..count): returns max v_j·Δβ_j². */
    private double pass(double lambda, int[] list, int count) {
        passes++;
        double dlx = 0;
        for (int k = 0; k < count; k++) {
            int j = list[k];
            double v = ws.norm(j);
            double old = beta[j];
            double u = ws.gradient(j) + v * old;
            double l1 = lambda * alpha * pf[j];
            double shrunk = Math.abs(u) - l1;
            double updated = shrunk > 0 ? Math.copySign(shrunk, u) / (v + lambda * (1 - alpha) * pf[j]) : 0;
            if (updated != old) {
                double delta = updated - old;
                beta[j] = updated;
                ws.update(j, delta);
                dlx = Math.max(dlx, v * delta * delta);
                if (!active[j]) {
                    active[j] = true;
                    activeList[activeCount++] = j;
                }
            }
        }
        return dlx;
    }

    /** @return the current deviance Σ w̄·r² */
    double deviance() {
        return ws.deviance(beta);
    }
}
