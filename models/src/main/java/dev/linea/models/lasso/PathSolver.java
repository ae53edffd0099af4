package dev.linea.models.lasso;

import dev.linea.kernels.Backend;

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
 * <p>Update of β_j: u = g_j + v_j·β_j, β_j ← S(u, λ·α·pf_j) / (v_j + λ·(1−α)·pf_j), S the soft threshold.
 *
 * <p>Stopping rule: after every full pass over the strong set the duality gap of the problem restricted to it is
 * computed from the gradients (see {@link #gap}); the λ is solved when gap ≤ thr (thr = tolerance × null
 * deviance), and once no column outside violates KKT the restricted gap is the gap of the whole problem. After a
 * full pass whose gap is too large comes a Newton step on the active set ({@link #newtonStep}, up to
 * {@link #NEWTON_TRIES} per λ; its Cholesky factor is kept and reused while the support and the ridge weight stay
 * the same, as they do over long stretches of a lasso path, where only λ in the right-hand side moves). When no
 * such step is taken (the support has more than {@link #MAX_NEWTON} columns or a singular Gram — collinear columns
 * — or the Newton steps are spent) and the λ has taken {@link #CG_AFTER_PASSES} passes, the same step is solved by
 * conjugate gradients ({@link #conjugateGradientStep}, up to {@link #NEWTON_TRIES} per λ; their work counts as
 * passes, about two per iteration, and is bounded by maxPasses). Once those are spent too: passes over the active
 * set until glmnet's rule
 * max_j v_j·Δβ_j² &lt; t, with t = thr at first and a tenth of the last full pass's max_j v_j·Δβ_j² after each full
 * pass whose gap was too large. A full pass that
 * moves no coefficient by more than rounding ends the λ too ("stalled"): it counts as converged when its gap is
 * within the rounding floor {@link #ROUNDING_FLOOR} × null deviance, and is reported as not converged otherwise.
 */
final class PathSolver {
    private final Workspace ws;
    private final Backend backend;
    /** covariance mode: every gradient is current, so the gap costs O(|S|) */
    private final boolean cheapGap;
    /** largest active set the Newton step factorizes (q³/3 flops; in naive mode also q²·n/2 for its Gram block) */
    static final int MAX_NEWTON = 400;
    /** Newton steps tried per λ at most (each costs a factorization) */
    static final int NEWTON_TRIES = 8;
    private final int p;
    private final double[] pf;
    private final boolean[] excluded;
    private final double alpha;
    private final double thr;
    /** the null deviance (or 1), the scale of the rounding floor and of a stalled pass */
    private final double reference;
    private final int maxPasses;
    final double[] beta;
    private final double[] g;
    private final boolean[] strong;
    private final int[] strongList;
    private int strongCount;
    private final boolean[] active;
    private final int[] activeList;
    private int activeCount;
    /**
     * The last Newton step's Cholesky factor of G_AA + diag(l2_A), for the support {@link #factorIdx} and ridge
     * weight {@link #factorL2} (λ·(1 − α)): along a lasso path the support often stays the same from one λ to the
     * next while only the right-hand side moves, so the factorization is reused (O(q²) instead of O(q³) a step).
     */
    private double[] factor;
    /**
     * The storage of the Newton steps' matrices, grown to the largest q² met (at most {@link #MAX_NEWTON}²): a
     * factorization that replaces the kept one overwrites it, so that a path allocates it once rather than up to
     * {@link #NEWTON_TRIES} times per λ.
     */
    private double[] newtonWork;
    /** The support of the last Gram built by {@link #gramOf(int[], int, double[])}, and that Gram (row-major). */
    private int[] gramIdx;
    private double[] gramCache;
    private int[] factorIdx = new int[0];
    private double factorL2 = Double.NaN;
    private int passes;
    private boolean hitMax;
    private boolean stalled;
    /** max_j v_j·β_j² over the coordinates of the last pass: the scale of a move by rounding */
    private double passScale;
    private double gap = Double.NaN;
    private double lambdaMax = Double.POSITIVE_INFINITY;

    /**
     * The relative duality gap accepted at a pass that moved nothing (a fixed point of coordinate descent in double
     * precision). The gap is a difference of terms of the order of the null deviance, and at tiny λ the dual point
     * is scaled by λ / max|g_j|, where the gradients carry rounding of order 1e-16·max|c_j|: the computed gap of an
     * exact solution can then reach 1e-11 (measured on random data at λ = 1e-12·λ_max).
     */
    static final double ROUNDING_FLOOR = 1e-10;

    /**
     * @param thr       absolute duality-gap tolerance (tolerance × null deviance)
     * @param reference the null deviance, or 1 when it is 0
     */
    PathSolver(Workspace ws, Backend backend, double[] pf, boolean[] excluded, double alpha, double thr,
               double reference, int maxPasses) {
        this.ws = ws;
        this.backend = backend;
        this.cheapGap = ws instanceof CovarianceWorkspace;
        this.reference = reference;
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
        stalled = false;
        if (strongCount > 0) {
            descend(0);
        } else {
            gap = 0;
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
            // max(α, 1e-3), so the ridge path starts from zero coefficients, as glmnet's does); its certificate is
            // that fit's
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

    /**
     * @return true when the duality gap met the tolerance within maxPasses (or, at a pass that moved nothing, is
     *         within the rounding floor)
     */
    boolean converged() {
        return !hitMax && (gap <= thr || (stalled && gap <= ROUNDING_FLOOR * reference));
    }

    /** @return true when the last λ ended at a pass that moved no coefficient beyond rounding */
    boolean stalled() {
        return stalled;
    }

    /** @return the duality gap (absolute) at the end of the last λ solved */
    double gap() {
        return gap;
    }

    private void addStrong(int j) {
        strong[j] = true;
        strongList[strongCount++] = j;
    }

    private void descend(double lambda) {
        stalled = false;
        int newtonLeft = NEWTON_TRIES;
        int cgLeft = NEWTON_TRIES;
        int first = passes;
        double inner = thr;
        while (true) {
            double dlx = pass(lambda, strongList, strongCount);
            double still = still();
            // a coordinate step of v·Δβ² decreases the objective by half that, so the suboptimality before this pass
            // was at least dlx/2: while dlx is far above the tolerance the gap cannot be met yet, and in naive mode
            // (where it costs a dot product per strong column) it is not computed
            if (cheapGap || dlx <= 1e3 * thr || dlx <= still || passes >= maxPasses) {
                gap = gap(lambda);
                if (gap <= thr) {
                    return;
                }
            }
            if (dlx <= still) {
                stalled = true;
                return;
            }
            if (passes >= maxPasses) {
                hitMax = true;
                return;
            }
            if (newtonLeft > 0) {
                // the warm start's support is usually right or nearly: a Newton step on it (cut at the first sign
                // change), then the next full pass and its gap judge it
                newtonLeft--;
                if (newtonStep(lambda)) {
                    continue;
                }
            }
            if (cgLeft > 0 && passes - first >= CG_AFTER_PASSES) {
                // no Newton step taken (support too large, its Gram singular, or the tries spent) and coordinate
                // descent is slow here: the same step by conjugate gradients
                cgLeft--;
                conjugateGradientStep(lambda, support());
                continue;
            }
            inner = Math.min(inner, 0.1 * dlx);
            while (true) {
                dlx = pass(lambda, activeList, activeCount);
                if (dlx < inner || dlx <= still()) {
                    // below the inner tolerance, or moving by rounding only (the tolerance can fall below the
                    // rounding noise of the updated gradients): back to a full pass, its gap and its stall test
                    break;
                }
                if (passes >= maxPasses) {
                    // the gap of the point reached, not the last full pass's (stale, or never computed at this λ:
                    // the report said "relative gap 0.0" beside "maxPasses hit")
                    gap = gap(lambda);
                    if (gap <= thr) {
                        return;
                    }
                    hitMax = true;
                    return;
                }
            }
        }
    }

    /** @return the non-zero active coefficients, in active-list order (a new array) */
    private int[] support() {
        int q = 0;
        int[] idx = new int[activeCount];
        for (int k = 0; k < activeCount; k++) {
            int j = activeList[k];
            if (beta[j] != 0) {
                idx[q++] = j;
            }
        }
        return java.util.Arrays.copyOf(idx, q);
    }

    /**
     * Fills h with the Gram of the support idx, reusing the entries of the last support's Gram for the columns both
     * share: along a path the support mostly grows by a few columns, and on sparse data each entry is a sparse dot
     * of two columns (a profile of a 1e6 × 2²⁰ lasso path without intercept spent half its time rebuilding them).
     * The Gram depends only on the workspace's fixed data, so a cached entry stays exact.
     */
    private void gramOf(int[] idx, int q, double[] h) {
        int known = 0;
        boolean[] isKnown = new boolean[q];
        int[] from = new int[q];
        if (gramIdx != null) {
            for (int a = 0; a < q; a++) {
                from[a] = -1;
                for (int c = 0; c < gramIdx.length; c++) {
                    if (gramIdx[c] == idx[a]) {
                        from[a] = c;
                        isKnown[a] = true;
                        known++;
                        break;
                    }
                }
            }
        }
        if (known == 0) {
            ws.gramOf(idx, q, h);
        } else {
            int r = gramIdx.length;
            for (int a = 0; a < q; a++) {
                if (!isKnown[a]) {
                    continue;
                }
                for (int b = 0; b < q; b++) {
                    if (isKnown[b]) {
                        h[a * q + b] = gramCache[from[a] * r + from[b]];
                    }
                }
            }
            ws.gramOf(idx, q, isKnown, h);
        }
        if (gramCache == null || gramCache.length < q * q) {
            gramCache = new double[Math.max(q * q, gramCache == null ? 0 : 2 * gramCache.length)];
        }
        System.arraycopy(h, 0, gramCache, 0, q * q);
        gramIdx = idx;
    }

    private boolean factorReusable(int[] idx, double l2) {
        return factor != null && l2 == factorL2 && java.util.Arrays.equals(idx, factorIdx);
    }

    /**
     * Coordinate descent converges linearly, slowly on correlated columns; once the signs of the non-zero
     * coefficients are right, the optimum is one linear solve away. With A the non-zero coefficients and σ their
     * signs, the optimum with that support and those signs solves g_A(β + Δ) = l1_A∘σ + l2_A∘(β_A + Δ_A), i.e.
     * (G_AA + diag(l2_A))·Δ_A = g_A − l1_A∘σ − l2_A∘β_A (G = X̃ᵀW̄X̃, g the current gradients). When a coefficient
     * would change sign the step is cut where the first one reaches zero (the objective restricted to the signs is
     * a convex quadratic, so it decreases along the step); the next full pass and the gap then judge the result.
     * Not taken when |A| &gt; {@link #MAX_NEWTON} or the factorization fails (G_AA singular and no ridge part:
     * collinear columns, such as one-hot blocks with every level beside the intercept); then, once coordinate
     * descent has spent {@link #CG_AFTER_PASSES} passes on the λ, {@link #conjugateGradientStep} solves the same
     * system.
     *
     * @return whether a step was taken
     */
    private boolean newtonStep(double lambda) {
        int[] idx = support();
        int q = idx.length;
        if (q == 0 || q > MAX_NEWTON) {
            return false;
        }
        double ridge = lambda * (1 - alpha);
        boolean reuse = factorReusable(idx, ridge);
        double[] h;
        if (reuse) {
            h = factor;
        } else {
            factor = null; // about to be overwritten
            if (newtonWork == null || newtonWork.length < q * q) {
                newtonWork = new double[q * q];
            }
            h = newtonWork;
            gramOf(idx, q, h);
        }
        double[] l2 = new double[q];
        double[] step = newtonRightHandSide(lambda, idx, l2);
        if (!reuse) {
            for (int a = 0; a < q; a++) {
                h[a * q + a] += l2[a];
            }
        }
        if (!reuse) {
            if (backend.cholesky(q, h, 0, q) != 0) {
                return false;
            }
            factor = h;
            factorIdx = idx;
            factorL2 = ridge;
        }
        backend.choleskySolve(q, 1, h, 0, q, step, 0, 1);
        takeStep(idx, step);
        return true;
    }

    /**
     * Passes coordinate descent spends on a λ before a Newton step without a factorization is tried: CD alone
     * certifies a well-conditioned λ in far fewer, and each conjugate-gradient iteration costs about two passes,
     * so only a slow λ pays for them (clicks.svm's collinear one-hot blocks: 100 000 passes at the smallest λ).
     */
    static final int CG_AFTER_PASSES = 100;

    /**
     * The Newton step of {@link #newtonStep} on the support idx, its system solved by conjugate gradients with
     * products by G_AA that are never formed ({@link #conjugateGradients}): on a singular system they stop at the
     * null space, and every iterate lowers the restricted quadratic, so the cut step is still a descent step.
     */
    private void conjugateGradientStep(double lambda, int[] idx) {
        int q = idx.length;
        if (q == 0) {
            return;
        }
        double[] l2 = new double[q];
        double[] rhs = newtonRightHandSide(lambda, idx, l2);
        passes++; // the gradients of the support: about one pass over it
        double[] step = conjugateGradients(idx, l2, rhs);
        if (step == null) {
            return;
        }
        // the projected point: β_A + Δ with every coefficient that crosses zero set to 0
        double[] projected = new double[q];
        boolean crossed = false;
        for (int a = 0; a < q; a++) {
            int j = idx[a];
            projected[a] = beta[j] + step[a];
            if (crosses(j, step[a])) {
                projected[a] = 0;
                crossed = true;
            }
        }
        takeStep(idx, step);
        if (!crossed) {
            return; // the whole step was taken
        }
        // A large support whose signs are not yet the optimum's has many coefficients crossing zero along Δ, and
        // the cut step stops at the first: one column per step (measured on clicks.svm: 30 steps at one λ moved
        // its gap from 5.6e-6 to 4.4e-6). The projected point is taken too when the objective is lower there,
        // judged before moving (a move there and back would leave the workspace's residual off by the rounding of
        // two large updates): with δ = β_proj − β_cut on A and g_A the gradients at the cut point,
        // F(proj) − F(cut) = −δᵀg_A + ½·δᵀG_AAδ + Σ_a (l1_a·(|β_proj| − |β_cut|) + ½·l2_a·(β_proj² − β_cut²)).
        double[] delta = new double[q];
        double change = 0;
        for (int a = 0; a < q; a++) {
            int j = idx[a];
            double from = beta[j];
            double to = projected[a];
            delta[a] = to - from;
            change += -delta[a] * ws.gradient(j) + lambda * alpha * pf[j] * (Math.abs(to) - Math.abs(from))
                    + 0.5 * l2[a] * (to * to - from * from);
        }
        double[] gd = new double[q];
        ws.gramTimes(idx, q, delta, gd);
        passes += 3; // the gradients at the cut point and the product
        for (int a = 0; a < q; a++) {
            change += 0.5 * delta[a] * gd[a];
        }
        if (change < 0) {
            for (int a = 0; a < q; a++) {
                int j = idx[a];
                if (delta[a] != 0) {
                    beta[j] = projected[a];
                    ws.update(j, delta[a]);
                }
            }
        }
    }

    /**
     * The Newton system's right-hand side on the support idx, g_A − l1_A∘σ − l2_A∘β_A (one gradient per column), and
     * the ridge weights l2_A = λ·(1−α)·pf_A.
     *
     * @param l2 modified: |idx| values
     * @return a new array of |idx| values
     */
    private double[] newtonRightHandSide(double lambda, int[] idx, double[] l2) {
        double[] rhs = new double[idx.length];
        for (int a = 0; a < idx.length; a++) {
            int j = idx[a];
            l2[a] = lambda * (1 - alpha) * pf[j];
            rhs[a] = ws.gradient(j) - lambda * alpha * pf[j] * Math.signum(beta[j]) - l2[a] * beta[j];
        }
        return rhs;
    }

    /** @return whether the penalized coefficient β_j reaches or crosses zero when moved by delta */
    private boolean crosses(int j, double delta) {
        return pf[j] > 0 && alpha > 0 && (beta[j] + delta) * beta[j] <= 0;
    }

    /** Conjugate-gradient iterations per Newton step at most (each costs about two passes over the support). */
    static final int MAX_CG = 200;

    /**
     * Δ ≈ (G_AA + diag(l2))⁻¹·rhs by conjugate gradients from Δ = 0 (G_AA·v by {@link Workspace#gramTimes}):
     * stops when ‖residual‖ ≤ 1e-10·‖rhs‖ (the next pass's duality gap, not this residual, certifies), at
     * {@link #MAX_CG} iterations or maxPasses, or when a search direction has no curvature left (pᵀAp ≤ 1e-13·pᵀp·max_a A_aa: the null space of a singular G_AA, along which rhs has a share
     * when the support's signs are not yet the optimum's). Each iterate minimizes the quadratic
     * ½ΔᵀAΔ − rhsᵀΔ over a growing subspace, so whatever the stop, the quadratic is below its value at 0.
     *
     * @return Δ, or null when the first direction already has no curvature or a value is not finite
     */
    private double[] conjugateGradients(int[] idx, double[] l2, double[] rhs) {
        int q = idx.length;
        double diag = 0;
        for (int a = 0; a < q; a++) {
            diag = Math.max(diag, ws.norm(idx[a]) + l2[a]);
        }
        double[] x = new double[q];
        double[] r = rhs.clone();
        double[] d = rhs.clone();
        double[] ad = new double[q];
        double rr = backend.dot(q, r, 0, r, 0);
        double stop = 1e-20 * rr;
        boolean moved = false;
        for (int it = 0; it < MAX_CG && rr > stop && passes < maxPasses; it++) {
            ws.gramTimes(idx, q, d, ad);
            passes += 2; // about two passes over the support: counted, and bounded by maxPasses
            double dad = 0;
            for (int a = 0; a < q; a++) {
                ad[a] += l2[a] * d[a];
                dad += d[a] * ad[a];
            }
            if (!(dad > 1e-13 * backend.dot(q, d, 0, d, 0) * diag)) {
                break;
            }
            double step = rr / dad;
            for (int a = 0; a < q; a++) {
                x[a] += step * d[a];
                r[a] -= step * ad[a];
            }
            moved = true;
            double rrNew = backend.dot(q, r, 0, r, 0);
            double b = rrNew / rr;
            rr = rrNew;
            for (int a = 0; a < q; a++) {
                d[a] = r[a] + b * d[a];
            }
        }
        if (!moved) {
            return null;
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return x;
    }

    /**
     * β_A ← β_A + t·Δ with t ≤ 1: the restricted objective is a convex quadratic while the signs hold, so go the
     * whole way, or up to the first coefficient that reaches zero (set exactly to zero), which still decreases it.
     */
    private void takeStep(int[] idx, double[] step) {
        int q = idx.length;
        double t = 1;
        int stop = -1;
        for (int a = 0; a < q; a++) {
            int j = idx[a];
            if (!Double.isFinite(step[a])) {
                return;
            }
            if (crosses(j, step[a])) {
                double ta = -beta[j] / step[a];
                if (ta < t) {
                    t = ta;
                    stop = j;
                }
            }
        }
        for (int a = 0; a < q; a++) {
            int j = idx[a];
            double delta = idx[a] == stop ? -beta[j] : t * step[a];
            if (delta != 0) {
                beta[j] += delta;
                ws.update(j, delta);
            }
        }
    }

    /**
     * The duality gap at λ of the problem restricted to the strong set S, in the working coordinates with
     * normalized weights. Primal: P(β) = ½·Σw̄·r² + Σ_{j∈S} (l1_j·|β_j| + ½·l2_j·β_j²), l1_j = λ·α·pf_j,
     * l2_j = λ·(1−α)·pf_j. Dual at the scaled residual θ = s·r (g_j = Σw̄·x̃_j·r):
     * D(θ) = s·Σw̄·ỹ·r − ½·s²·Σw̄·r² − Σ_{j∈S, l2_j&gt;0} (s·|g_j| − l1_j)₊² / (2·l2_j), feasible when
     * s·|g_j| ≤ l1_j for the pure-l1 columns (l2_j = 0), hence s = min(1, min l1_j/|g_j|) over them. P − D ≥
     * P(β) − P(β*) by weak duality. Unpenalized columns (l1_j = l2_j = 0) would need g_j = 0 exactly; the decrease
     * still available along each, g_j²/(2·v_j), is added instead. O(|S|) in covariance mode, one dot product per
     * strong column in naive mode.
     */
    private double gap(double lambda) {
        ws.gradientsOf(strongList, strongCount, g);
        double rr = ws.deviance(beta);
        double yr = ws.targetDotResidual(beta);
        double primal = 0.5 * rr;
        double s = 1;
        double unpenalized = 0;
        for (int k = 0; k < strongCount; k++) {
            int j = strongList[k];
            double l1 = lambda * alpha * pf[j];
            double l2 = lambda * (1 - alpha) * pf[j];
            double b = beta[j];
            primal += l1 * Math.abs(b) + 0.5 * l2 * b * b;
            double a = Math.abs(g[j]);
            if (l1 == 0 && l2 == 0) {
                unpenalized += g[j] * g[j] / (2 * ws.norm(j));
            } else if (l2 == 0 && a * s > l1) {
                s = l1 / a;
            }
        }
        double conjugate = 0;
        for (int k = 0; k < strongCount; k++) {
            int j = strongList[k];
            double l2 = lambda * (1 - alpha) * pf[j];
            if (l2 > 0) {
                double t = s * Math.abs(g[j]) - lambda * alpha * pf[j];
                if (t > 0) {
                    conjugate += t * t / (2 * l2);
                }
            }
        }
        double dual = s * yr - 0.5 * s * s * rr - conjugate;
        return Math.max(0, primal - dual) + unpenalized;
    }

    /** One pass over list[0..count): returns max v_j·Δβ_j². */
    /**
     * A pass whose largest v_j·Δβ_j² is below this moved nothing beyond rounding: every coefficient by about 1e-15
     * of the null deviance's scale, or by about 1e-14 relative to the largest term v_j·β_j² of the last pass (large
     * coefficients jitter by a few ulps a pass when the gradients are updated in place, as in covariance mode).
     */
    private double still() {
        return Math.max(1e-30 * reference, 1e-28 * passScale);
    }

    private double pass(double lambda, int[] list, int count) {
        passes++;
        double dlx = 0;
        double scale = 0;
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
            scale = Math.max(scale, v * updated * updated);
        }
        passScale = scale;
        return dlx;
    }

    /** @return the current deviance Σ w̄·r² */
    double deviance() {
        return ws.deviance(beta);
    }
}
