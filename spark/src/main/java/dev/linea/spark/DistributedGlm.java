package dev.linea.spark;

import dev.linea.kernels.Backend;
import dev.linea.models.FitException;
import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.glm.Family;
import dev.linea.models.glm.GeneralizedLinearModel;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.GlmStatistics;
import dev.linea.models.glm.Irls;
import dev.linea.models.glm.IrlsData;
import dev.linea.models.glm.IrlsSums;
import dev.linea.models.glm.Link;
import dev.linea.models.glm.Tweedie;
import org.apache.spark.api.java.JavaRDD;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A generalized linear model over a Spark dataset, with the options, objective and IRLS of the single-machine
 * {@link GeneralizedLinearModel}: Poisson, Gamma, Tweedie and Gaussian families with any {@link Link}, sample
 * (frequency) weights ({@link DistributedData#withWeights}), offsets ({@link DistributedData#withOffset}: the linear
 * predictor is {@code η = o + b + Xβ}, exposure as {@code o = log(exposure)}), an unpenalized intercept and the L2
 * penalty α. It minimizes {@code F = Σ s_i·d(y_i, μ_i) + α·Σs·‖β‖²}.
 *
 * <p>Every IRLS iteration is one Spark job: each block forms its part of the weighted Gram matrix AᵀWA (working
 * weights, A = [1, X]), of AᵀW·z (working response) and of the deviance at the new β, by the backend's weighted
 * {@code gram} and {@code gemv}; the partial sums are merged by a tree reduction in fixed partition order and the driver adds the
 * penalty and solves by Cholesky on the backend. The iteration is the single machine's own {@link Irls} (this class
 * only supplies its passes, {@link IrlsData}, and the per-block formulas are the models' {@code IrlsBlock}): observed information
 * (Newton–Raphson) when all its weights are positive, else Fisher scoring (one more pass at that β); the start
 * μ = (y + ȳ)/2; step halving towards the previous β when F rises or μ leaves the domain (one pass per halving);
 * the same stopping rule, {@code |F_old − F|/(|F| + 0.1) < tolerance}; the same failures (singular Gram matrix
 * naming the column, divergence) as a {@link FitException}. Then one pass for the statistics at the final β (Pearson
 * χ², null deviance, the covariance's Gram matrix) and one for the log-likelihood. The driver holds 3 k×k matrices
 * (k = features + 1), checked before any job.
 *
 * <p>The null deviance is that of the intercept-only model with the same weights and offsets, as on one machine:
 * μ = ȳ when no offset is nonzero (counted in the first pass), else the intercept-only model's own IRLS, run by the
 * same {@link Irls} over Spark passes (one per iteration, a few), whose failure leaves the null deviance NaN with a
 * note. The per-row fitted values stay with the data, so the result is a {@link DistributedGlmResult} rather than a
 * {@code GlmResult}, with the same {@link LinearModel} as linear predictor (its predictions have offset 0) and the
 * same {@link GlmStatistics}.
 *
 * <p>The blocks are cached for the duration of the fit (memory and disk, released afterwards) unless the data
 * were already {@link DistributedData#cache() cached}; the report's notes say which, and how many passes ran.
 */
public final class DistributedGlm {
    private static final System.Logger LOG = System.getLogger(DistributedGlm.class.getName());

    private final GlmOptions options;

    public DistributedGlm(GlmOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public GlmOptions options() {
        return options;
    }

    /**
     * @throws IllegalArgumentException for a bad row (partition, row and column named: a null or non-finite offset
     *                                  too), a label outside the family's support, no rows, nothing to fit
     * @throws FitException             when the weighted Gram matrix is singular (naming the column), IRLS diverges,
     *                                  or no valid start exists
     */
    public DistributedGlmResult fit(DistributedData data) {
        Objects.requireNonNull(data, "data");
        long t0 = System.nanoTime();
        int n = data.cols();
        boolean icpt = options.fitIntercept();
        int k = DistributedData.parameters(n, icpt);
        data.requireFewColumns("a GLM (IRLS solves a dense working system)");
        DriverMemory.check(k, 3, "GLM");
        return data.withCache((d, ownCache) -> new Run(d, ownCache, n, k, icpt, t0).fit());
    }

    /** One fit's state: the models' {@link Irls} with every pass a Spark job. */
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
        double ybar;

        Run(DistributedData data, boolean ownCache, int n, int k, boolean intercept, long t0) {
            this.data = data;
            this.ownCache = ownCache;
            this.n = n;
            this.k = k;
            this.intercept = intercept;
            this.t0 = t0;
            this.blocks = data.blocksWithOffsets();
            this.family = options.family();
            this.link = options.link();
            this.model = new GlmPasses.Model(data.executorBackend(), n, intercept, family, link);
            this.backend = data.driverBackend();
            if (intercept) {
                names.add("intercept");
            }
            names.addAll(data.featureNames());
        }

        /** The {@link Irls} passes of a model (the fit's, or the intercept-only one of the null deviance). */
        final class Passes implements IrlsData {
            private final GlmPasses.Model md;

            Passes(GlmPasses.Model md) {
                this.md = md;
            }

            /** One pass: the evaluation at β and the observed-information working system at its μ. */
            @Override
            public IrlsSums evaluate(double[] beta) {
                IrlsSums sums = GlmPasses.pass(blocks, md, beta, ybar, false);
                passes++;
                return sums;
            }

            /** The evaluation's own system, or one more pass for Fisher scoring. */
            @Override
            public IrlsSums workingSystem(double[] beta, IrlsSums at, boolean fisher) {
                if (!fisher && at.hasSystem()) {
                    return at;
                }
                IrlsSums sums = GlmPasses.pass(blocks, md, beta, ybar, fisher);
                passes++;
                return sums;
            }
        }

        /**
         * b₀ of the intercept-only model with the offsets (the single machine's null model: intercept, no penalty,
         * the fit's iteration limit and tolerance), or NaN with a note when its IRLS fails.
         */
        double nullIntercept() {
            int before = passes;
            Irls nul = new Irls(new Passes(new GlmPasses.Model(data.executorBackend(), 0, true, family, link)), backend,
                    family, link, 1, true, 0, ybar, List.of("intercept"));
            try {
                nul.run(options.maxIterations(), options.tolerance());
            } catch (Irls.Failure e) {
                notes.add("null deviance not available: " + e.getMessage());
                return Double.NaN;
            }
            notes.add("null deviance: intercept-only IRLS with the offsets, " + nul.iterations() + " iteration(s), "
                    + (passes - before) + " pass(es)");
            return nul.beta()[0];
        }

        DistributedGlmResult fit() {
            GlmPasses.Acc first = GlmPasses.start(blocks, model, data.labelColumn());
            passes++;
            rows = (long) first.rows;
            if (data.offsetColumn() != null) {
                notes.add("offset column '" + data.offsetColumn() + "': " + (long) first.offsets
                        + " row(s) with a nonzero offset");
            }
            if (first.rows == 0) {
                throw new IllegalArgumentException("the data have no rows: nothing to fit");
            }
            double sw = first.sumS;
            ybar = first.sumSy / sw;
            notes.add("family " + family.name() + (family instanceof Tweedie t ? " (power " + t.power() + ")" : "")
                    + ", link " + link.label() + ", alpha = " + options.alpha()
                    + (intercept ? ", intercept as a ones column" : ""));
            Irls irls = new Irls(new Passes(model), backend, family, link, k, intercept, options.alpha() * sw, ybar,
                    names);
            try {
                irls.run(options.maxIterations(), options.tolerance());
            } catch (Irls.Failure e) {
                List<String> all = new ArrayList<>(notes);
                DistributedLogisticRegression.addDistributedNotes(all, data, passes, ownCache, rows);
                FitReport report = new FitReport("glm", data.backendName(), "irls", irls.iterations(), false,
                        e.getMessage(), irls.history(), Duration.ofNanos(System.nanoTime() - t0), all);
                throw new FitException("GLM fit failed: " + e.getMessage(), report);
            }
            double[] beta = irls.beta();
            notes.addAll(irls.notes());
            if (!irls.converged()) {
                LOG.log(System.Logger.Level.WARNING, "distributed GLM: not converged after {0} iteration(s): {1}",
                        irls.iterations(), irls.status());
            }
            boolean unpenalized = options.alpha() == 0;
            double nullIntercept = first.offsets > 0 ? nullIntercept() : Double.NaN;
            boolean nullAvailable = first.offsets == 0 || !Double.isNaN(nullIntercept);
            GlmPasses.Acc st = GlmPasses.statistics(blocks, model, beta, ybar, nullIntercept, unpenalized);
            passes++;
            double nullDeviance = nullAvailable ? st.nullDeviance : Double.NaN;
            double[] cov = unpenalized ? Irls.inverse(backend, k, st.gram) : null;
            if (!unpenalized) {
                notes.add("alpha > 0: standard errors, tests and intervals are not computed (penalized estimates)");
            } else if (cov == null) {
                notes.add("the final weighted Gram matrix is singular: no standard errors");
            }
            double llScale = GlmStatistics.logLikelihoodScale(family, link, st.ssr, st.sumS,
                    GlmStatistics.dispersion(family, st.chi2, st.sumS, k));
            double logLik = GlmPasses.logLikelihood(blocks, model, beta, llScale);
            passes++;
            List<String> all = new ArrayList<>(notes);
            DistributedLogisticRegression.addDistributedNotes(all, data, passes, ownCache, rows);
            // the single machine's certificate, from the same IRLS: its relative Newton decrement
            FitReport report = new FitReport("glm", data.backendName(), "irls", irls.iterations(), irls.converged(),
                    irls.status(), irls.history(), Duration.ofNanos(System.nanoTime() - t0), all,
                    new dev.linea.models.Certificate(dev.linea.models.Certificate.Kind.NEWTON_DECREMENT,
                            irls.decrement(), options.tolerance(), Double.NaN));
            int o = intercept ? 1 : 0;
            LinearModel linear = new LinearModel(o == 1 ? beta[0] : 0, Arrays.copyOfRange(beta, o, k),
                    data.featureNames(), report);
            return new DistributedGlmResult(linear, new GlmStatistics(options, names, beta, sw, irls.deviance(),
                    nullDeviance, st.chi2, logLik, cov), rows, report, passes);
        }
    }
}
