package dev.linea.models.glm;

import dev.linea.kernels.Backend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Iteratively reweighted least squares (Newton–Raphson where its weights are positive, else Fisher scoring; see
 * {@link IrlsBlock#workingSystem}) for a GLM with an optional L2 penalty, on a design {@code A} (m×k) that already
 * holds the intercept as its first column of ones when there is one. Each iteration, with working weights and
 * response at the current μ
 * <pre>
 *   W_i = s_i·q_i / (g'(μ_i)²·V(μ_i)),   z_i = η_i − o_i + g'(μ_i)·(y_i − μ_i)/q_i   (q = 1: Fisher scoring)
 *   (AᵀWA + λ·P)·β = AᵀW·z,          λ = α·Σs,  P = diag(0 for the intercept, 1 for the features)
 * </pre>
 * is solved by Cholesky on the backend. The fixed point is the stationary point of
 * {@code F(β) = Σ s_i·d(y_i, μ_i) + λ·‖Pβ‖²} (2·Σs times scikit-learn's objective). When F increases by more than
 * the tolerance, {@code F − F_old > tol·(|F_old| + 0.1)}, or μ leaves the family's domain, the step is halved
 * towards the previous β (up to {@link #MAX_HALVINGS} times). The start is statsmodels': μ = (y + ȳ)/2; when the
 * first step leaves the domain it is halved towards the intercept-only fit {@code β₀ = (g(ȳ), 0, …, 0)}. It stops
 * when {@code |F_old − F|/(|F| + 0.1) < tol} (the objective has settled: that alone leaves β about √tol away from
 * the optimum) and then the relative Newton decrement {@code sqrt(ΔᵀHΔ/(|F| + 0.1))} of the next step Δ is at most
 * tol too, taking further Newton steps until it is: the returned β is certified within about tol of the optimum,
 * relative, in the Hessian's norm, whatever the scale of the columns. The check costs one pass more than the
 * objective test alone; its system, formed at the returned β, is the expected information there when the link is
 * canonical ({@link #expectedInformation()}), which the covariance then reuses instead of a pass of its own.
 * In the quadratic region (the relative decrement of the last step at most {@link #CHORD_CONTRACTION} times the one
 * before, and that ratio times the last decrement still above tol) a step is a chord step instead: the kept Cholesky
 * factor of the last {@code AᵀWA + λP} with the score at β ({@link IrlsData#gradient}: one read of the rows, no
 * Gram), accepted or halved like any step (a halving drops the factor); the certificate is always a fresh system's.
 *
 * <p>The rows are reached only through {@link IrlsData}, one pass per evaluation: a loop over the local rows for
 * {@link GeneralizedLinearModel}, one job per pass for a distributed fit. Afterwards the accessors describe the last
 * accepted iterate; a failure (no valid start, singular Gram matrix, divergence) is an {@link Failure}, after which
 * {@link #iterations()} and {@link #history()} still tell how far it got. Not thread-safe: one instance per fit.
 */
public final class Irls {
    /** Relative Cholesky pivot (per column) below which the Gram matrix counts as singular: 64·ε, as Ridge. */
    private static final double PIVOT_TOLERANCE = 64 * Math.ulp(1.0);
    /**
     * A chord step is taken only while the relative decrement has been shrinking at least this fast per step: the
     * quadratic region, where {@code AᵀWA} barely changes and a kept factor contracts about as much as a fresh one.
     */
    static final double CHORD_CONTRACTION = 0.25;
    /** Step halvings per iteration at most. */
    public static final int MAX_HALVINGS = 30;

    private final IrlsData data;
    private final Backend backend;
    private final Family family;
    private final Link link;
    private final int k;
    private final boolean intercept;
    private final double lambda;
    private final double ybar;
    private final List<String> names;

    private double[] beta;
    private double deviance = Double.NaN;
    private int iterations;
    private boolean converged;
    private String status = "not run";
    private String startNote;
    private double[] history = new double[0];
    private double decrement = Double.NaN;
    /** The Cholesky factor of the last solved {@code AᵀWA + λP}, kept for chord steps, or null. */
    private double[] factor;
    /** The relative decrement of the last chord step. */
    private double chordDecrement;
    /** Chord steps taken. */
    private int chordSteps;
    /** The working system formed at the returned β (the certifying one), or null when there is none. */
    private IrlsSums finalSystem;

    /**
     * @param data      the passes over the rows
     * @param backend   solves the k×k systems (cholesky, choleskySolve)
     * @param family    the family: V(μ), the deviance, the domain
     * @param link      the link g
     * @param k         coefficients (columns of A)
     * @param intercept whether A's first column is the (unpenalized) intercept's ones
     * @param lambda    λ = α·Σs ≥ 0, the penalty's weight
     * @param ybar      the weighted mean of y, {@code Σ s_i·y_i / Σ s_i}
     * @param names     the k coefficients' names, for messages
     */
    public Irls(IrlsData data, Backend backend, Family family, Link link, int k, boolean intercept, double lambda,
                double ybar, List<String> names) {
        this.data = Objects.requireNonNull(data, "data");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.family = Objects.requireNonNull(family, "family");
        this.link = Objects.requireNonNull(link, "link");
        this.k = k;
        this.intercept = intercept;
        this.lambda = lambda;
        this.ybar = ybar;
        this.names = List.copyOf(names);
    }

    /** An evaluated β: its pass, F and whether it is valid. */
    private record Point(double[] beta, IrlsSums sums, double deviance, double objective, boolean ok) {
    }

    /**
     * Runs IRLS; afterwards the accessors describe the last accepted iterate, and {@link #history()} holds F per
     * accepted iterate (also when a {@link Failure} is thrown).
     *
     * @param maxIterations iterations at most
     * @param tol           the relative tolerance of the stopping rule and of the step-halving test
     * @throws Failure when there is no valid start, the weighted Gram matrix is singular, or IRLS diverges
     */
    public void run(int maxIterations, double tol) {
        double[] hist = new double[maxIterations];
        int[] accepted = {0};
        try {
            Point last = iterate(maxIterations, tol, hist, accepted);
            beta = last.beta.clone();
            deviance = last.deviance;
        } finally {
            history = Arrays.copyOf(hist, accepted[0]);
        }
    }

    private Point iterate(int maxIterations, double tol, double[] hist, int[] accepted) {
        IrlsSums start = data.evaluate(null);
        if (start.invalid > 0) {
            throw new Failure("no valid starting mean: (y + ȳ)/2 = " + start.invalidMu + " at "
                    + start.invalidWhere() + " and ȳ = " + ybar + " are outside the domain of the " + family.name()
                    + " family with the " + link.label() + " link");
        }
        Point prev = null;
        Point cur = new Point(null, start, Double.NaN, Double.NaN, true);
        status = "iteration limit " + maxIterations + " reached";
        String settled = null;
        // The chord state: the last step's relative decrement and its ratio to the one before (NaN: unknown).
        double lastDecrement = Double.NaN;
        double rate = Double.NaN;
        for (int it = 1; it <= maxIterations; it++) {
            iterations = it;
            double[] next = null;
            if (factor != null && rate < CHORD_CONTRACTION && lastDecrement * rate > tol) {
                next = chordStep(cur);
                if (next != null) {
                    double d = chordDecrement;
                    rate = d / lastDecrement;
                    lastDecrement = d;
                    chordSteps++;
                }
            }
            if (next == null) {
                IrlsSums system = workingSystem(cur, it);
                next = solve(system);
                if (cur.beta != null) {
                    double d = relativeDecrement(system, cur, next);
                    if (settled != null) {
                        // the objective has settled; certify with the Newton step from here, or take it
                        decrement = d;
                        if (decrement <= tol) {
                            finalSystem = system;
                            converged = true;
                            iterations = it - 1;
                            status = settled + String.format(Locale.ROOT,
                                    "; relative Newton decrement %.2e <= tol %.1e", decrement, tol)
                                    + (chordSteps > 0 ? "; " + chordSteps + " chord step(s) on a kept AᵀWA" : "");
                            return cur;
                        }
                    }
                    rate = d / lastDecrement;
                    lastDecrement = d;
                }
            }
            cur = evaluate(next);
            if (prev == null && !cur.ok) {
                // The start μ = (y + ȳ)/2 has no β to halve towards; with an intercept, the intercept-only
                // β₀ = (g(ȳ), 0, …, 0) is one (valid when g⁻¹(g(ȳ) + o) is in the domain).
                String invalid = cur.sums.invalid > 0 ? "μ = " + cur.sums.invalidMu + " at " + cur.sums.invalidWhere()
                        : "objective " + cur.objective;
                prev = interceptOnlyStart();
                if (prev == null) {
                    throw new Failure("the first IRLS step gives a mean outside the " + family.name() + " family's"
                            + " domain (" + invalid + "); " + (link == family.defaultLink() ? "rescale the features"
                            : "use the " + family.name() + " family's own link, " + family.defaultLink().label()
                            + ", whose mean is in the domain for every coefficient, or rescale the features"));
                }
                startNote = "the first IRLS step left the domain (" + invalid + "): halved towards the"
                        + " intercept-only fit";
            }
            int halvings = 0;
            while (prev != null && worse(cur, prev, tol) && halvings < MAX_HALVINGS) {
                double[] half = new double[k];
                for (int j = 0; j < k; j++) {
                    half[j] = 0.5 * (cur.beta[j] + prev.beta[j]);
                }
                cur = evaluate(half);
                halvings++;
            }
            if (halvings > 0) {
                factor = null; // a step that needed halving: the kept factor no longer serves chord steps
                rate = Double.NaN;
            }
            if (prev != null && worse(cur, prev, tol)) {
                status = "step halving (" + MAX_HALVINGS + " times) could not decrease the objective at iteration "
                        + it + "; stopped at the previous iterate";
                return prev;
            }
            hist[accepted[0]++] = cur.objective;
            if (prev != null) {
                double change = Math.abs(prev.objective - cur.objective) / (Math.abs(cur.objective) + 0.1);
                settled = change < tol ? String.format(Locale.ROOT, "relative change of the %s %.2e < tol %.1e",
                        lambda > 0 ? "penalized deviance" : "deviance", change, tol) : null;
            }
            prev = cur;
        }
        // the limit: measure where it stopped (one more pass), so that the report says how far off it is
        if (cur.beta != null && cur.ok) {
            IrlsSums system = workingSystem(cur, iterations);
            decrement = relativeDecrement(system, cur, solve(system));
            finalSystem = system;
        }
        return cur;
    }

    /**
     * The relative Newton decrement {@code sqrt(ΔᵀHΔ / (|F| + 0.1))} at the point, Δ = next − β the IRLS (Newton
     * or Fisher scoring) step and H = AᵀWA + λP the system it solved: H is the Hessian of F/2, so ΔᵀHΔ estimates
     * F − F* to second order. Invariant under any rescaling of A's columns.
     */
    private double relativeDecrement(IrlsSums system, Point at, double[] next) {
        double[] d = new double[k];
        for (int j = 0; j < k; j++) {
            d[j] = next[j] - at.beta[j];
        }
        double q = 0;
        for (int i = 0; i < k; i++) {
            double hd = 0;
            for (int j = 0; j < k; j++) {
                hd += system.gram[i * k + j] * d[j];
            }
            if (i >= (intercept ? 1 : 0)) {
                hd += lambda * d[i];
            }
            q += d[i] * hd;
        }
        return Math.sqrt(Math.max(q, 0) / (Math.abs(at.objective) + 0.1));
    }

    private static boolean worse(Point p, Point prev, double tol) {
        return !p.ok || p.objective - prev.objective > tol * (Math.abs(prev.objective) + 0.1);
    }

    /**
     * The working system at the point: the observed information when all its weights are positive, else Fisher
     * scoring; a non-finite weight or response is divergence.
     */
    private IrlsSums workingSystem(Point at, int it) {
        IrlsSums s = data.workingSystem(at.beta, at.sums, false);
        if (s.needsFisher()) {
            s = data.workingSystem(at.beta, at.sums, true);
        }
        if (s.nonFinite > 0) {
            throw new Failure("IRLS diverged at iteration " + it + ": working weight " + s.nonFiniteW
                    + " and response " + s.nonFiniteZ + " at " + s.nonFiniteWhere() + " (μ = " + s.nonFiniteMu + ")");
        }
        return s;
    }

    /** One pass at β: deviance, F = deviance + λ·‖Pβ‖², validity. */
    private Point evaluate(double[] b) {
        IrlsSums sums = data.evaluate(b);
        boolean ok = sums.invalid == 0;
        double dev = ok ? sums.deviance : Double.NaN;
        double pen = 0;
        for (int j = intercept ? 1 : 0; j < k; j++) {
            pen += b[j] * b[j];
        }
        double objective = dev + lambda * pen;
        return new Point(b, sums, dev, objective, ok && Double.isFinite(objective));
    }

    /** β₀ = (g(ȳ), 0, …, 0) evaluated, or null without intercept, with ȳ outside the domain, or when invalid. */
    private Point interceptOnlyStart() {
        if (!intercept || !IrlsBlock.validStart(family, link, ybar)) {
            return null;
        }
        double[] b0 = new double[k];
        b0[0] = link.link(ybar);
        Point p = evaluate(b0);
        return p.ok ? p : null;
    }

    /** (AᵀWA + λP)⁻¹·AᵀW·z from the pass's sums. */
    private double[] solve(IrlsSums system) {
        double[] g = system.gram.clone();
        for (int j = intercept ? 1 : 0; j < k; j++) {
            g[j * k + j] += lambda;
        }
        double[] out = system.rhs.clone();
        try {
            factor(g);
        } catch (Failure singular) {
            String edge = domainEdge(system);
            throw edge == null ? singular : new Failure(edge);
        }
        backend.choleskySolve(k, 1, g, 0, k, out, 0, 1);
        factor = g;
        return out;
    }

    /**
     * A chord step from the point with the kept factor of {@code AᵀWA + λP} (formed at an earlier iterate):
     * {@code Δ = (AᵀWA + λP)⁻¹·(Aᵀr − λPβ)}, r the score's row terms ({@link IrlsData#gradient}), one read of X and
     * no Gram. Sets {@link #chordDecrement} to {@code sqrt(Δᵀ(Aᵀr − λPβ)/(|F| + 0.1))}, the relative decrement in
     * the kept matrix's norm.
     *
     * @return β + Δ, or null when the score is not available (a non-finite row term)
     */
    private double[] chordStep(Point at) {
        double[] g = data.gradient(at.beta, at.sums);
        if (g == null) {
            return null;
        }
        for (int j = intercept ? 1 : 0; j < k; j++) {
            g[j] -= lambda * at.beta[j];
        }
        double[] step = g.clone();
        backend.choleskySolve(k, 1, factor, 0, k, step, 0, 1);
        double q = 0;
        double[] next = new double[k];
        for (int j = 0; j < k; j++) {
            q += step[j] * g[j];
            next[j] = at.beta[j] + step[j];
        }
        chordDecrement = Math.sqrt(Math.max(q, 0) / (Math.abs(at.objective) + 0.1));
        return next;
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
                        + String.format(Locale.ROOT, "%.1e", ljj * ljj / diag[j]) + ")");
            }
        }
    }

    /** Working weights spread wider than this make the Gram matrix singular whatever the columns are. */
    private static final double WEIGHT_SPREAD = 1e10;

    /**
     * When the Gram matrix is singular because of the weights rather than the columns: a mean μ_i that approaches
     * the edge of the family's domain (μ → 0 for Poisson, Gamma and Tweedie) under a link that lets it (identity,
     * inverse) gets the weight W_i = s_i/(V(μ_i)·g'(μ_i)²) → ∞, which drowns every other row; the maximum-likelihood
     * fit under that link wants μ_i ≤ 0 there. Returns the diagnosis, or null when the weights are not the cause.
     */
    private String domainEdge(IrlsSums s) {
        if (!(s.maxWeight > WEIGHT_SPREAD * s.minWeight) || link == family.defaultLink()) {
            return null;
        }
        return "IRLS failed at iteration " + iterations + ": the mean μ = "
                + String.format(Locale.ROOT, "%.3g", s.edgeMu) + " at " + s.edgeWhere()
                + " has reached the edge of the " + family.name() + " family's domain: with the " + link.label()
                + " link the best fit wants a mean μ <= 0 there, which the family does not allow; the working weights"
                + " 1/(V(μ)·g'(μ)²) then span a factor of " + String.format(Locale.ROOT, "%.1e",
                s.maxWeight / s.minWeight) + ", which makes the weighted Gram matrix singular (not a dependent"
                + " column); use the " + family.name()
                + " family's own link, " + family.defaultLink().label() + ", whose mean is positive for every"
                + " coefficient";
    }

    /**
     * {@code G⁻¹} for a symmetric positive definite k×k matrix G (the unscaled covariance from the expected
     * information {@code AᵀWA}), by Cholesky on the backend.
     *
     * @param backend factors and solves
     * @param k       the order of G
     * @param gram k×k, row-major; not modified
     * @return a new k×k matrix, or null when the Cholesky factorization fails (G singular)
     */
    public static double[] inverse(Backend backend, int k, double[] gram) {
        double[] g = gram.clone();
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

    /** @return the coefficients of the last accepted iterate (a copy), or null before a successful run */
    public double[] beta() {
        return beta == null ? null : beta.clone();
    }

    /**
     * The largest relative difference {@code max |q_i − 1|} between the observed and the expected information's
     * row weights for which {@link #expectedInformation()} hands out the certifying system: {@code AᵀW_obsA} then
     * equals {@code AᵀW_expA} within that factor in every direction ({@code xᵀ(G_obs − G_exp)x ≤ δ·xᵀG_exp·x}), and
     * so does its inverse, far below any standard error's own precision. A canonical link (Poisson with log,
     * Gaussian with identity) has q = 1 up to rounding.
     */
    static final double EXPECTED_SHIFT = 1e-10;

    /**
     * The expected information {@code AᵀWA} (W_i = s_i/(g'(μ_i)²·V(μ_i)), no penalty) at {@link #beta()}, taken from
     * the working system that certified it, so that the covariance needs no pass of its own: available when that
     * system was Fisher scoring's, or the observed information with weights within {@link #EXPECTED_SHIFT} of the
     * expected ones (a canonical link); else null (form it with a pass at β).
     *
     * @return a new k×k row-major matrix, or null
     */
    public double[] expectedInformation() {
        if (finalSystem == null || beta == null || !(finalSystem.maxObservedShift <= EXPECTED_SHIFT)) {
            return null;
        }
        return finalSystem.gram.clone();
    }

    /** @return Σ s_i·d(y_i, μ_i) at {@link #beta()} */
    public double deviance() {
        return deviance;
    }

    /** @return iterations run (including the one that failed, after a failure) */
    public int iterations() {
        return iterations;
    }

    /**
     * @return the relative Newton decrement at {@link #beta()} (see {@link dev.linea.models.Certificate.Kind#NEWTON_DECREMENT}),
     *         or NaN when it was not measured (a failure)
     */
    public double decrement() {
        return decrement;
    }

    /** @return true when the stopping rule was met */
    public boolean converged() {
        return converged;
    }

    /** @return why it stopped, in words, with the numbers */
    public String status() {
        return status;
    }

    /** @return a note when the first step was halved towards the intercept-only fit, else null */
    public String startNote() {
        return startNote;
    }

    /**
     * @return the notes for the fit's report: the start note when the first step was halved towards the
     *         intercept-only fit, and a WARNING with the status when it did not converge (a new list)
     */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (startNote != null) {
            notes.add(startNote);
        }
        if (!converged) {
            notes.add("WARNING: not converged: " + status);
        }
        return notes;
    }

    /** @return F per accepted iterate (a copy) */
    public double[] history() {
        return history.clone();
    }

    /** IRLS could not produce a usable result: numerical failure, wrapped in a FitException by the caller. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param message what failed, with the numbers */
        public Failure(String message) {
            super(message, null, false, false);
        }
    }
}
