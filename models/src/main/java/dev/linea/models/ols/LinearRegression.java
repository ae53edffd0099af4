package dev.linea.models.ols;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.Design;
import dev.linea.models.FitException;
import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.SufficientStatistics;
import dev.linea.models.inference.LeastSquaresFit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Ordinary (and weighted) least squares:
 * <pre>  minimize Σ_i w_i·(y_i − b − Σ_j x_ij·β_j)²</pre>
 * over β (and b when {@link OlsOptions#fitIntercept()}), with w_i = 1 unless the {@link Dataset} has weights.
 * Weighted least squares is OLS on rows scaled by sqrt(w_i).
 *
 * <p>Solvers ({@link OlsSolver}): normal equations on centred columns (fast), Householder QR with Björck's iterative
 * refinement in double-double (accurate: LRE ≥ 9 on all NIST StRD linear datasets, see docs/nist.md), and a
 * column-pivoted QR that finds dependent columns and drops them (basic solution; their coefficients are reported as
 * 0 and named). {@link OlsSolver#AUTO} starts with the normal equations and moves to QR when the estimated
 * condition number of the centred, column-scaled design exceeds {@value #NORMAL_EQUATIONS_MAX_CONDITION} (the
 * normal equations lose about 2·log10 κ digits in the covariance) or Cholesky fails, and to pivoted QR when R's
 * diagonal shows dependence; each move is noted in the report and logged once.
 *
 * <p>Rank-deficient designs (a constant column next to the intercept, duplicated columns, more columns than rows,
 * a single row) are fitted by AUTO and PIVOTED_QR with the dependent columns dropped; NORMAL_EQUATIONS and QR
 * throw {@link FitException} for them, naming the column and suggesting AUTO or PIVOTED_QR.
 *
 * <p>Thread-safe: an instance holds only its options and backend.
 */
public final class LinearRegression {
    /** AUTO keeps the normal equations up to this estimated κ₂ of the centred, unit-norm-column design. */
    public static final double NORMAL_EQUATIONS_MAX_CONDITION = 100;

    private static final System.Logger LOG = System.getLogger(LinearRegression.class.getName());

    private final OlsOptions options;
    private final Backend backend;

    /** Default options on the default backend ({@link Backends#defaultBackend()}). */
    public LinearRegression() {
        this(OlsOptions.defaults());
    }

    /** These options on the default backend. */
    public LinearRegression(OlsOptions options) {
        this(options, Backends.defaultBackend());
    }

    /** These options; heavy work (gram, Cholesky, QR, gemv, gemm) runs on {@code backend}. */
    public LinearRegression(OlsOptions options, Backend backend) {
        this.options = Objects.requireNonNull(options, "options");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** @return the options. */
    public OlsOptions options() {
        return options;
    }

    /** @return the backend. */
    public Backend backend() {
        return backend;
    }

    /**
     * Fits from a design: its rows (a view of the caller's X, y and sample weights; never copied) and its implicit
     * intercept, which must be the options' {@code fitIntercept}. The design must carry no affine map and no
     * offsets: this estimator fits the data as given (its own centring, if any, is done in cache).
     * Equivalent to {@link #fit(Dataset)} on the dataset the design views.
     *
     * @param design not modified; its arrays are read, not copied
     * @throws IllegalArgumentException when the design's intercept is not the options', or it carries an affine
     *                                  map or offsets, or its X is not a whole row-major array; and as
     *                                  {@link #fit(Dataset)}
     */
    public OlsResult fit(Design design) {
        return fit(java.util.Objects.requireNonNull(design, "design").rowsFor("linear regression", options.fitIntercept(), false));
    }

    /**
     * Fits the model.
     *
     * @throws IllegalArgumentException when there is nothing to fit (no feature and no intercept)
     * @throws FitException             when the chosen solver cannot solve it (NORMAL_EQUATIONS or QR on a
     *                                  singular design); AUTO and PIVOTED_QR drop dependent columns instead
     */
    public OlsResult fit(Dataset data) {
        Objects.requireNonNull(data, "data");
        long t0 = System.nanoTime();
        boolean icpt = options.fitIntercept();
        int n = data.cols();
        int m = data.rows();
        int k = n + (icpt ? 1 : 0);
        if (k == 0) {
            throw new IllegalArgumentException("nothing to fit: the dataset has 0 columns and fitIntercept is false");
        }
        List<String> names = parameterNames(data, icpt);
        List<String> notes = new ArrayList<>();
        int steps = options.refinementSteps();
        double tol = options.rankTolerance();
        Solved solved = null;
        OlsSolver used = options.solver();
        switch (options.solver()) {
            case NORMAL_EQUATIONS -> {
                NormalEquations.Outcome ne = NormalEquations.solve(backend, data, icpt, steps);
                if (ne.solved() == null) {
                    throw failure("normal equations failed: " + ne.failure()
                            + "; use AUTO or PIVOTED_QR for dependent columns, QR for ill-conditioned ones", used, t0,
                            notes);
                }
                notes.add("estimated condition number of the centred, scaled design: "
                        + NormalEquations.fmt(ne.condition()));
                if (ne.condition() > NORMAL_EQUATIONS_MAX_CONDITION) {
                    String digits = NormalEquations.fmt(Math.max(0, 16 - 2 * Math.log10(ne.condition())));
                    fallbackWarning(notes, "normal equations square the condition number: expect only about "
                            + digits + " correct digits in the covariance (and possibly the coefficients);"
                            + " QR or AUTO would be accurate here");
                }
                solved = ne.solved();
            }
            case QR -> {
                if (m < k) {
                    throw failure(tooWide(m, k), used, t0, notes);
                }
                QrPath.Outcome q = QrPath.solve(backend, data, icpt, range(k), k, steps, tol, true);
                if (q.solved() == null) {
                    throw failure("QR: the design is rank deficient: " + q.deficiency()
                            + "; use AUTO or PIVOTED_QR to drop dependent columns", used, t0, notes);
                }
                solved = q.solved();
            }
            case PIVOTED_QR -> solved = pivoted(data, icpt, k, steps, tol, names, notes, t0);
            case AUTO -> {
                if (m < k) {
                    fallback(notes, "AUTO: " + tooWide(m, k) + ": pivoted QR");
                    used = OlsSolver.PIVOTED_QR;
                    solved = pivoted(data, icpt, k, steps, tol, names, notes, t0);
                    break;
                }
                NormalEquations.Outcome ne = NormalEquations.solve(backend, data, icpt, steps);
                if (ne.solved() != null && ne.condition() <= NORMAL_EQUATIONS_MAX_CONDITION) {
                    notes.add("AUTO: normal equations (estimated condition number of the centred, scaled design "
                            + NormalEquations.fmt(ne.condition()) + " <= " + NORMAL_EQUATIONS_MAX_CONDITION + ")");
                    used = OlsSolver.NORMAL_EQUATIONS;
                    solved = ne.solved();
                    break;
                }
                String why = ne.solved() == null ? ne.failure()
                        : "estimated condition number " + NormalEquations.fmt(ne.condition()) + " > "
                        + NORMAL_EQUATIONS_MAX_CONDITION;
                QrPath.Outcome q = QrPath.solve(backend, data, icpt, range(k), k, steps, tol, true);
                if (q.solved() != null) {
                    notes.add("AUTO: QR with refinement, because for the normal equations " + why);
                    used = OlsSolver.QR;
                    solved = q.solved();
                } else {
                    fallback(notes, "AUTO: pivoted QR, because " + why + " and for QR " + q.deficiency());
                    used = OlsSolver.PIVOTED_QR;
                    solved = pivoted(data, icpt, k, steps, tol, names, notes, t0);
                }
            }
        }
        notes.add(solved.covNote());
        double[] params = solved.params();
        for (int j = 0; j < k; j++) {
            if (!Double.isFinite(params[j])) {
                throw failure("the solver produced " + params[j] + " for '" + names.get(j) + "'", used, t0, notes);
            }
        }
        FitReport report = new FitReport("ols", backend.name(), used.name(), Math.max(1, solved.steps()),
                solved.converged(), solved.status(), null, Duration.ofNanos(System.nanoTime() - t0), notes);
        double b0 = icpt ? params[0] : 0;
        double[] beta = Arrays.copyOfRange(params, icpt ? 1 : 0, k);
        LinearModel model = new LinearModel(b0, beta, data.featureNames(), report);
        List<String> dropped = new ArrayList<>();
        boolean[] est = solved.estimated();
        for (int j = 0; j < k; j++) {
            if (!est[j]) {
                dropped.add(names.get(j));
            }
        }
        LeastSquaresFit fit = new LeastSquaresFit(data, icpt, names, params, est, solved.cov(), solved.rFactor());
        return new OlsResult(model, report, fit, dropped, backend);
    }

    /**
     * Fits by the normal equations from moments gathered elsewhere (a distributed pass, a stream): the same solver,
     * scaling, condition estimate and refinement as {@link #fit(Dataset)} with {@link OlsSolver#NORMAL_EQUATIONS},
     * whatever solver the options name (moments alone cannot feed QR). Each refinement step (up to the options'
     * {@code refinementSteps}) makes one {@code pass} over the data.
     *
     * @param stats the centred moments; not modified
     * @param pass  the residual pass of refinement (unused when {@code refinementSteps} is 0)
     * @throws IllegalArgumentException when there is nothing to fit
     * @throws FitException             when the moments are not finite, a column is constant (or all zero without
     *                                  intercept), or the Gram matrix is not positive definite
     */
    public NormalEquationsFit fit(SufficientStatistics stats, ResidualPass pass) {
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(pass, "pass");
        long t0 = System.nanoTime();
        boolean icpt = options.fitIntercept();
        int n = stats.cols();
        int k = n + (icpt ? 1 : 0);
        if (k == 0) {
            throw new IllegalArgumentException("nothing to fit: the moments have 0 columns and fitIntercept is false");
        }
        List<String> names = new ArrayList<>();
        if (icpt) {
            names.add("intercept");
        }
        names.addAll(stats.featureNames());
        List<String> notes = new ArrayList<>();
        OlsSolver used = OlsSolver.NORMAL_EQUATIONS;
        String bad = stats.nonFinite();
        if (bad != null) {
            throw failure("the moments are not finite at " + bad + ": the data overflow double precision when"
                    + " squared (|x| beyond about 1e150), or hold NaN/Inf", used, t0, notes);
        }
        double[] g = icpt ? stats.xx() : stats.xxAboutZero();
        double[] xty = icpt ? stats.xy() : stats.xyAboutZero();
        double[] centre = icpt ? stats.xMean() : new double[n];
        double ybar = icpt ? stats.yMean() : 0;
        NormalEquations.Outcome ne = NormalEquations.solve(backend, n, g, xty, centre, ybar,
                icpt ? stats.weightSum() : 0, stats.featureNames(), options.refinementSteps(), pass);
        if (ne.solved() == null) {
            throw failure("normal equations failed: " + ne.failure(), used, t0, notes);
        }
        notes.add("estimated condition number of the centred, scaled design: " + NormalEquations.fmt(ne.condition()));
        if (ne.condition() > NORMAL_EQUATIONS_MAX_CONDITION) {
            String digits = NormalEquations.fmt(Math.max(0, 16 - 2 * Math.log10(ne.condition())));
            fallbackWarning(notes, "normal equations square the condition number: expect only about " + digits
                    + " correct digits in the covariance (and possibly the coefficients)");
        }
        Solved solved = ne.solved();
        notes.add(solved.covNote());
        double[] params = solved.params();
        for (int j = 0; j < k; j++) {
            if (!Double.isFinite(params[j])) {
                throw failure("the solver produced " + params[j] + " for '" + names.get(j) + "'", used, t0, notes);
            }
        }
        FitReport report = new FitReport("ols", backend.name(), used.name(), Math.max(1, solved.steps()),
                solved.converged(), solved.status(), null, Duration.ofNanos(System.nanoTime() - t0), notes);
        double b0 = icpt ? params[0] : 0;
        LinearModel model = new LinearModel(b0, Arrays.copyOfRange(params, icpt ? 1 : 0, k), stats.featureNames(),
                report);
        return new NormalEquationsFit(model, report, names, params, solved.cov(), ne.condition());
    }

    private Solved pivoted(Dataset data, boolean icpt, int k, int steps, double tol, List<String> names,
                           List<String> notes, long t0) {
        int[] dep = QrPath.dependent(data, icpt, k, tol);
        int[] kept = new int[k - dep.length];
        boolean[] isDep = new boolean[k];
        for (int d : dep) {
            isDep[d] = true;
        }
        int c = 0;
        for (int j = 0; j < k; j++) {
            if (!isDep[j]) {
                kept[c++] = j;
            }
        }
        if (dep.length > 0) {
            List<String> depNames = new ArrayList<>();
            for (int d : dep) {
                depNames.add(names.get(d));
            }
            notes.add("pivoted QR (relative tolerance " + NormalEquations.fmt(tol) + "): rank " + kept.length
                    + " of " + k + "; dependent column(s) dropped, coefficient(s) reported as 0: "
                    + String.join(", ", depNames));
        } else {
            notes.add("pivoted QR (relative tolerance " + NormalEquations.fmt(tol) + "): full rank " + k);
        }
        QrPath.Outcome q = QrPath.solve(backend, data, icpt, kept, k, steps, tol, false);
        if (q.solved() == null) {
            throw failure("pivoted QR: the independent columns still factor as singular: " + q.deficiency(),
                    OlsSolver.PIVOTED_QR, t0, notes);
        }
        return q.solved();
    }

    private void fallback(List<String> notes, String note) {
        notes.add(note);
        LOG.log(System.Logger.Level.INFO, "OLS solver fallback: {0}", note);
    }

    private void fallbackWarning(List<String> notes, String note) {
        notes.add("WARNING: " + note);
        LOG.log(System.Logger.Level.WARNING, "OLS: {0}", note);
    }

    private FitException failure(String message, OlsSolver solver, long t0, List<String> notes) {
        FitReport report = new FitReport("ols", backend.name(), solver.name(), 1, false, message, null,
                Duration.ofNanos(System.nanoTime() - t0), notes);
        return new FitException(message, report);
    }

    private static String tooWide(int m, int k) {
        return "more parameters (" + k + ") than rows (" + m + ")";
    }

    private static int[] range(int k) {
        int[] r = new int[k];
        for (int i = 0; i < k; i++) {
            r[i] = i;
        }
        return r;
    }

    /** Parameter names: "intercept" (when fitted) followed by the feature names. */
    static List<String> parameterNames(Dataset data, boolean intercept) {
        List<String> names = new ArrayList<>();
        if (intercept) {
            names.add("intercept");
        }
        names.addAll(data.featureNames());
        return names;
    }
}
