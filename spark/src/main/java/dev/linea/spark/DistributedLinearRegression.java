package dev.linea.spark;

import dev.linea.kernels.Backend;
import dev.linea.models.FitException;
import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.SufficientStatistics;
import dev.linea.models.metrics.ScaledSquares;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.NormalEquationsFit;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsSolver;
import dev.linea.models.ols.ResidualPass;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Ordinary (weighted) least squares over a Spark dataset, with the options of the single-machine
 * {@link LinearRegression}:
 * <ul>
 *   <li>{@link OlsSolver#NORMAL_EQUATIONS}: one pass for the centred moments ({@link Moments}: XᵀWX, XᵀWy, yᵀWy
 *       and the means, merged by a tree reduction in fixed order, {@link OrderedTree}), the single machine's normal-equations solver on the
 *       driver, then one pass per refinement step (residuals in double-double);</li>
 *   <li>{@link OlsSolver#QR} and {@link OlsSolver#PIVOTED_QR}: one pass for the tall-skinny QR factor
 *       ({@link TallSkinnyR}), then refinement passes ({@link TsqrSolve}); QR's accuracy without forming XᵀX.
 *       PIVOTED_QR drops dependent columns (coefficient 0), QR reports them as a {@link FitException};</li>
 *   <li>{@link OlsSolver#AUTO}: the normal equations when the estimated condition number of the centred, scaled
 *       design is at most {@link LinearRegression#NORMAL_EQUATIONS_MAX_CONDITION}, else the QR path (one more
 *       pass), dropping dependent columns.</li>
 * </ul>
 * The number of features is limited only by the driver, which holds a few k×k matrices (k = features + 2):
 * 8·k² bytes each, checked before any job ({@link DriverMemory}). Passes read the source each time unless the
 * data were {@link DistributedData#cache() cached}.
 */
public final class DistributedLinearRegression {
    private static final System.Logger LOG = System.getLogger(DistributedLinearRegression.class.getName());

    private final OlsOptions options;

    public DistributedLinearRegression() {
        this(OlsOptions.defaults());
    }

    public DistributedLinearRegression(OlsOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public OlsOptions options() {
        return options;
    }

    /**
     * @throws IllegalArgumentException for a bad row (partition, row and column named), no rows, all-zero weights
     * @throws FitException             when the solver cannot solve it (see the class comment)
     */
    public DistributedOlsResult fit(DistributedData data) {
        Objects.requireNonNull(data, "data");
        data.requireNoOffset("DistributedLinearRegression");
        long t0 = System.nanoTime();
        boolean icpt = options.fitIntercept();
        int n = data.cols();
        DistributedData.parameters(n, icpt);
        data.requireFewColumns("least squares (" + options.solver() + ")");
        DriverMemory.check(n + 2, 4, "least squares");
        Backend backend = data.driverBackend();
        List<String> names = new ArrayList<>();
        if (icpt) {
            names.add("intercept");
        }
        names.addAll(data.featureNames());
        int[] passes = {0};
        ResidualPass pass = DistributedPasses.residuals(data, passes);
        List<String> notes = new ArrayList<>();
        OlsSolver solver = options.solver();
        if (solver == OlsSolver.NORMAL_EQUATIONS || solver == OlsSolver.AUTO) {
            SufficientStatistics stats = DistributedPasses.moments(data);
            passes[0]++;
            boolean strict = solver == OlsSolver.NORMAL_EQUATIONS;
            NormalEquationsFit ne = null;
            String why = null;
            double[] last = {Double.NaN};
            ResidualPass recording = (b0, beta, c, out) -> {
                ResidualPass.Sums s = pass.apply(b0, beta, c, out);
                last[0] = s.weightedSquares();
                return s;
            };
            try {
                if (!strict) {
                    // AUTO first looks at the condition number without refinement passes.
                    NormalEquationsFit probe = new LinearRegression(options.withRefinementSteps(0), backend)
                            .fit(stats, recording);
                    if (probe.condition() > LinearRegression.NORMAL_EQUATIONS_MAX_CONDITION) {
                        why = "estimated condition number " + String.format("%.3g", probe.condition()) + " > "
                                + LinearRegression.NORMAL_EQUATIONS_MAX_CONDITION;
                    }
                }
                if (why == null) {
                    ne = new LinearRegression(options, backend).fit(stats, recording);
                }
            } catch (FitException e) {
                if (strict) {
                    throw e;
                }
                why = e.getMessage();
            }
            if (ne != null) {
                notes.addAll(ne.report().notes());
                if (!strict) {
                    notes.add("AUTO: normal equations (estimated condition number "
                            + String.format("%.3g", ne.condition()) + ")");
                }
                double[] p = ne.parameters();
                double rss = Double.isNaN(last[0])
                        ? stats.sumOfSquaredErrors(ne.model().intercept(), ne.model().coefficients()) : last[0];
                double tss = icpt ? stats.yy() : stats.yyAboutZero();
                return result(data, ne.model().intercept(), ne.model().coefficients(), names, p,
                        ne.unscaledCovariance(), rss, tss, stats.rSquared(rss, icpt), stats.rows(), names.size(),
                        List.of(), passes[0],
                        ne.condition(), "NORMAL_EQUATIONS", ne.report().iterations(), ne.report().converged(),
                        ne.report().status(), notes, t0);
            }
            notes.add("AUTO: tall-skinny QR, because for the normal equations " + why);
            LOG.log(System.Logger.Level.INFO, "distributed OLS: QR path, because for the normal equations {0}", why);
        }
        TallSkinnyR f = DistributedPasses.rFactor(data, icpt);
        passes[0]++;
        String[] why = new String[1];
        boolean drops = solver != OlsSolver.QR;
        TsqrSolve s = TsqrSolve.solve(backend, f, names, options.rankTolerance(), options.refinementSteps(), drops,
                DistributedPasses.exactResiduals(data, passes), why);
        if (s == null) {
            FitReport report = new FitReport("ols", backend.name(), "QR", 1, false, why[0], null,
                    Duration.ofNanos(System.nanoTime() - t0), notes);
            throw new FitException("QR: " + why[0] + "; use AUTO or PIVOTED_QR to drop dependent columns", report);
        }
        if (!s.dropped.isEmpty()) {
            notes.add("rank " + s.kept.size() + " of " + names.size() + "; dependent column(s) dropped, coefficient(s)"
                    + " reported as 0: " + String.join(", ", s.dropped));
        }
        double[] p = s.parameters;
        double b0 = icpt ? p[0] : 0;
        double[] beta = Arrays.copyOfRange(p, icpt ? 1 : 0, p.length);
        double tss = totalFromR(f);
        String status = s.refinement.status("corrected semi-normal equations");
        return result(data, b0, beta, names, p, s.covariance, s.rss, tss,
                ScaledSquares.rSquared(s.rss, tss, f.yMin, f.yMax, icpt), f.rows, s.kept.size(), s.dropped,
                passes[0], Double.NaN, drops && solver != OlsSolver.AUTO ? "PIVOTED_QR" : "QR",
                Math.max(1, s.refinement.steps()), s.refinement.converged(), status, notes, t0);
    }

    private DistributedOlsResult result(DistributedData data, double b0, double[] beta, List<String> names,
                                        double[] params, double[] cov, double rss, double tss, double r2,
                                        long rows, int rank,
                                        List<String> dropped, int passes, double condition, String solver,
                                        int iterations, boolean converged, String status, List<String> notes,
                                        long t0) {
        for (int j = 0; j < params.length; j++) {
            if (!Double.isFinite(params[j])) {
                throw new FitException("the solver produced " + params[j] + " for '" + names.get(j) + "'", null);
            }
        }
        List<String> all = new ArrayList<>(notes);
        all.add("distributed: " + passes + " pass(es) over " + rows + " rows, executors on the " + data.backendName()
                + " backend");
        FitReport report = new FitReport("ols", data.backendName(), solver, iterations, converged, status, null,
                Duration.ofNanos(System.nanoTime() - t0), all);
        LinearModel model = new LinearModel(b0, beta, data.featureNames(), report);
        return new DistributedOlsResult(new NormalEquationsFit(model, report, names, params, cov, condition), rss,
                tss, r2, rows, rank, dropped, passes);
    }

    /** TSS from R's y column: ‖y‖² minus its projection on the ones column (the first) with an intercept. */
    private static double totalFromR(TallSkinnyR f) {
        int k = f.k;
        double t = 0;
        for (int i = f.intercept ? 1 : 0; i < k; i++) {
            double v = f.r[i * k + k - 1];
            t += v * v;
        }
        return t;
    }
}
