package dev.linea.models.logistic;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Certificate;
import dev.linea.models.Dataset;
import dev.linea.models.Design;
import dev.linea.models.FitException;
import dev.linea.models.FitReport;
import dev.linea.models.optim.Lbfgs;
import dev.linea.models.optim.LbfgsOptions;
import dev.linea.models.optim.LbfgsResult;
import dev.linea.models.optim.Newton;
import dev.linea.models.optim.NewtonResult;
import dev.linea.models.optim.StandardizedCoordinates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Multinomial (softmax) logistic regression with scikit-learn's objective ({@code multi_class="multinomial"}).
 * Labels are the classes 0, 1, …, K−1 (as doubles) in {@link Dataset#y}, K ≥ 2 taken from the data; with logits
 * {@code z_ik = x_iᵀW_k + b_k} and {@code p_ik = e^{z_ik} / Σ_c e^{z_ic}} it minimizes
 * <pre>
 *   L2:           C·Σ_i s_i·(−log p_{i,y_i}) + ½·‖W‖²_F      (λ = 1/C)
 *   L1:           C·Σ_i s_i·(−log p_{i,y_i}) + ‖W‖₁
 *   ELASTIC_NET:  C·Σ_i s_i·(−log p_{i,y_i}) + (1 − ρ)/2·‖W‖²_F + ρ·‖W‖₁   (ρ = l1Ratio)
 *   NONE:         Σ_i s_i·(−log p_{i,y_i})
 * </pre>
 * with unpenalized intercepts and {@code s_i = w_i·c_{y_i}} as in {@link LogisticRegression}. The parameters are
 * over-determined (adding a vector to every W_k, or a constant to every b_k, changes nothing); L-BFGS from zero
 * stays in the subspace where they sum to zero, and the fitted W's columns and b are centred over the classes
 * to make that exact, as scikit-learn's answer satisfies. L1 and ELASTIC_NET are fitted by accelerated proximal
 * gradient ({@link SoftmaxProximal}: FISTA with backtracking and restart, soft-thresholding W); there the penalty
 * fixes the representative of W, so only b is centred, and the notes give the number of non-zero coefficients.
 * Logits are one backend gemm (X·Wᵀ), the gradient another (Rᵀ·X); the log-sum-exp is shifted by each row's
 * largest logit.
 *
 * <p>L-BFGS iterates in the standardized coordinates of {@link StandardizedCoordinates} (one block per class; the
 * same objective, features of any scale alike), and, where the Hessian is cheap ({@link SoftmaxHessian#affordable}),
 * a converged fit is finished with up to two Newton steps. The report's {@link Certificate} is the max-abs gradient
 * (L1, ELASTIC_NET: the minimum-norm subgradient) of the objective divided by C·Σs, in those coordinates.
 *
 * <p>Without a penalty, separated classes (complete: every row classified correctly by the fit; quasi-complete:
 * detected by continuing the fit, see {@link SoftmaxSeparation}) have no maximum of the likelihood, and a
 * {@link FitException} says so, naming the features whose coefficients grow fastest. These checks cost up to K + 1
 * further L-BFGS runs, only without a penalty. Non-convergence is reported (converged = false, the
 * reason, a WARNING logged). Thread-safe: an instance holds only its options and backend.
 */
public final class SoftmaxRegression {
    /**
     * Newton steps in the finish, each on a fresh Hessian ({@link Newton#minimize}). Not the binary fit's chord
     * steps ({@link Newton#polish}): the softmax Hessian is singular along the shift of every class, so its factor is
     * Levenberg-damped, and rounding noise in the gradient along that direction, divided by the damping, keeps the
     * Newton decrement far above rounding: polish would run to its step limit on two Hessians (2× slower, measured
     * on 20 000 × 10, 3 classes), where two plain Newton steps reach rounding.
     */
    static final int NEWTON_FINISH_STEPS = 2;
    private static final System.Logger LOG = System.getLogger(SoftmaxRegression.class.getName());

    private final SoftmaxOptions options;
    private final Backend backend;

    /** {@link SoftmaxOptions#defaults()} on the default backend. */
    public SoftmaxRegression() {
        this(SoftmaxOptions.defaults());
    }

    public SoftmaxRegression(SoftmaxOptions options) {
        this(options, Backends.defaultBackend());
    }

    public SoftmaxRegression(SoftmaxOptions options, Backend backend) {
        this.options = Objects.requireNonNull(options, "options");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    public SoftmaxOptions options() {
        return options;
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
    public SoftmaxResult fit(Design design) {
        return fit(java.util.Objects.requireNonNull(design, "design").rowsFor("softmax regression", options.fitIntercept(), false));
    }

    /**
     * @param data X, class labels 0…K−1 in y, optional sample weights; not modified
     * @throws IllegalArgumentException for labels that are not 0…K−1, a class without rows, K &lt; 2, or no column
     *                                  and no intercept
     * @throws FitException             for separated classes without penalty, or a non-finite result
     */
    public SoftmaxResult fit(Dataset data) {
        Objects.requireNonNull(data, "data");
        long t0 = System.nanoTime();
        if (data.cols() == 0 && !options.fitIntercept()) {
            throw new IllegalArgumentException("nothing to fit: the dataset has 0 columns and fitIntercept is false");
        }
        int m = data.rows();
        int n = data.cols();
        int[] classes = Labels.classes(data, false);
        int k = Labels.counts(classes, 1 + Arrays.stream(classes).max().orElse(0)).length;
        if (k < 2) {
            throw new IllegalArgumentException("y has only class 0, expected at least 2 classes");
        }
        double[] s = Labels.effectiveWeights(data, classes, k, options.classWeight());
        Penalty penalty = options.penalty();
        double rho = options.effectiveL1Ratio();
        double scale = options.c() * Labels.sum(s, m);
        boolean sparse = penalty == Penalty.L1 || penalty == Penalty.ELASTIC_NET;
        double lambda = penalty == Penalty.NONE ? 0 : (1 - rho) / scale;
        SoftmaxObjective obj = new SoftmaxObjective(backend, m, n, k, data.xUnsafe(), classes, s,
                options.fitIntercept(), lambda);
        List<String> notes = new ArrayList<>();
        notes.add(k + " classes; " + switch (penalty) {
            case NONE -> "no penalty";
            case L2 -> "L2 penalty, C = " + options.c();
            case L1 -> "L1 penalty, C = " + options.c();
            case ELASTIC_NET -> "elastic-net penalty, C = " + options.c() + ", l1Ratio = " + rho;
        });
        LbfgsResult r;
        String solver;
        StandardizedCoordinates sc = StandardizedCoordinates.of(obj, m, n, obj.x, obj.ld, k, options.fitIntercept(),
                lambda / LogisticRegression.LOSS_CURVATURE);
        double[] theta;
        if (sparse) {
            solver = "PROXIMAL_GRADIENT";
            r = SoftmaxProximal.minimize(obj, rho / scale, options.tol(), options.maxIterations());
            theta = r.x();
        } else {
            // L-BFGS in standardized coordinates: the same objective, features of any scale alike
            solver = "LBFGS";
            LbfgsOptions o = new LbfgsOptions(10, options.tol(), 0, options.maxIterations(),
                    (int) Math.min(Integer.MAX_VALUE, 20L * options.maxIterations()));
            r = new Lbfgs(o).minimize(sc, new double[sc.parameters()]);
            theta = sc.toOriginal(r.x());
            if (r.converged() && SoftmaxHessian.affordable(obj)) {
                // a gradient at tol is no bound on the distance where the Hessian has small eigenvalues: two Newton
                // steps close it (Newton never raises f)
                NewtonResult nr = new Newton(backend, 0, NEWTON_FINISH_STEPS).minimize(new SoftmaxHessian(obj), theta);
                if (nr.iterations() > 0 && Arrays.stream(nr.x()).allMatch(Double::isFinite)) {
                    theta = nr.x();
                    notes.add("finished with " + nr.iterations() + " Newton step(s) (" + obj.parameters()
                            + " parameters)");
                }
            }
        }
        String reason = r.reason() + " (" + r.evaluations() + " evaluations)";
        for (int j = 0; j < theta.length; j++) {
            if (!Double.isFinite(theta[j])) {
                throw failure(solver + " produced " + theta[j] + " (overflow: rescale the data)", solver, r, t0,
                        notes);
            }
        }
        double[][] w = new double[k][n];
        double[] b = new double[k];
        for (int c = 0; c < k; c++) {
            System.arraycopy(theta, c * n, w[c], 0, n);
            b[c] = options.fitIntercept() ? theta[k * n + c] : 0;
        }
        if (sparse) {
            // W is not centred: the L1 term picks the representative (the smooth part alone does not)
            center(new double[k][0], b, k, 0); // the intercepts only
            int nonZero = 0;
            for (int j = 0; j < k * n; j++) {
                nonZero += theta[j] != 0 ? 1 : 0;
            }
            notes.add(nonZero + " of " + (k * n) + " coefficients non-zero");
            notes.add(r.iterations() + " iterations, objective " + r.value() + " (divided by C·Σs)");
        } else {
            center(w, b, k, n);
        }
        if (penalty == Penalty.NONE) {
            String sep = SoftmaxSeparation.diagnose(obj, theta, classes, options.tol(), data.featureNames());
            if (sep != null) {
                throw failure(sep, solver, r, t0, notes);
            }
        }
        if (!r.converged()) {
            notes.add("WARNING: not converged: " + reason);
            LOG.log(System.Logger.Level.WARNING, "softmax regression did not converge: {0}", reason);
        }
        double[] grad = new double[theta.length];
        obj.value(theta, grad);
        double modulus = !options.fitIntercept() && lambda > 0 ? lambda * sc.minInverseSquaredScale() : 0;
        Certificate certificate = Optimality.of(sc, grad, theta, n, k, sparse ? rho / scale : 0, modulus,
                options.tol());
        FitReport report = new FitReport("softmax", backend.name(), solver, r.iterations(), r.converged(), reason,
                r.history(), Duration.ofNanos(System.nanoTime() - t0), notes, certificate);
        return new SoftmaxResult(new SoftmaxModel(w, b, data.featureNames(), report), report);
    }

    /** Subtracts the class mean from every column of W and from b: the same probabilities, the minimum-norm form. */
    private static void center(double[][] w, double[] b, int k, int n) {
        for (int j = 0; j < n; j++) {
            double mean = 0;
            for (int c = 0; c < k; c++) {
                mean += w[c][j];
            }
            mean /= k;
            for (int c = 0; c < k; c++) {
                w[c][j] -= mean;
            }
        }
        double mean = 0;
        for (int c = 0; c < k; c++) {
            mean += b[c];
        }
        mean /= k;
        for (int c = 0; c < k; c++) {
            b[c] -= mean;
        }
    }

    private FitException failure(String message, String solver, LbfgsResult r, long t0, List<String> notes) {
        FitReport report = new FitReport("softmax", backend.name(), solver, r.iterations(), false, message,
                r.history(), Duration.ofNanos(System.nanoTime() - t0), notes);
        return new FitException(message, report);
    }
}
