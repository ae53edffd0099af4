package dev.linea.models.glm;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Transpose;
import java.util.Arrays;
import java.util.List;

/**
 * Iteratively reweighted least squares (Newton–Raphson where its weights are positive, else Fisher scoring; see
 * {@link #workingSystem}) for a GLM with an optional L2 penalty, on a design
 * {@code A} (m×k, row-major) that already holds the intercept as its first column of ones when there is one.
 * Each iteration, with working weights and response at the current μ
 * <pre>
 *   W_i = s_i·q_i / (g'(μ_i)²·V(μ_i)),   z_i = η_i − o_i + g'(μ_i)·(y_i − μ_i)/q_i   (q = 1: Fisher scoring)
 *   (AᵀWA + λ·P)·β = AᵀW·z,          λ = α·Σs,  P = diag(0 for the intercept, 1 for the features)
 * </pre>
 * runs on the backend (weighted {@code gram}, {@code gemv}, {@code cholesky}, {@code choleskySolve}). The fixed
 * point is the stationary point of {@code F(β) = Σ s_i·d(y_i, μ_i) + λ·‖Pβ‖²} (2·Σs times scikit-learn's
 * objective). When F increases by more than the tolerance, or μ leaves the family's domain, the step is halved
 * towards the previous β (up to {@link #MAX_HALVINGS} times). The start is statsmodels': μ = (y + ȳ)/2.
 * Not thread-safe: one instance per fit.
 */
final class Irls {
    /** Relative Cholesky pivot (per column) below which the Gram matrix counts as singular: 64·ε, as Ridge. */
    private static final double PIVOT_TOLERANCE = 64 * Math.ulp(1.0);
    static final int MAX_HALVINGS = 30;

    private final Backend backend;
    private final int m;
    private final int k;
    private final double[] a;
    private final double[] y;
    private final double[] s;
    private final double[] offset;
    private final Family family;
    private final Link link;
    private final double lambda;
    private final int firstPenalized;
    private final List<String> names;

    final double[] beta;
    final double[] eta;
    final double[] mu;
    double deviance;
    double objective;
    int iterations;
    boolean converged;
    String status = "not run";
    /** Whether the last iteration used the observed information (Newton) rather than Fisher scoring. */
    boolean observedInformation;
    /** Set when the first step had to be halved towards the intercept-only fit. */
    String startNote;
    /** Iterates accepted so far (the history's length). */
    private int accepted;
    double[] history = new double[0];

    /**
     * @param a       m×k design, ones column first when {@code intercept}; not modified
     * @param y       not modified
     * @param s       m weights ≥ 0; not modified
     * @param offset  m offsets; not modified
     * @param names   k parameter names for messages
     */
    Irls(Backend backend, int m, int k, double[] a, double[] y, double[] s, double[] offset, Family family,
         Link link, double alpha, boolean intercept, List<String> names) {
        this.backend = backend;
        this.m = m;
        this.k = k;
        this.a = a;
        this.y = y;
        this.s = s;
        this.offset = offset;
        this.family = family;
        this.link = link;
        double sw = 0;
        for (int i = 0; i < m; i++) {
            sw += s[i];
        }
        this.lambda = alpha * sw;
        this.firstPenalized = intercept ? 1 : 0;
        this.names = names;
        this.beta = new double[k];
        this.eta = new double[m];
        this.mu = new double[m];
    }

    /**
     * Runs IRLS; afterwards β, η, μ, the deviance and the status describe the last accepted iterate, and the
     * history holds the objective per accepted iterate (also when a {@link Failure} is thrown).
     */
    void run(int maxIterations, double tol) {
        double[] hist = new double[maxIterations];
        try {
            iterate(maxIterations, tol, hist);
        } finally {
            history = Arrays.copyOf(hist, accepted);
        }
    }

    private void iterate(int maxIterations, double tol, double[] hist) {
        start();
        double[] w = new double[m];
        double[] wz = new double[m];
        double[] g = new double[k * k];
        double[] prev = null;
        double prevObjective = Double.NaN;
        status = "iteration limit " + maxIterations + " reached";
        for (int it = 1; it <= maxIterations; it++) {
            iterations = it;
            workingSystem(w, wz);
            solve(w, wz, g, beta);
            boolean ok = evaluate();
            if (prev == null && !ok) {
                // The start μ = (y + ȳ)/2 has no β to halve towards; with an intercept, the intercept-only
                // β₀ = (g(ȳ), 0, …, 0) is one (valid when g⁻¹(g(ȳ) + o) is in the domain).
                String invalid = invalidRow();
                double[] first = beta.clone();
                prev = interceptOnlyStart();
                if (prev == null) {
                    throw new Failure("the first IRLS step gives a mean outside the " + family.name() + " family's"
                            + " domain (" + invalid + "); try another link or rescale the features");
                }
                prevObjective = objective;
                startNote = "the first IRLS step left the domain (" + invalid + "): halved towards the"
                        + " intercept-only fit";
                System.arraycopy(first, 0, beta, 0, k);
                ok = evaluate();
            }
            int halvings = 0;
            while (prev != null && (!ok || objective - prevObjective > tol * (Math.abs(prevObjective) + 0.1))
                    && halvings < MAX_HALVINGS) {
                for (int j = 0; j < k; j++) {
                    beta[j] = 0.5 * (beta[j] + prev[j]);
                }
                ok = evaluate();
                halvings++;
            }
            if (prev != null && (!ok || objective - prevObjective > tol * (Math.abs(prevObjective) + 0.1))) {
                System.arraycopy(prev, 0, beta, 0, k);
                evaluate();
                status = "step halving (" + MAX_HALVINGS + " times) could not decrease the objective at iteration "
                        + it + "; stopped at the previous iterate";
                break;
            }
            hist[accepted++] = objective;
            if (prev != null) {
                double change = Math.abs(prevObjective - objective) / (Math.abs(objective) + 0.1);
                if (change < tol) {
                    converged = true;
                    status = String.format(java.util.Locale.ROOT, "relative change of the %s %.2e < tol %.1e",
                            lambda > 0 ? "penalized deviance" : "deviance", change, tol);
                    break;
                }
            }
            prev = beta.clone();
            prevObjective = objective;
        }
    }

    /** μ = (y + ȳ)/2 (ȳ the weighted mean), or ȳ where that is outside the domain. */
    private void start() {
        double sy = 0;
        double sw = 0;
        for (int i = 0; i < m; i++) {
            sy += s[i] * y[i];
            sw += s[i];
        }
        double ybar = sy / sw;
        for (int i = 0; i < m; i++) {
            double v = (y[i] + ybar) / 2;
            if (!validStart(v)) {
                v = ybar;
            }
            if (!validStart(v)) {
                throw new Failure("no valid starting mean: (y + ȳ)/2 = " + (y[i] + ybar) / 2 + " at row " + i
                        + " and ȳ = " + ybar + " are outside the domain of the " + family.name() + " family with the "
                        + link.label() + " link");
            }
            mu[i] = v;
            eta[i] = link.link(v);
        }
    }

    /**
     * β₀ = (g(ȳ_w), 0, …, 0) evaluated (η, μ, objective set), or null when there is no intercept or its mean is
     * outside the domain.
     */
    private double[] interceptOnlyStart() {
        if (firstPenalized == 0) {
            return null;
        }
        double sy = 0;
        double sw = 0;
        for (int i = 0; i < m; i++) {
            sy += s[i] * y[i];
            sw += s[i];
        }
        double ybar = sy / sw;
        if (!validStart(ybar)) {
            return null;
        }
        Arrays.fill(beta, 0);
        beta[0] = link.link(ybar);
        return evaluate() ? beta.clone() : null;
    }

    private boolean validStart(double v) {
        return family.validMean(v) && Double.isFinite(link.link(v)) && Double.isFinite(link.derivative(v));
    }

    /**
     * W and W·z at the current μ. The weights are the observed information (Newton–Raphson) when they are all
     * positive, else the expected information (Fisher scoring): with q_i = 1 + (y_i − μ_i)·(V'/V + g''/g'),
     * <pre>  W_i = s_i·q_i/(g'²V),   z_i = η_i − o_i + g'·(y_i − μ_i)/q_i</pre>
     * For canonical links q = 1 and both are the same; for Gamma and Tweedie (1 ≤ p ≤ 2) with the log link q &gt; 0
     * always, so IRLS converges quadratically there too (Fisher scoring alone is only linear, and a deviance-change
     * stop at 1e-8 would leave the coefficients at about 1e-5).
     */
    private void workingSystem(double[] w, double[] wz) {
        boolean newton = true;
        for (int i = 0; i < m && newton; i++) {
            double q = observedFactor(i);
            newton = q > 0 && Double.isFinite(q);
        }
        observedInformation = newton;
        for (int i = 0; i < m; i++) {
            double gp = link.derivative(mu[i]);
            double q = newton ? observedFactor(i) : 1;
            double wi = s[i] * q / (gp * gp * family.variance(mu[i]));
            double z = eta[i] - offset[i] + gp * (y[i] - mu[i]) / q;
            if (!Double.isFinite(wi) || !Double.isFinite(z)) {
                throw new Failure("IRLS diverged at iteration " + iterations + ": working weight " + wi
                        + " and response " + z + " at row " + i + " (μ = " + mu[i] + ")");
            }
            w[i] = wi;
            wz[i] = wi * z;
        }
    }

    /**
     * q_i = 1 + (y − μ)·(V'(μ)/V(μ) + g''(μ)/g'(μ)): observed over expected information of row i, from
     * −∂²ℓ/∂η² = s/(V·g'²) + s·(y − μ)·(V'g' + V·g'')/(V²·g'³).
     */
    private double observedFactor(int i) {
        double u = mu[i];
        return 1 + (y[i] - u) * (family.varianceDerivative(u) / family.variance(u)
                + link.secondDerivative(u) / link.derivative(u));
    }

    /** out ← (AᵀWA + λP)⁻¹·AᵀW·z; g is workspace. */
    private void solve(double[] w, double[] wz, double[] g, double[] out) {
        backend.gram(m, k, a, 0, k, w, 0, g, 0, k);
        for (int j = firstPenalized; j < k; j++) {
            g[j * k + j] += lambda;
        }
        backend.gemv(Transpose.TRANSPOSE, m, k, 1, a, 0, k, wz, 0, 0, out, 0);
        factor(g);
        backend.choleskySolve(k, 1, g, 0, k, out, 0, 1);
    }

    /** Cholesky of g in place, or a Failure naming the first dependent column. */
    private void factor(double[] g) {
        double[] diag = new double[k];
        for (int j = 0; j < k; j++) {
            diag[j] = g[j * k + j];
        }
        int info = backend.cholesky(k, g, 0, k);
        if (info != 0) {
            throw new Failure("the weighted Gram matrix AᵀWA" + (lambda > 0 ? " + λP" : "") + " is singular at"
                    + " iteration " + iterations + " (Cholesky pivot " + info + ", column '" + names.get(info - 1)
                    + "'): a constant, zero or linearly dependent column");
        }
        // A pivot that survived only by rounding means dependent columns: L_jj² is the part of column j's
        // weighted squared norm not explained by the earlier columns.
        for (int j = 0; j < k; j++) {
            double ljj = g[j * k + j];
            if (ljj * ljj <= PIVOT_TOLERANCE * k * diag[j]) {
                throw new Failure("the weighted Gram matrix is numerically singular at iteration " + iterations
                        + ": column '" + names.get(j) + "' is a combination of the earlier ones (relative pivot "
                        + String.format(java.util.Locale.ROOT, "%.1e", ljj * ljj / diag[j]) + ")");
            }
        }
    }

    /** η, μ, deviance and objective at β; false when some μ is outside the domain or F is not finite. */
    private boolean evaluate() {
        backend.gemv(Transpose.NONE, m, k, 1, a, 0, k, beta, 0, 0, eta, 0);
        double dev = 0;
        boolean ok = true;
        for (int i = 0; i < m; i++) {
            eta[i] += offset[i];
            mu[i] = link.inverse(eta[i]);
            if (!family.validMean(mu[i])) {
                ok = false;
                continue;
            }
            dev += s[i] * family.unitDeviance(y[i], mu[i]);
        }
        double pen = 0;
        for (int j = firstPenalized; j < k; j++) {
            pen += beta[j] * beta[j];
        }
        deviance = ok ? dev : Double.NaN;
        objective = deviance + lambda * pen;
        return ok && Double.isFinite(objective);
    }

    private String invalidRow() {
        for (int i = 0; i < m; i++) {
            if (!family.validMean(mu[i])) {
                return "μ = " + mu[i] + " at row " + i;
            }
        }
        return "objective " + objective;
    }

    /**
     * (AᵀWA)⁻¹ at the final μ, unpenalized (k×k row-major), or null when that matrix is singular: the unscaled
     * covariance of the estimates.
     */
    double[] unscaledCovariance() {
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            double gp = link.derivative(mu[i]);
            w[i] = s[i] / (gp * gp * family.variance(mu[i]));
        }
        double[] g = new double[k * k];
        backend.gram(m, k, a, 0, k, w, 0, g, 0, k);
        if (backend.cholesky(k, g, 0, k) != 0) {
            return null;
        }
        double[] inv = new double[k * k];
        for (int j = 0; j < k; j++) {
            inv[j * k + j] = 1;
        }
        backend.choleskySolve(k, k, g, 0, k, inv, 0, k);
        return inv;
    }

    /** IRLS could not produce a usable result: numerical failure, wrapped in a FitException by the caller. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }
}
