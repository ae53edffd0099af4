package dev.linea.models.ridge;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Transpose;
import dev.linea.models.Dataset;
import dev.linea.models.Design;
import dev.linea.models.FitException;
import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.SparseDesign;
import dev.linea.models.SufficientStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Ridge regression: minimizes {@code Σ_i w_i·(y_i − b − x_iᵀβ)² + α·‖β‖²} (scikit-learn's {@code Ridge}), with
 * the intercept b unpenalized. With weighted means x̄, ȳ the solution is
 * <pre>
 *   (X_cᵀ·W·X_c + α·I)·β = X_cᵀ·W·y_c,   X_c = X − 1·x̄ᵀ,  y_c = y − ȳ,   b = ȳ − x̄ᵀβ
 * </pre>
 * solved by Cholesky (one α) or from one eigendecomposition for many α ({@link #path}); {@link RidgeCV} chooses
 * α by exact leave-one-out or generalized cross-validation. Heavy work (Gram matrix, factorizations) runs on the
 * backend. Immutable and thread-safe.
 */
public final class Ridge {
    private static final System.Logger LOG = System.getLogger(Ridge.class.getName());
    /** Relative Cholesky pivot (per column) below which the system counts as singular: 64·ε. */
    private static final double PIVOT_TOLERANCE = 64 * Math.ulp(1.0);

    private final RidgeOptions options;
    private final Backend backend;

    /** Defaults (α = 1, intercept, AUTO) on the default backend. */
    public Ridge() {
        this(RidgeOptions.defaults());
    }

    public Ridge(RidgeOptions options) {
        this(options, Backends.defaultBackend());
    }

    public Ridge(RidgeOptions options, Backend backend) {
        this.options = Objects.requireNonNull(options, "options");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    public RidgeOptions options() {
        return options;
    }

    /**
     * Fits a sparse design (CSR) at {@code options().alpha()}: the same objective and solution as
     * {@link #fit(Dataset)} on the densified data, by preconditioned conjugate gradients over the non-zeros with the
     * centring applied implicitly (no Gram matrix, X never densified); certified by the relative residual of the
     * normal equations ({@link dev.linea.models.Certificate.Kind#SCALED_GRADIENT_NORM}, at most 1e-10). The solver option does not apply.
     *
     * @param design X (CSR), y, optional sample weights; no offsets, no affine map; not modified
     * @throws IllegalArgumentException when there is nothing to fit, or the design has offsets or an affine map
     */
    public RidgeResult fit(SparseDesign design) {
        Objects.requireNonNull(design, "design");
        return SparseRidge.fit(design, options, backend);
    }

    /**
     * Fits sparse rows reached through their passes ({@link SparseRidgeRows}: a distributed dataset's CSR blocks)
     * with the solver, stopping rule and certificate of {@link #fit(SparseDesign)}: conjugate gradients, one pass
     * per iteration, no Gram matrix. The solver option does not apply.
     *
     * @param rows the rows; their passes do not modify them
     * @throws IllegalArgumentException when there is nothing to fit (no column and no intercept)
     */
    public RidgeResult fit(SparseRidgeRows rows) {
        Objects.requireNonNull(rows, "rows");
        return SparseRidge.solve(rows, options, backend.name());
    }

    /**
     * Fits at {@code options().alpha()}.
     *
     * @throws IllegalArgumentException when there is nothing to fit (no column and no intercept)
     * @throws FitException             when the system is singular (α = 0 with dependent columns, or a constant
     *                                  column with an intercept): use α &gt; 0
     */
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
    public RidgeResult fit(Design design) {
        return fit(java.util.Objects.requireNonNull(design, "design").rowsFor("ridge regression", options.fitIntercept(), false));
    }

    public RidgeResult fit(Dataset data) {
        Objects.requireNonNull(data, "data");
        long t0 = System.nanoTime();
        checkShape(data, options.fitIntercept());
        CenteredDesign d = CenteredDesign.of(data, options.fitIntercept(), backend);
        double alpha = options.alpha();
        List<String> notes = new ArrayList<>();
        notes.add("alpha = " + alpha);
        if (d.scaleConflict != null) {
            throw failure(d.scaleConflict, options.solver(), t0, notes);
        }
        RidgeSolver used = options.solver() == RidgeSolver.EIGEN ? RidgeSolver.EIGEN : RidgeSolver.CHOLESKY;
        double[] beta = null;
        double condition = Double.NaN;
        if (used == RidgeSolver.CHOLESKY) {
            String failure = null;
            try {
                beta = cholesky(d, alpha, data);
            } catch (CholeskyFailure e) {
                failure = e.getMessage();
            }
            if (beta == null && options.solver() == RidgeSolver.CHOLESKY) {
                throw failure(failure + "; use alpha > 0 (or the EIGEN solver, which reports the rank)",
                        used, t0, notes);
            }
            if (beta == null) {
                notes.add("AUTO: eigendecomposition, because " + failure);
                LOG.log(System.Logger.Level.INFO, "ridge: Cholesky failed ({0}); trying the eigendecomposition",
                        failure);
                used = RidgeSolver.EIGEN;
            }
        }
        if (beta == null) {
            RidgeEigenSystem sys = RidgeEigenSystem.of(backend, d);
            if (sys.singular(d.scaledAlpha(alpha))) {
                throw failure("X_cᵀWX_c is singular (" + sys.nullity() + " eigenvalue(s) at rounding level "
                        + sys.zeroLevel + ") and alpha = " + alpha + ": dependent or constant columns;"
                        + " use alpha > 0, or OLS with the PIVOTED_QR solver to drop them", used, t0, notes);
            }
            beta = d.unscale(sys.beta(backend, d.scaledAlpha(alpha)));
            condition = sys.condition(d.scaledAlpha(alpha));
            notes.add("condition number of X_cᵀWX_c + αI: " + String.format("%.3g", condition));
        }
        LinearModel model = model(d, beta, data, used, t0, notes);
        return new RidgeResult(model, model.report(), alpha, condition);
    }

    /**
     * Fits at {@code options().alpha()} from moments gathered elsewhere (a distributed pass, a stream): solves
     * {@code (Cxx + αI)·β = cxy} by Cholesky, {@code b = ȳ − x̄ᵀβ} (moments about zero without intercept), the
     * same system and singularity test as {@link #fit(Dataset)}'s Cholesky solver. The EIGEN solver and the
     * powers-of-two rescaling need the rows, so they are not available here.
     *
     * @param stats the centred moments; not modified
     * @throws FitException when the moments are not finite or the system is (numerically) singular
     */
    public RidgeResult fit(SufficientStatistics stats) {
        Objects.requireNonNull(stats, "stats");
        long t0 = System.nanoTime();
        boolean icpt = options.fitIntercept();
        int n = stats.cols();
        if (n == 0 && !icpt) {
            throw new IllegalArgumentException("nothing to fit: the moments have 0 columns and fitIntercept is false");
        }
        double alpha = options.alpha();
        List<String> notes = new ArrayList<>();
        notes.add("alpha = " + alpha);
        String bad = stats.nonFinite();
        if (bad != null) {
            throw failure("the moments are not finite at " + bad + ": the data overflow double precision when"
                    + " squared, or hold NaN/Inf", RidgeSolver.CHOLESKY, t0, notes);
        }
        double[] g = icpt ? stats.xx() : stats.xxAboutZero();
        double[] beta = icpt ? stats.xy() : stats.xyAboutZero();
        double[] beta0;
        try {
            beta0 = choleskySolve(n, g, beta, alpha, stats.featureNames());
        } catch (CholeskyFailure e) {
            throw failure(e.getMessage() + "; use alpha > 0", RidgeSolver.CHOLESKY, t0, notes);
        }
        double b0 = 0;
        if (icpt) {
            double[] mean = stats.xMean();
            b0 = stats.yMean();
            for (int j = 0; j < n; j++) {
                b0 -= mean[j] * beta0[j];
            }
        }
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(beta0[j])) {
                throw failure("the solver produced " + beta0[j] + " for '" + stats.featureNames().get(j)
                        + "' (overflow: rescale the data)", RidgeSolver.CHOLESKY, t0, notes);
            }
        }
        FitReport report = new FitReport("ridge", backend.name(), RidgeSolver.CHOLESKY.name(), 1, true,
                "direct solve from moments", null, Duration.ofNanos(System.nanoTime() - t0), notes);
        LinearModel model = new LinearModel(b0, beta0, stats.featureNames(), report);
        return new RidgeResult(model, report, alpha, Double.NaN);
    }

    /**
     * Fits every α of a grid from one eigendecomposition (the options' α and solver are ignored).
     *
     * @param alphas not modified; finite values ≥ 0, at least one
     * @throws FitException when the system is singular at some α = 0 of the grid
     */
    public RidgePath path(Dataset data, double[] alphas) {
        Objects.requireNonNull(data, "data");
        long t0 = System.nanoTime();
        checkAlphas(alphas);
        checkShape(data, options.fitIntercept());
        CenteredDesign d = CenteredDesign.of(data, options.fitIntercept(), backend);
        if (d.scaleConflict != null) {
            throw failure(d.scaleConflict, RidgeSolver.EIGEN, t0, new ArrayList<>());
        }
        RidgeEigenSystem sys = RidgeEigenSystem.of(backend, d);
        List<LinearModel> models = new ArrayList<>();
        double[] cond = new double[alphas.length];
        for (int k = 0; k < alphas.length; k++) {
            List<String> notes = new ArrayList<>();
            notes.add("alpha = " + alphas[k]);
            double a = d.scaledAlpha(alphas[k]);
            if (sys.singular(a)) {
                throw failure("X_cᵀWX_c is singular (" + sys.nullity() + " eigenvalue(s) at rounding level) and "
                        + "alphas[" + k + "] = " + alphas[k] + ": use alphas > 0", RidgeSolver.EIGEN, t0, notes);
            }
            cond[k] = sys.condition(a);
            notes.add("condition number of X_cᵀWX_c + αI: " + String.format("%.3g", cond[k]));
            models.add(model(d, d.unscale(sys.beta(backend, a)), data, RidgeSolver.EIGEN, t0, notes));
        }
        return new RidgePath(alphas, models, cond);
    }

    /** Cholesky of X̃ᵀX̃ + αI; null β never: throws CholeskyFailure with the reason. */
    private double[] cholesky(CenteredDesign d, double alpha, Dataset data) {
        int n = d.n;
        double[] g = new double[n * n];
        d.gram(backend, g);
        double[] beta = new double[n];
        d.xty(backend, beta);
        return d.unscale(choleskySolve(n, g, beta, d.scaledAlpha(alpha), data.featureNames()));
    }

    /**
     * Solves (G + αI)·β = c in place of c.
     *
     * @param g modified: overwritten by the Cholesky factor
     * @param c modified: overwritten by β, which is returned
     */
    private double[] choleskySolve(int n, double[] g, double[] c, double alpha, List<String> names) {
        for (int j = 0; j < n; j++) {
            g[j * n + j] += alpha;
        }
        double[] diag = new double[n];
        for (int j = 0; j < n; j++) {
            diag[j] = g[j * n + j];
        }
        int info = backend.cholesky(n, g, 0, n);
        if (info != 0) {
            throw new CholeskyFailure("X_cᵀWX_c + αI with alpha = " + alpha + " is not positive definite"
                    + " (Cholesky pivot " + info + ", column '" + names.get(info - 1) + "')");
        }
        // A pivot that survived only by rounding (dependent columns, α ≈ 0) gives huge, meaningless coefficients:
        // L_jj² is the part of column j's squared norm not explained by the earlier columns.
        for (int j = 0; j < n; j++) {
            double ljj = g[j * n + j];
            if (ljj * ljj <= PIVOT_TOLERANCE * n * diag[j]) {
                throw new CholeskyFailure("X_cᵀWX_c + αI with alpha = " + alpha + " is numerically singular"
                        + " (column '" + names.get(j) + "' is a combination of the earlier ones to"
                        + " relative " + String.format("%.1e", ljj * ljj / diag[j]) + ")");
            }
        }
        backend.choleskySolve(n, 1, g, 0, n, c, 0, 1);
        return c;
    }

    private LinearModel model(CenteredDesign d, double[] beta, Dataset data, RidgeSolver used, long t0,
                              List<String> notes) {
        for (int j = 0; j < beta.length; j++) {
            if (!Double.isFinite(beta[j])) {
                throw failure("the solver produced " + beta[j] + " for '" + data.featureNames().get(j)
                        + "' (overflow: rescale the data)", used, t0, notes);
            }
        }
        FitReport report = new FitReport("ridge", backend.name(), used.name(), 1, true, "direct solve", null,
                Duration.ofNanos(System.nanoTime() - t0), notes);
        return new LinearModel(d.intercept(beta), beta, data.featureNames(), report);
    }

    static void checkShape(Dataset data, boolean intercept) {
        if (data.cols() == 0 && !intercept) {
            throw new IllegalArgumentException("nothing to fit: the dataset has 0 columns and fitIntercept is false");
        }
    }

    static void checkAlphas(double[] alphas) {
        Objects.requireNonNull(alphas, "alphas");
        if (alphas.length == 0) {
            throw new IllegalArgumentException("alphas is empty, expected at least one value");
        }
        for (int k = 0; k < alphas.length; k++) {
            RidgeOptions.checkAlpha("alphas[" + k + "]", alphas[k]);
        }
    }

    private FitException failure(String message, RidgeSolver solver, long t0, List<String> notes) {
        FitReport report = new FitReport("ridge", backend.name(), solver.name(), 1, false, message, null,
                Duration.ofNanos(System.nanoTime() - t0), notes);
        return new FitException(message, report);
    }

    /** Cholesky broke down: internal control flow for AUTO's fallback. */
    private static final class CholeskyFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CholeskyFailure(String message) {
            super(message, null, false, false);
        }
    }
}
