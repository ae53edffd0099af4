package dev.linea.models.gd;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Certificate;
import dev.linea.models.Dataset;
import dev.linea.models.Design;
import dev.linea.models.FitException;
import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.SparseDesign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Least squares (optionally ridge-penalized) by gradient descent, minimizing the mean loss
 * <pre>  L(β, b) = (1/Σw)·½·Σ_i w_i·(y_i − b − Σ_j x_ij·β_j)² + ½·α·‖β‖²</pre>
 * (w_i = 1 unless the {@link Dataset} has weights; the intercept b is not penalized). Dividing by Σw makes the
 * curvature, hence a good learning rate, independent of the number of rows.
 *
 * <p>With {@link GradientDescentOptions#standardize()} the iteration runs on columns centred and scaled to unit
 * weighted standard deviation (statistics from the training data) and the coefficients are mapped back to the
 * original scale: β_j = β'_j/σ_j, b = b' − Σ_j β_j·μ_j. The penalty stays on the original-scale β, so standardizing
 * changes only the conditioning (the speed), not the minimizer. Constant columns are redundant with the intercept:
 * their coefficient is 0 and a note names them.
 *
 * <p>Steps: BATCH does β ← β − η_e·∇L, one step per epoch. MINI_BATCH and STOCHASTIC shuffle the rows every epoch
 * (a {@link java.util.SplittableRandom} seeded with {@link GradientDescentOptions#seed()}, so a seed reproduces a fit
 * exactly), copy each batch's rows into a contiguous buffer and step along the unbiased estimate
 * (m/(|B|·Σw))·Σ_{i∈B} w_i·r_i·x_i + α·β. Every gradient goes through the backend's fused
 * {@link Backend#leastSquaresGradient} kernel. The automatic learning rate is 1/L for BATCH, with L the largest
 * eigenvalue of the Hessian XᵀWX/Σw (+ the penalty) on the standardized data, estimated by 20 power iterations with
 * {@link Backend#gemv} both ways; for the stochastic modes it is 1/(2·L_b) with L_b the smoothness constant of
 * b-row batches, between L (b = m) and the largest single-row curvature (b = 1).
 *
 * <p>A {@link SparseDesign} ({@link #fit(SparseDesign)}) runs the same iteration on its CSR rows: the same
 * statistics, rate, shuffles, batches and stopping rules, the full-data passes through the backend's sparse kernels
 * with the standardization applied implicitly, and lazy stochastic steps that touch only the batch's columns.
 *
 * <p>At the end of every epoch the full-data loss (and gradient) is computed with the fused kernel and recorded in
 * {@link FitReport#lossHistory()}. The fit has converged when the full gradient is small relative to its scale at
 * the start ({@link GradientDescentOptions#gradientTolerance()}); it stops without converging at maxEpochs, or for
 * the stochastic modes when the loss stalls ({@link GradientDescentOptions#patience()}) while the gradient is still
 * large: the status says so with advice (a learning rate too small to make progress is named) and a WARNING is
 * logged. A loss that becomes NaN/±Inf or
 * exceeds 10⁶ × the initial loss throws {@link FitException} naming the epoch, the losses and the learning rate.
 *
 * <p>Thread-safe: an instance holds only its options and backend.
 */
public final class GradientDescent {
    private static final System.Logger LOG = System.getLogger(GradientDescent.class.getName());

    private final GradientDescentOptions options;
    private final Backend backend;

    /** These options on the default backend ({@link Backends#defaultBackend()}). */
    public GradientDescent(GradientDescentOptions options) {
        this(options, Backends.defaultBackend());
    }

    /** These options; every gradient and the power iteration run on {@code backend}. */
    public GradientDescent(GradientDescentOptions options, Backend backend) {
        this.options = Objects.requireNonNull(options, "options");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** @return the options. */
    public GradientDescentOptions options() {
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
    public GradientDescentResult fit(Design design) {
        return fit(java.util.Objects.requireNonNull(design, "design").rowsFor("gradient descent", options.fitIntercept(), false));
    }

    /**
     * Fits the model.
     *
     * @param data not modified
     * @throws IllegalArgumentException when there is nothing to fit (no feature and no intercept)
     * @throws FitException             when the iteration diverges or yields non-finite coefficients; its report
     *                                  holds the loss history up to the failure
     */
    public GradientDescentResult fit(Dataset data) {
        Objects.requireNonNull(data, "data");
        long t0 = System.nanoTime();
        GradientDescentOptions o = options;
        if (data.cols() == 0 && !o.fitIntercept()) {
            throw new IllegalArgumentException("nothing to fit: the dataset has 0 columns and fitIntercept is false");
        }
        WorkingData wd = new WorkingData(data, o.fitIntercept(), o.standardize());
        DenseObjective objective = new DenseObjective(wd, backend, o.alpha());
        Steps steps = o.mode() == GradientDescentMode.BATCH ? null
                : new DenseSteps(wd, objective, o.effectiveBatchSize(wd.rows()));
        return fit(wd, objective, steps, data.featureNames(), new ArrayList<>(), t0);
    }

    /**
     * Fits from a sparse design: the same objective, modes, schedules, automatic learning rate, stopping rules and
     * seeded shuffles as {@link #fit(Dataset)} on the densified design, reading the CSR rows directly and never
     * densifying. With {@link GradientDescentOptions#standardize()} the centring and scaling are applied implicitly
     * (the design keeps its zeros); constant columns are excluded as for dense data. Every full-data pass (the
     * per-epoch loss and gradient, the power iteration) is one sparse kernel of the backend; the stochastic modes
     * read each batch's rows from the CSR arrays and update only the coefficients of the columns the batch touches,
     * so a step costs O(non-zeros of the batch), not O(columns): the ridge penalty's shrinkage and the centring's
     * shift of every coefficient are applied lazily ({@code SparseSteps} says how, and the one case where they
     * cannot be: ridge with an intercept and standardization, where a step costs O(columns)). The result equals the
     * dense fit of the densified design with the same options to rounding.
     *
     * @param design not modified; its arrays are read, not copied. Its intercept must be the options'
     *               {@code fitIntercept}; it must carry no affine map (standardize through the options) and no
     *               offsets
     * @throws IllegalArgumentException when the design's intercept is not the options', or it carries an affine
     *                                  map or offsets, or there is nothing to fit
     * @throws FitException             as {@link #fit(Dataset)}
     */
    public GradientDescentResult fit(SparseDesign design) {
        Objects.requireNonNull(design, "design");
        long t0 = System.nanoTime();
        GradientDescentOptions o = options;
        if (design.intercept() != o.fitIntercept()) {
            throw new IllegalArgumentException("the sparse design has intercept = " + design.intercept()
                    + ", expected " + o.fitIntercept() + " (the fitIntercept of the gradient descent's options)");
        }
        if (design.centre() != null || design.scale() != null) {
            throw new IllegalArgumentException("the sparse design carries an affine map (centre or scale), expected "
                    + "none: gradient descent centres and scales itself (GradientDescentOptions.standardize), "
                    + "implicitly");
        }
        if (design.offsetsUnsafe() != null) {
            throw new IllegalArgumentException("the sparse design has offsets, expected none: gradient descent "
                    + "takes no offsets");
        }
        if (design.cols() == 0 && !o.fitIntercept()) {
            throw new IllegalArgumentException("nothing to fit: the design has 0 columns and fitIntercept is false");
        }
        SparseWorkingData wd = new SparseWorkingData(design, o.standardize());
        SparseObjective objective = new SparseObjective(wd, backend, o.alpha());
        List<String> notes = new ArrayList<>();
        Steps steps = null;
        if (o.mode() != GradientDescentMode.BATCH) {
            SparseSteps ss = new SparseSteps(wd, o.alpha(), o.effectiveBatchSize(wd.rows()));
            notes.add(ss.describe());
            steps = ss;
        }
        notes.add("sparse design: " + design.rows() + " rows, " + design.cols() + " columns, " + design.nonZeros()
                + " non-zeros, never densified");
        return fit(wd, objective, steps, design.featureNames(), notes, t0);
    }

    /** The fit shared by dense and sparse designs, from the working data on. */
    private GradientDescentResult fit(Working wd, Objective objective, Steps steps, List<String> names,
                                      List<String> extraNotes, long t0) {
        GradientDescentOptions o = options;
        List<String> notes = new ArrayList<>();
        double eta0 = learningRate(wd, objective, notes);
        notes.add(o.standardize() ? "standardized: columns " + (o.fitIntercept() ? "centred and " : "")
                + "scaled to unit weighted standard deviation during the fit" : "not standardized");
        notes.add(o.mode() + " with batch size " + o.effectiveBatchSize(wd.rows()) + ", " + scheduleText());
        notes.addAll(extraNotes);
        List<String> excluded = wd.excludedNames(names);
        if (!excluded.isEmpty()) {
            notes.add("constant column(s) " + String.join(", ", excluded) + (o.fitIntercept()
                    ? " carry no information beyond the intercept" : " are all zero") + ": coefficient(s) set to 0");
        }

        Descent.Outcome out = new Descent(wd, objective, steps, o, eta0).run();
        notes.add("initial loss " + Descent.fmt(out.initialLoss()));
        if (out.diverged()) {
            throw new FitException(out.status(), report(out, out.status(), false, t0, notes));
        }
        double[] coef = wd.coefficients(out.beta());
        double b = wd.intercept(out.beta(), coef);
        for (int j = 0; j < coef.length; j++) {
            if (!Double.isFinite(coef[j])) {
                throw nonFinite("coefficient '" + names.get(j) + "' is " + coef[j], out, eta0, t0, notes);
            }
        }
        if (!Double.isFinite(b)) {
            throw nonFinite("the intercept is " + b, out, eta0, t0, notes);
        }
        if (!out.converged()) {
            notes.add("WARNING: " + out.status());
            LOG.log(System.Logger.Level.WARNING, "gradient descent: {0}", out.status());
        }
        FitReport report = report(out, out.status(), out.converged(), t0, notes);
        return new GradientDescentResult(new LinearModel(b, coef, names, report), report, eta0);
    }

    private String scheduleText() {
        GradientDescentOptions o = options;
        return switch (o.schedule()) {
            case CONSTANT -> "CONSTANT schedule";
            case INVERSE_SCALING -> "INVERSE_SCALING schedule (decay " + Descent.fmt(o.decay()) + ")";
            case STEP -> "STEP schedule (÷ " + Descent.fmt(1 + o.decay()) + " every " + o.stepEpochs() + " epochs)";
        };
    }

    /** The given η0, or the automatic one (see the class comment), with a note saying which and why. */
    private double learningRate(Working wd, Objective objective, List<String> notes) {
        GradientDescentOptions o = options;
        if (!o.autoLearningRate()) {
            notes.add("learning rate η0 = " + Descent.fmt(o.learningRate()) + " (given)");
            return o.learningRate();
        }
        double lambda = objective.largestEigenvalue();
        if (!(lambda > 0)) {
            // a zero Hessian means a zero gradient everywhere: any rate stops at once
            notes.add("learning rate η0 = 1 (automatic: the loss has zero curvature)");
            return 1;
        }
        if (o.mode() == GradientDescentMode.BATCH) {
            double eta = 1 / lambda;
            notes.add("learning rate η0 = " + Descent.fmt(eta) + " (automatic: 1/L, L ≈ " + Descent.fmt(lambda)
                    + " from " + Objective.POWER_ITERATIONS + " power iterations)");
            return eta;
        }
        double lb = objective.batchSmoothness(lambda, o.effectiveBatchSize(wd.rows()));
        double eta = 1 / (2 * lb);
        notes.add("learning rate η0 = " + Descent.fmt(eta) + " (automatic: 1/(2·L_b), L_b ≈ " + Descent.fmt(lb)
                + " for batches of " + o.effectiveBatchSize(wd.rows()) + ", L ≈ " + Descent.fmt(lambda) + ")");
        return eta;
    }

    private FitException nonFinite(String what, Descent.Outcome out, double eta0, long t0, List<String> notes) {
        String msg = "gradient descent produced a non-finite result after " + out.epochs() + " epoch(s): " + what
                + "; lower the learning rate (η0 = " + Descent.fmt(eta0) + ", try " + Descent.fmt(eta0 / 10) + ")"
                + (options.standardize() ? "" : " or enable standardize");
        return new FitException(msg, report(out, msg, false, t0, notes));
    }

    /**
     * The report, certified by the full gradient's max-abs norm relative to its scale G (see
     * {@link GradientDescentOptions#gradientTolerance()}), on the working (standardized) parameters.
     */
    private FitReport report(Descent.Outcome out, String status, boolean converged, long t0, List<String> notes) {
        Certificate c = new Certificate(Certificate.Kind.SCALED_GRADIENT_NORM, out.relativeGradient(),
                options.gradientTolerance(), Double.NaN);
        return new FitReport("gd", backend.name(), options.mode().name(), out.epochs(), converged, status,
                out.lossHistory(), Duration.ofNanos(System.nanoTime() - t0), notes, c);
    }
}
