package dev.linea.spark;

import dev.linea.kernels.Backend;
import dev.linea.models.FitException;
import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.glm.Family;
import dev.linea.models.glm.Gaussian;
import dev.linea.models.glm.GeneralizedLinearModel;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.Link;
import dev.linea.models.glm.Tweedie;
import org.apache.spark.api.java.JavaRDD;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A generalized linear model over a Spark dataset, with the options, objective and IRLS of the single-machine
 * {@link GeneralizedLinearModel}: Poisson, Gamma, Tweedie and Gaussian families with any {@link Link}, sample
 * (frequency) weights ({@link DistributedData#withWeights}), an unpenalized intercept and the L2 penalty α. It
 * minimizes {@code F = Σ s_i·d(y_i, μ_i) + α·Σs·‖β‖²}.
 *
 * <p>Every IRLS iteration is one Spark job: each block forms its part of the weighted Gram matrix AᵀWA (working
 * weights, A = [1, X]), of AᵀW·z (working response) and of the deviance at the new β, by the backend's weighted
 * {@code gram} and {@code gemv}; the partial sums are merged by a tree reduction in fixed partition order and the driver adds the
 * penalty and solves by Cholesky on the backend. The iteration is the single machine's: observed information
 * (Newton–Raphson) when all its weights are positive, else Fisher scoring (one more pass at that β); the start
 * μ = (y + ȳ)/2; step halving towards the previous β when F rises or μ leaves the domain (one pass per halving);
 * the same stopping rule, {@code |F_old − F|/(|F| + 0.1) < tolerance}; the same failures (singular Gram matrix
 * naming the column, divergence) as a {@link FitException}. Then one pass for the statistics at the final β (Pearson
 * χ², null deviance, the covariance's Gram matrix) and one for the log-likelihood. The driver holds 3 k×k matrices
 * (k = features + 1), checked before any job.
 *
 * <p><b>Not supported:</b> offsets (and so exposure); the null deviance is then the intercept-only deviance at
 * μ = ȳ, as on one machine without offsets. The per-row fitted values stay with the data, so the result is a
 * {@link DistributedGlmResult} rather than a {@code GlmResult}, with the same {@link LinearModel} as linear
 * predictor.
 *
 * <p>The blocks are cached for the duration of the fit (memory and disk, released afterwards) unless the data
 * were already {@link DistributedData#cache() cached}; the report's notes say which, and how many passes ran.
 */
public final class DistributedGlm {
    private static final System.Logger LOG = System.getLogger(DistributedGlm.class.getName());
    /** Relative Cholesky pivot below which the Gram matrix counts as singular (the single machine's 64·ε). */
    private static final double PIVOT_TOLERANCE = 64 * Math.ulp(1.0);
    private static final int MAX_HALVINGS = 30;

    private final GlmOptions options;

    public DistributedGlm(GlmOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public GlmOptions options() {
        return options;
    }

    /**
     * @throws IllegalArgumentException for a bad row (partition, row and column named), a label outside the family's
     *                                  support, no rows, nothing to fit
     * @throws FitException             when the weighted Gram matrix is singular (naming the column), IRLS diverges,
     *                                  or no valid start exists
     */
    public DistributedGlmResult fit(DistributedData data) {
        Objects.requireNonNull(data, "data");
        long t0 = System.nanoTime();
        int n = data.cols();
        boolean icpt = options.fitIntercept();
        if (n == 0 && !icpt) {
            throw new IllegalArgumentException("nothing to fit: 0 feature columns and fitIntercept is false");
        }
        int k = icpt ? n + 1 : n;
        DriverMemory.check(k, 3, "GLM");
        boolean ownCache = !data.isCached();
        DistributedData d = ownCache ? data.cache() : data;
        try {
            return new Run(d, ownCache, n, k, icpt, t0).fit();
        } finally {
            if (ownCache) {
                d.unpersist();
            }
        }
    }

    /** One fit's state: the single machine's {@code Irls}, pass by pass. */
    private final class Run {
        final DistributedData data;
        final boolean ownCache;
        final int n;
        final int k;
        final boolean intercept;
        final long t0;
        final JavaRDD<RowBlock> blocks;
        final GlmPasses.Model model;
        final Backend backend;
        final Family family;
        final Link link;
        final List<String> names = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        int passes;
        long rows;
        double lambda;
        double ybar;
        int iterations;
        boolean converged;
        String status = "not run";
        String startNote;
        double[] history = new double[0];

        Run(DistributedData data, boolean ownCache, int n, int k, boolean intercept, long t0) {
            this.data = data;
            this.ownCache = ownCache;
            this.n = n;
            this.k = k;
            this.intercept = intercept;
            this.t0 = t0;
            this.blocks = data.blocks();
            this.family = options.family();
            this.link = options.link();
            this.model = new GlmPasses.Model(data.backendName(), n, intercept, family,
                    link);
            this.backend = data.driverBackend();
            if (intercept) {
                names.add("intercept");
            }
            names.addAll(data.featureNames());
        }

        /** An evaluated β: F, its validity, the working system at its μ. */
        private record Point(double[] beta, GlmPasses.Acc acc, double deviance, double objective, boolean ok) {
        }

        DistributedGlmResult fit() {
            GlmPasses.Acc first = GlmPasses.start(blocks, model, data.labelColumn());
            passes++;
            rows = (long) first.rows;
            if (first.rows == 0) {
                throw new IllegalArgumentException("the data have no rows: nothing to fit");
            }
            double sw = first.sumS;
            ybar = first.sumSy / sw;
            lambda = options.alpha() * sw;
            notes.add("family " + family.name() + (family instanceof Tweedie t ? " (power " + t.power() + ")" : "")
                    + ", link " + link.label() + ", alpha = " + options.alpha()
                    + (intercept ? ", intercept as a ones column" : ""));
            double[] beta;
            double deviance;
            try {
                Point last = irls(options.maxIterations(), options.tolerance());
                beta = last.beta;
                deviance = last.deviance;
            } catch (Failure e) {
                throw failure(e.getMessage());
            }
            if (startNote != null) {
                notes.add(startNote);
            }
            if (!converged) {
                notes.add("WARNING: not converged: " + status);
                LOG.log(System.Logger.Level.WARNING, "distributed GLM: not converged after {0} iteration(s): {1}",
                        iterations, status);
            }
            boolean unpenalized = options.alpha() == 0;
            GlmPasses.Acc st = GlmPasses.statistics(blocks, model, beta, ybar, unpenalized);
            passes++;
            double[] cov = unpenalized ? inverse(st.gram) : null;
            if (!unpenalized) {
                notes.add("alpha > 0: standard errors, tests and intervals are not computed (penalized estimates)");
            } else if (cov == null) {
                notes.add("the final weighted Gram matrix is singular: no standard errors");
            }
            double dispersion = family.estimatesDispersion() ? st.chi2 / (st.sumS - k) : 1;
            double llScale = family instanceof Gaussian && link == Link.IDENTITY ? st.ssr / st.sumS : dispersion;
            double logLik = GlmPasses.logLikelihood(blocks, model, beta, llScale);
            passes++;
            List<String> all = new ArrayList<>(notes);
            DistributedLogisticRegression.addDistributedNotes(all, data, passes, ownCache, rows);
            FitReport report = new FitReport("glm", data.backendName(), "irls", iterations, converged, status,
                    history, Duration.ofNanos(System.nanoTime() - t0), all);
            int o = intercept ? 1 : 0;
            LinearModel linear = new LinearModel(o == 1 ? beta[0] : 0, Arrays.copyOfRange(beta, o, k),
                    data.featureNames(), report);
            return new DistributedGlmResult(options, linear, names, beta, deviance, st.nullDeviance, st.chi2,
                    dispersion, logLik, cov, rows, sw, report, passes);
        }

        /** The single machine's {@code Irls.iterate}; @return the last accepted point. */
        private Point irls(int maxIterations, double tol) {
            double[] hist = new double[maxIterations];
            int accepted = 0;
            try {
                GlmPasses.Acc system = GlmPasses.pass(blocks, model, null, ybar, false);
                passes++;
                if (system.invalid > 0) {
                    throw new Failure("no valid starting mean: (y + ȳ)/2 = " + system.invalidMu + " at "
                            + system.invalidWhere() + " and ȳ = " + ybar + " are outside the domain of the "
                            + family.name() + " family with the " + link.label() + " link");
                }
                double[] prevBeta = null;
                double prevObjective = Double.NaN;
                Point prevPoint = null;
                Point cur = null;
                status = "iteration limit " + maxIterations + " reached";
                for (int it = 1; it <= maxIterations; it++) {
                    iterations = it;
                    system = workingSystem(system, cur == null ? null : cur.beta, it);
                    cur = evaluate(solve(system));
                    if (prevBeta == null && !cur.ok) {
                        String invalid = invalidRow(cur);
                        Point firstStep = cur;
                        Point start = interceptOnlyStart();
                        if (start == null) {
                            throw new Failure("the first IRLS step gives a mean outside the " + family.name()
                                    + " family's domain (" + invalid + "); try another link or rescale the features");
                        }
                        prevBeta = start.beta;
                        prevPoint = start;
                        prevObjective = start.objective;
                        startNote = "the first IRLS step left the domain (" + invalid + "): halved towards the"
                                + " intercept-only fit";
                        cur = firstStep;
                    }
                    int halvings = 0;
                    while (prevBeta != null && worse(cur, prevObjective, tol) && halvings < MAX_HALVINGS) {
                        double[] half = new double[k];
                        for (int j = 0; j < k; j++) {
                            half[j] = 0.5 * (cur.beta[j] + prevBeta[j]);
                        }
                        cur = evaluate(half);
                        halvings++;
                    }
                    if (prevBeta != null && worse(cur, prevObjective, tol)) {
                        cur = prevPoint;
                        status = "step halving (" + MAX_HALVINGS + " times) could not decrease the objective at"
                                + " iteration " + it + "; stopped at the previous iterate";
                        break;
                    }
                    hist[accepted++] = cur.objective;
                    if (prevBeta != null) {
                        double change = Math.abs(prevObjective - cur.objective) / (Math.abs(cur.objective) + 0.1);
                        if (change < tol) {
                            converged = true;
                            status = String.format(Locale.ROOT, "relative change of the %s %.2e < tol %.1e",
                                    lambda > 0 ? "penalized deviance" : "deviance", change, tol);
                            break;
                        }
                    }
                    prevBeta = cur.beta.clone();
                    prevPoint = cur;
                    prevObjective = cur.objective;
                    system = cur.acc;
                }
                return cur;
            } finally {
                history = Arrays.copyOf(hist, accepted);
            }
        }

        private boolean worse(Point p, double prevObjective, double tol) {
            return !p.ok || p.objective - prevObjective > tol * (Math.abs(prevObjective) + 0.1);
        }

        /**
         * The working system to solve at this iteration: the pass's (observed information) when all its weights
         * are positive, else one more pass with Fisher scoring; a non-finite weight or response is divergence.
         */
        private GlmPasses.Acc workingSystem(GlmPasses.Acc system, double[] beta, int it) {
            GlmPasses.Acc s = system;
            if (s.badQ > 0) {
                s = GlmPasses.pass(blocks, model, beta, ybar, true);
                passes++;
            }
            if (s.nonFinite > 0) {
                throw new Failure("IRLS diverged at iteration " + it + ": working weight " + s.nonFiniteW
                        + " and response " + s.nonFiniteZ + " at " + s.nonFiniteWhere() + " (μ = " + s.nonFiniteMu
                        + ")");
            }
            return s;
        }

        /** One pass at β: deviance, F, validity, and the working system at its μ. */
        private Point evaluate(double[] beta) {
            GlmPasses.Acc acc = GlmPasses.pass(blocks, model, beta, ybar, false);
            passes++;
            boolean ok = acc.invalid == 0;
            double deviance = ok ? acc.deviance : Double.NaN;
            double pen = 0;
            for (int j = intercept ? 1 : 0; j < k; j++) {
                pen += beta[j] * beta[j];
            }
            double objective = deviance + lambda * pen;
            return new Point(beta, acc, deviance, objective, ok && Double.isFinite(objective));
        }

        /** β₀ = (g(ȳ), 0, …, 0) evaluated, or null without intercept, outside the domain or invalid. */
        private Point interceptOnlyStart() {
            if (!intercept) {
                return null;
            }
            if (!(family.validMean(ybar) && Double.isFinite(link.link(ybar))
                    && Double.isFinite(link.derivative(ybar)))) {
                return null;
            }
            double[] b0 = new double[k];
            b0[0] = link.link(ybar);
            Point p = evaluate(b0);
            return p.ok ? p : null;
        }

        private String invalidRow(Point p) {
            return p.acc.invalid > 0 ? "μ = " + p.acc.invalidMu + " at " + p.acc.invalidWhere()
                    : "objective " + p.objective;
        }

        /** (AᵀWA + λP)⁻¹·AᵀW·z from the pass's sums. */
        private double[] solve(GlmPasses.Acc system) {
            double[] g = system.gram.clone();
            for (int j = intercept ? 1 : 0; j < k; j++) {
                g[j * k + j] += lambda;
            }
            double[] out = system.rhs.clone();
            factor(g);
            backend.choleskySolve(k, 1, g, 0, k, out, 0, 1);
            return out;
        }

        /** Cholesky of g in place, or a Failure naming the first dependent column (as the single machine). */
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
            for (int j = 0; j < k; j++) {
                double ljj = g[j * k + j];
                if (ljj * ljj <= PIVOT_TOLERANCE * k * diag[j]) {
                    throw new Failure("the weighted Gram matrix is numerically singular at iteration " + iterations
                            + ": column '" + names.get(j) + "' is a combination of the earlier ones (relative pivot "
                            + String.format(Locale.ROOT, "%.1e", ljj * ljj / diag[j]) + ")");
                }
            }
        }

        /** (AᵀWA)⁻¹, or null when singular. */
        private double[] inverse(double[] gram) {
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

        private FitException failure(String message) {
            List<String> all = new ArrayList<>(notes);
            DistributedLogisticRegression.addDistributedNotes(all, data, passes, ownCache, rows);
            FitReport report = new FitReport("glm", data.backendName(), "irls", iterations, false, message,
                    history, Duration.ofNanos(System.nanoTime() - t0), all);
            return new FitException("GLM fit failed: " + message, report);
        }
    }

    /** IRLS could not produce a usable result (wrapped in a FitException). */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }
}
