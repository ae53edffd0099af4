package dev.linea.models.ols;

import dev.linea.kernels.Backend;
import dev.linea.kernels.CentredMoments;
import dev.linea.kernels.Transpose;
import dev.linea.models.Dataset;
import dev.linea.models.Design;

/**
 * The normal-equations solver (internal). With an intercept the columns and y are centred on their weighted means
 * first, which removes the ones column's contribution to the condition number: the centred moments come from one
 * pass over X ({@link CentredMoments}: each cache-sized block centred on its own means, the blocks merged exactly),
 * X is never copied; then
 * <pre>
 *   G = X_cᵀ·W·X_c,   S = D⁻¹·G·D⁻¹ (D = sqrt(diag G), unit diagonal),   S = L·Lᵀ,
 *   β = D⁻¹·S⁻¹·D⁻¹·X_cᵀ·W·y_c,   b = ȳ − x̄ᵀ·β
 * </pre>
 * followed by refinement steps {@code δβ = D⁻¹S⁻¹D⁻¹·X_cᵀ·W·r, δb = Σw·r/Σw − x̄ᵀ·δβ} with r = y − b − Xβ formed in
 * double-double. The covariance is {@code C_ff = D⁻¹S⁻¹D⁻¹}, {@code C_bb = 1/Σw + x̄ᵀC_ff x̄},
 * {@code C_bf = −C_ff x̄}.
 */
final class NormalEquations {
    /** Power / inverse iterations of the condition estimate. */
    private static final int CONDITION_ITERATIONS = 30;

    private NormalEquations() {
    }

    /** Either a solution with its condition estimate, or why it failed. */
    record Outcome(Solved solved, double condition, String failure) {
    }

    static Outcome solve(Backend backend, Dataset data, boolean intercept, int maxSteps) {
        int m = data.rows();
        int n = data.cols();
        double[] x = data.xUnsafe();
        double[] y = data.yUnsafe();
        double[] w = data.weightsUnsafe();
        ResidualPass pass = new RowResidualPass(m, n, x, y, w);
        if (intercept && n > 0) {
            // One pass over X gives the means, X_cᵀWX_c, X_cᵀW(y − ȳ) and the column ranges (each cache-sized block
            // centred on its own means, blocks merged exactly); the refinement steps read X once each.
            CentredMoments mom = CentredMoments.of(backend, m, n, x, 0, n, y, 0, w, 0);
            double[] g = mom.xx();
            double[] max = columnsSurelyInRange(m, n, g, w, mom.weightSum()) ? new double[n]
                    : data.design(true).withAffine(mom.mean(), null).columnMaxAbs(false);
            String range = outOfRange(m, n, max, w, y, data);
            if (range != null) {
                return new Outcome(null, Double.POSITIVE_INFINITY, range);
            }
            return solve(backend, n, g, mom.xy(), mom.mean(), mom.targetMean(), mom.weightSum(),
                    data.featureNames(), maxSteps, pass);
        }
        // The centred design is a view: x̄ is applied inside the kernels' row blocks, X is never copied.
        Design design = data.design(intercept).centred();
        double sw = design.weightSum();
        double[] xbar = intercept ? design.centre() : new double[n];
        double ybar = design.targetCentre();
        if (n == 0) {
            // Intercept only (the caller guarantees one): b = ȳ_w, Var factor 1/Σw.
            return new Outcome(new Solved(new double[] {ybar}, new boolean[] {true}, new double[] {1 / sw}, 0, true,
                    "intercept only: the weighted mean", "covariance 1/Σw", null), 1, null);
        }
        String range = outOfRange(m, n, design.columnMaxAbs(false), w, y, data);
        if (range != null) {
            return new Outcome(null, Double.POSITIVE_INFINITY, range);
        }
        double[] g = new double[n * n];
        design.gram(backend, g, 0, n);
        double[] wy = new double[m];
        for (int i = 0; i < m; i++) {
            wy[i] = (w == null ? 1 : w[i]) * (y[i] - ybar);
        }
        double[] xty = new double[n];
        design.transposeTimes(backend, wy, 0, xty, 0);
        return solve(backend, n, g, xty, xbar, ybar, intercept ? sw : 0, data.featureNames(), maxSteps, pass);
    }

    /**
     * The solve shared by every source of moments.
     *
     * @param g     n×n Gram matrix X_cᵀ·W·X_c about {@code xbar} (X itself without intercept); consumed
     * @param xty   X_cᵀ·W·(y − ȳ); consumed
     * @param xbar  centre of the columns (zeros without intercept); not modified
     * @param sw    Σw with an intercept, 0 without one
     * @param pass  one pass over the data for each refinement step
     */
    static Outcome solve(Backend backend, int n, double[] g, double[] xty, double[] xbar, double ybar, double sw,
                         java.util.List<String> names, int maxSteps, ResidualPass pass) {
        boolean intercept = sw > 0;
        if (n == 0) {
            return new Outcome(new Solved(new double[] {ybar}, new boolean[] {true}, new double[] {1 / sw}, 0, true,
                    "intercept only: the weighted mean", "covariance 1/Σw", null), 1, null);
        }
        double[] d = new double[n];
        for (int j = 0; j < n; j++) {
            d[j] = Math.sqrt(g[j * n + j]);
            if (!(d[j] > 0)) {
                String name = names.get(j);
                return new Outcome(null, Double.POSITIVE_INFINITY, "column '" + name + "' is "
                        + (intercept ? "constant" : "all zero") + " (with the weights given)");
            }
        }
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i * n + j] = g[i * n + j] / (d[i] * d[j]);
            }
        }
        double[] sFull = s.clone();
        int info = backend.cholesky(n, s, 0, n);
        if (info != 0) {
            return new Outcome(null, Double.POSITIVE_INFINITY, "the scaled Gram matrix is not positive definite"
                    + " (Cholesky pivot " + info + ", column '" + names.get(info - 1) + "')");
        }
        double kappa = conditionEstimate(backend, n, sFull, s);
        double[] beta = xty;
        solveScaled(backend, n, s, d, beta);
        double b0 = intercept ? ybar - dotPlain(xbar, beta) : 0;

        Refinement refine = new Refinement(maxSteps);
        double[] delta = new double[n];
        while (refine.wantsStep()) {
            ResidualPass.Sums sums = pass.apply(b0, beta, xbar, delta);
            solveScaled(backend, n, s, d, delta);
            double db0 = intercept ? sums.weighted() / sw - dotPlain(xbar, delta) : 0;
            double size = Math.max(maxAbs(beta), Math.abs(b0));
            if (!refine.accept(size == 0 ? 0 : Math.max(maxAbs(delta), Math.abs(db0)) / size)) {
                break;
            }
            for (int j = 0; j < n; j++) {
                beta[j] += delta[j];
            }
            b0 += db0;
        }
        // Covariance: C_ff = D⁻¹ S⁻¹ D⁻¹.
        double[] cff = new double[n * n];
        for (int j = 0; j < n; j++) {
            cff[j * n + j] = 1;
        }
        backend.choleskySolve(n, n, s, 0, n, cff, 0, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cff[i * n + j] /= d[i] * d[j];
            }
        }
        int k = n + (intercept ? 1 : 0);
        int o = intercept ? 1 : 0;
        double[] params = new double[k];
        double[] cov = new double[k * k];
        if (intercept) {
            params[0] = b0;
            double[] cx = new double[n];
            for (int i = 0; i < n; i++) {
                double t = 0;
                for (int j = 0; j < n; j++) {
                    t += cff[i * n + j] * xbar[j];
                }
                cx[i] = t;
            }
            cov[0] = 1 / sw + dotPlain(xbar, cx);
            for (int j = 0; j < n; j++) {
                cov[j + 1] = -cx[j];
                cov[(j + 1) * k] = -cx[j];
            }
        }
        for (int i = 0; i < n; i++) {
            params[i + o] = beta[i];
            System.arraycopy(cff, i * n, cov, (i + o) * k + o, n);
        }
        boolean[] est = new boolean[k];
        java.util.Arrays.fill(est, true);
        return new Outcome(new Solved(params, est, cov, refine.steps(), refine.converged(), refine.status(null),
                "covariance from the Cholesky factor of the centred Gram matrix", null), kappa, null);
    }

    /**
     * The Gram matrix squares the data: a column (or y) whose Σw·v² would overflow or underflow double precision
     * cannot go through the normal equations. QR scales each Householder vector and handles it.
     *
     * @param max the largest |x_ij − x̄_j| of each column (|x_ij| without intercept)
     * @return why the normal equations cannot be formed, or null when they can
     */
    static String outOfRange(int m, int n, double[] max, double[] w, double[] y, Dataset data) {
        double sw = 0;
        for (int i = 0; i < m; i++) {
            sw += w == null ? 1 : w[i];
        }
        double ymax = 0;
        for (int i = 0; i < m; i++) {
            ymax = Math.max(ymax, Math.abs(y[i]));
        }
        // Safe when every square times Σw stays in [2^-1000, 2^1000]: far from overflow and from subnormals.
        double hi = Math.scalb(1.0, 500) / Math.sqrt(Math.max(sw, 1));
        double lo = Math.scalb(1.0, -500);
        for (int j = 0; j < n; j++) {
            if (max[j] > hi || (max[j] > 0 && max[j] < lo)) {
                return "column '" + data.featureNames().get(j) + "' has magnitude " + fmt(max[j])
                        + ": its squares would " + (max[j] > hi ? "overflow" : "underflow")
                        + " in the Gram matrix (normal equations need |x| within about 1e-150 … 1e150/sqrt(Σw))";
            }
        }
        if (ymax > hi || (ymax > 0 && ymax < lo)) {
            return "the target has magnitude " + fmt(ymax) + ": Xᵀy would " + (ymax > hi ? "overflow" : "underflow");
        }
        return null;
    }

    /**
     * Whether the centred Gram matrix alone shows that {@link #outOfRange} finds no column out of range, so that the
     * pass over the rows for the column maxima can be skipped. Every term is bounded by the diagonal,
     * {@code w_i·(x_ij − x̄_j)² ≤ G_jj}: with all weights positive, each column's largest |x_ij − x̄_j| lies in
     * {@code [√(G_jj / (max w·m)), √(G_jj / min w)]}; when that whole interval is in range, so is the maximum. A
     * zero weight bounds nothing (its row's values do not reach G), and G_jj = 0 may be squares that underflowed:
     * false for both.
     *
     * @param g n×n centred Gram matrix; not modified
     */
    static boolean columnsSurelyInRange(int m, int n, double[] g, double[] w, double sw) {
        double wmin = 1;
        double wmax = 1;
        if (w != null) {
            wmin = Double.POSITIVE_INFINITY;
            wmax = 0;
            for (int i = 0; i < m; i++) {
                wmin = Math.min(wmin, w[i]);
                wmax = Math.max(wmax, w[i]);
            }
        }
        if (!(wmin > 0)) {
            return false;
        }
        // outOfRange's bounds, with a margin of 2⁻⁴⁰ for the rounding of G, Σw and the square roots.
        double hi = Math.scalb(1.0, 500) / Math.sqrt(Math.max(sw, 1)) * (1 - 0x1p-40);
        double lo = Math.scalb(1.0, -500) * (1 + 0x1p-40);
        for (int j = 0; j < n; j++) {
            double gjj = g[j * n + j];
            double upper = Math.sqrt(gjj / wmin);
            double lower = Math.sqrt(gjj / (wmax * m));
            if (!(upper <= hi && lower >= lo)) {
                return false;
            }
        }
        return true;
    }

    /** z ← D⁻¹·S⁻¹·D⁻¹·z with S = L·Lᵀ. */
    private static void solveScaled(Backend backend, int n, double[] l, double[] d, double[] z) {
        for (int j = 0; j < n; j++) {
            z[j] /= d[j];
        }
        backend.choleskySolve(n, 1, l, 0, n, z, 0, 1);
        for (int j = 0; j < n; j++) {
            z[j] /= d[j];
        }
    }

    /**
     * κ₂ of the centred, scaled design, {@code sqrt(λ_max(S)/λ_min(S))}, with λ_max by power iteration on S and
     * λ_min by inverse iteration through the Cholesky factor; the larger of that and the lower bound
     * {@code max L_jj / min L_jj} is returned (both underestimate, so the routing errs toward QR only slightly).
     */
    static double conditionEstimate(Backend backend, int n, double[] s, double[] l) {
        if (n == 0) {
            return 1;
        }
        double[] v = new double[n];
        double[] t = new double[n];
        for (int j = 0; j < n; j++) {
            v[j] = 1 + 0.1 * ((j * 7919) % 11);
        }
        double lmax = 0;
        for (int it = 0; it < CONDITION_ITERATIONS; it++) {
            normalize(v);
            backend.gemv(Transpose.NONE, n, n, 1, s, 0, n, v, 0, 0, t, 0);
            lmax = Math.sqrt(dotPlain(t, t));
            System.arraycopy(t, 0, v, 0, n);
        }
        for (int j = 0; j < n; j++) {
            v[j] = 1 + 0.1 * ((j * 104729) % 13);
        }
        double inv = 0;
        for (int it = 0; it < CONDITION_ITERATIONS; it++) {
            normalize(v);
            backend.choleskySolve(n, 1, l, 0, n, v, 0, 1);
            inv = Math.sqrt(dotPlain(v, v));
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int j = 0; j < n; j++) {
            double q = Math.abs(l[j * n + j]);
            lo = Math.min(lo, q);
            hi = Math.max(hi, q);
        }
        return Math.max(Math.sqrt(lmax * inv), hi / lo);
    }

    private static void normalize(double[] v) {
        double s = Math.sqrt(dotPlain(v, v));
        if (s > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= s;
            }
        }
    }

    static double dotPlain(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double maxAbs(double[] v) {
        double s = 0;
        for (double d : v) {
            s = Math.max(s, Math.abs(d));
        }
        return s;
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
