package dev.linea.models.glm;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.Design;
import dev.linea.models.FitException;
import dev.linea.models.Certificate;
import dev.linea.models.FitReport;
import dev.linea.models.SparseDesign;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A generalized linear model {@code g(μ_i) = b + x_iᵀβ + o_i} with μ_i = E[y_i], variance φ·V(μ_i)/s_i, fitted
 * by IRLS. It minimizes
 * <pre>
 *   F(b, β) = Σ_i s_i·d(y_i, μ_i) + α·Σs·‖β‖²
 * </pre>
 * with d the family's unit deviance, s the dataset's sample (frequency) weights and o the offsets: with α = 0 this
 * is maximum likelihood (statsmodels' {@code GLM(...).fit()}), with α &gt; 0 it is 2·Σs times scikit-learn's
 * {@code PoissonRegressor} / {@code GammaRegressor} / {@code TweedieRegressor} objective
 * {@code 1/(2Σs)·Σ s_i·d_i + α/2·‖β‖²}. The intercept is an implicit ones column first in the design (never
 * stored: {@link IrlsBlock} borders the weighted Gram matrix with Σw and Xᵀw; not centring, since IRLS's weights
 * change every iteration and centring would have to be redone each time), and it is never penalized. Every iteration's weighted least-squares step is the backend's weighted {@code gram}, then
 * {@code cholesky} and {@code choleskySolve}. The working weights are the observed information (Newton–Raphson)
 * whenever they are all positive (always for canonical links, where it is the same as Fisher scoring, and for
 * Gamma and Tweedie 1 ≤ p ≤ 2 with the log link), otherwise the expected information (Fisher scoring), so that
 * convergence is quadratic where possible; see {@link GlmOptions} for the stopping rule. Standard errors use the
 * expected information, as statsmodels. Exposure is an offset
 * {@code o = log(exposure)} ({@link #logExposure}). Immutable and thread-safe.
 */
public final class GeneralizedLinearModel {
    private static final System.Logger LOG = System.getLogger(GeneralizedLinearModel.class.getName());

    /**
     * The most columns {@link #fit(SparseDesign)} takes: (46339 + 1)² is the largest square below Java's array
     * limit (the working system is then 17 GB of doubles).
     */
    public static final int MAX_SPARSE_COLUMNS = 46_339;

    private final GlmOptions options;
    private final Backend backend;

    public GeneralizedLinearModel(GlmOptions options) {
        this(options, Backends.defaultBackend());
    }

    public GeneralizedLinearModel(GlmOptions options, Backend backend) {
        this.options = Objects.requireNonNull(options, "options");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    public GlmOptions options() {
        return options;
    }

    /** Fits without offset: {@link #fit(Design)} on {@code Design.of(data, options.fitIntercept())}. */
    public GlmResult fit(Dataset data) {
        return fit(data, null);
    }

    /**
     * {@link #fit(Design)} on the dataset's no-copy design with the offsets o.
     *
     * @param offset null (all zero) or one finite offset o_i per row, added to the linear predictor with
     *               coefficient 1; not modified
     * @throws IllegalArgumentException when y is outside the family's support (naming the row and the value), the
     *                                  offset's length or a value is wrong, or there is nothing to fit
     * @throws FitException             when the weighted Gram matrix is singular (naming the column), IRLS diverges,
     *                                  or no valid start exists
     */
    public GlmResult fit(Dataset data, double[] offset) {
        Objects.requireNonNull(data, "data");
        return fit(Design.of(data, options.fitIntercept()).withOffsets(checkOffset(offset, data.rows())));
    }

    /**
     * Fits from a design: its X (a view, never copied), y, sample weights s and offsets o ({@link
     * Design#withOffsets}; none means all zero). The intercept is the design's implicit one. IRLS re-weights the
     * rows every iteration, so the design must carry no affine map (centre or scale): standardize before.
     *
     * @param design not modified; its arrays are read, not copied
     * @throws IllegalArgumentException when y is outside the family's support (naming the row and the value), the
     *                                  design's intercept is not the options' {@code fitIntercept}, the design
     *                                  carries an affine map, or there is nothing to fit
     * @throws FitException             when the weighted Gram matrix is singular (naming the column), IRLS diverges,
     *                                  or no valid start exists
     */
    public GlmResult fit(Design design) {
        Objects.requireNonNull(design, "design");
        long t0 = System.nanoTime();
        int m = design.rows();
        int n = design.cols();
        Family family = options.family();
        boolean intercept = options.fitIntercept();
        if (design.intercept() != intercept) {
            throw new IllegalArgumentException("the design has intercept = " + design.intercept()
                    + ", expected the options' fitIntercept = " + intercept);
        }
        if (design.hasAffineMap()) {
            throw new IllegalArgumentException("the design carries an affine map (centre or scale), expected none: "
                    + "IRLS re-weights the rows every iteration, so standardize the data before the fit");
        }
        if (n == 0 && !intercept) {
            throw new IllegalArgumentException("nothing to fit: the dataset has 0 columns and fitIntercept is false");
        }
        double[] y = design.yUnsafe();
        for (int i = 0; i < m; i++) {
            family.checkResponse(i, y[i]);
        }
        // Null weights and offsets stand for ones and zeros all the way down: no m-vector of them is made.
        LocalIrlsData rows = new LocalIrlsData(backend, family, options.link(), m, n, design.xUnsafe(),
                design.xOffset(), design.ldx(), intercept, y, design.weightsUnsafe(), design.offsetsUnsafe());
        return fit(t0, rows, m, design.featureNames(), design.targetName(), y, design.weightsUnsafe(),
                design.offsetsUnsafe(), "");
    }

    /**
     * Fits from a sparse design (CSR): the same objective, IRLS and result as {@link #fit(Design)} on the densified
     * data, with the sparse kernels for η = b + Xβ + o, the weighted Gram {@code AᵀWA} and {@code AᵀW·z}
     * ({@link Backend#sparseGram}, {@link Backend#sparseTransposeTimes}); X is never densified, but the k×k working
     * system is dense, so the number of columns is limited to {@link #MAX_SPARSE_COLUMNS} (hashed designs with
     * 2^20 columns need a first-order solver, which this class does not offer).
     *
     * @param design X (CSR), y, optional sample weights and offsets, the intercept; no affine map; not modified
     * @throws IllegalArgumentException when y is outside the family's support (naming the row and the value), the
     *                                  design's intercept is not the options' {@code fitIntercept}, the design
     *                                  carries an affine map, has more than {@link #MAX_SPARSE_COLUMNS} columns, or
     *                                  there is nothing to fit
     * @throws FitException             when the weighted Gram matrix is singular (naming the column), IRLS diverges,
     *                                  or no valid start exists
     */
    public GlmResult fit(SparseDesign design) {
        Objects.requireNonNull(design, "design");
        long t0 = System.nanoTime();
        int m = design.rows();
        int n = design.cols();
        boolean intercept = options.fitIntercept();
        if (design.intercept() != intercept) {
            throw new IllegalArgumentException("the sparse design has intercept = " + design.intercept()
                    + ", expected the options' fitIntercept = " + intercept);
        }
        if (design.centre() != null || design.scale() != null) {
            throw new IllegalArgumentException("the sparse design carries an affine map (centre or scale), expected "
                    + "none: IRLS re-weights the rows every iteration, so standardize the data before the fit");
        }
        if (n > MAX_SPARSE_COLUMNS) {
            throw new IllegalArgumentException("the sparse design has " + n + " columns, expected at most "
                    + MAX_SPARSE_COLUMNS + " for a GLM: IRLS solves a dense (columns + 1)² working system, one Java "
                    + "array, each iteration");
        }
        if (n == 0 && !intercept) {
            throw new IllegalArgumentException("nothing to fit: the dataset has 0 columns and fitIntercept is false");
        }
        double[] y = design.yUnsafe();
        for (int i = 0; i < m; i++) {
            options.family().checkResponse(i, y[i]);
        }
        LocalIrlsData rows = new LocalIrlsData(backend, options.family(), options.link(), design);
        return fit(t0, rows, m, design.featureNames(), design.targetName(), y, design.weightsUnsafe(),
                design.offsetsUnsafe(), ", sparse rows (" + design.nonZeros() + " non-zeros)");
    }

    /** The common part of a fit once the rows are set up: IRLS, the null deviance, the covariance, the result. */
    private GlmResult fit(long t0, LocalIrlsData rows, int m, List<String> featureNames, String targetName,
                          double[] y, double[] s, double[] off, String rowsNote) {
        Family family = options.family();
        boolean intercept = options.fitIntercept();
        int k = featureNames.size() + (intercept ? 1 : 0);
        List<String> names = new ArrayList<>(k);
        if (intercept) {
            names.add("intercept");
        }
        names.addAll(featureNames);

        List<String> notes = new ArrayList<>();
        notes.add("family " + family.name() + (family instanceof Tweedie t ? " (power " + t.power() + ")" : "")
                + ", link " + options.link().label() + ", alpha = " + options.alpha()
                + (intercept ? ", intercept as a ones column" : "") + rowsNote);
        Irls irls = new Irls(rows, backend, family, options.link(), k, intercept, options.alpha() * rows.sumS(),
                rows.ybar(), names);
        try {
            irls.run(options.maxIterations(), options.tolerance());
        } catch (Irls.Failure e) {
            throw failure(e.getMessage(), irls, t0, notes);
        }
        notes.addAll(irls.notes());
        if (!irls.converged()) {
            LOG.log(System.Logger.Level.WARNING, "GLM: not converged after {0} iteration(s): {1}",
                    irls.iterations(), irls.status());
        }
        double nullDeviance;
        try {
            nullDeviance = nullDeviance(m, y, s, off, rows.ybar());
        } catch (Irls.Failure e) {
            notes.add("null deviance not available: " + e.getMessage());
            nullDeviance = Double.NaN;
        }
        double[] beta = irls.beta();
        // The certifying system at β is the expected information there for a canonical link: no Gram pass of its own.
        double[] information = options.alpha() == 0 ? irls.expectedInformation() : null;
        double[] cov = options.alpha() != 0 ? null : information != null ? Irls.inverse(backend, k, information)
                : rows.unscaledCovariance(beta);
        if (options.alpha() > 0) {
            notes.add("alpha > 0: standard errors, tests and intervals are not computed (penalized estimates)");
        } else if (cov == null) {
            notes.add("the final weighted Gram matrix is singular: no standard errors");
        }
        FitReport report = new FitReport("glm", backend.name(), "irls", irls.iterations(), irls.converged(),
                irls.status(), irls.history(), Duration.ofNanos(System.nanoTime() - t0), notes,
                new Certificate(Certificate.Kind.NEWTON_DECREMENT, irls.decrement(), options.tolerance(),
                        Double.NaN));
        // The rows' μ array goes to the result as it is: the rows are not used after this point.
        return new GlmResult(options, targetName, m, featureNames, y, s, beta, rows.mu(beta), irls.deviance(),
                nullDeviance, cov, names, report);
    }

    /**
     * Offsets from exposures: {@code o_i = log(exposure_i)}, so that μ is proportional to the exposure.
     *
     * @param exposure finite values &gt; 0; not modified
     * @return a new array of offsets
     */
    public static double[] logExposure(double[] exposure) {
        Objects.requireNonNull(exposure, "exposure");
        double[] o = new double[exposure.length];
        for (int i = 0; i < o.length; i++) {
            if (!(exposure[i] > 0) || exposure[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("exposure has " + exposure[i] + " at row " + i
                        + ", expected a finite number > 0");
            }
            o[i] = Math.log(exposure[i]);
        }
        return o;
    }

    /**
     * statsmodels' null deviance: the deviance of the intercept-only model with the same offsets and weights.
     * Without offsets its μ is the weighted mean of y for every link (no m-vector is formed); with offsets it needs
     * its own IRLS.
     *
     * @param s    null (ones) or m weights
     * @param off  null (zeros) or m offsets
     * @param ybar the weighted mean of y, Σ s_i·y_i / Σ s_i
     */
    private double nullDeviance(int m, double[] y, double[] s, double[] off, double ybar) {
        Family family = options.family();
        boolean hasOffset = false;
        if (off != null) {
            for (double o : off) {
                hasOffset |= o != 0;
            }
        }
        double dev = 0;
        if (!hasOffset) {
            for (int i = 0; i < m; i++) {
                dev += (s == null ? 1 : s[i]) * family.unitDeviance(y[i], ybar);
            }
            return dev;
        }
        LocalIrlsData ones = new LocalIrlsData(backend, family, options.link(), m, 0, new double[0], 0, 1, true, y,
                s, off);
        Irls nul = new Irls(ones, backend, family, options.link(), 1, true, 0, ones.ybar(), List.of("intercept"));
        nul.run(options.maxIterations(), options.tolerance());
        double[] mu = ones.mu(nul.beta());
        for (int i = 0; i < m; i++) {
            dev += (s == null ? 1 : s[i]) * family.unitDeviance(y[i], mu[i]);
        }
        return dev;
    }

    /**
     * The offsets as given (null stays null: zeros are never materialized), their count checked with this class's
     * words; {@link Design#withOffsets} checks the values.
     */
    private static double[] checkOffset(double[] offset, int m) {
        if (offset != null && offset.length != m) {
            throw new IllegalArgumentException("offset has " + offset.length + " values, expected " + m
                    + " (one per row)");
        }
        return offset;
    }

    private FitException failure(String message, Irls irls, long t0, List<String> notes) {
        FitReport report = new FitReport("glm", backend.name(), "irls", irls.iterations(), false, message,
                irls.history(), Duration.ofNanos(System.nanoTime() - t0), notes);
        return new FitException("GLM fit failed: " + message, report);
    }
}
