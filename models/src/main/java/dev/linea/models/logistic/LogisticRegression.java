package dev.linea.models.logistic;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.FitException;
import dev.linea.models.FitReport;
import dev.linea.models.optim.Lbfgs;
import dev.linea.models.optim.LbfgsOptions;
import dev.linea.models.optim.LbfgsResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Binary logistic regression with scikit-learn's objective. Labels are 0/1 in {@link Dataset#y}; with margins
 * {@code z_i = x_iᵀβ + b} and the log-loss {@code ℓ_i = log(1 + e^{z_i}) − y_i·z_i}, it minimizes
 * <pre>
 *   L2:    C·Σ_i s_i·ℓ_i + ½·‖β‖²          (equivalently Σ_i s_i·ℓ_i + (λ/2)·‖β‖² with λ = 1/C)
 *   NONE:  Σ_i s_i·ℓ_i
 * </pre>
 * with the intercept b unpenalized and {@code s_i = w_i·c_{y_i}}: the dataset's sample weight times the class
 * weight ({@link ClassWeights}, scikit-learn's {@code class_weight}). The penalty is not divided by the number of
 * rows, so, as in scikit-learn, a given C regularizes less as rows are added. The solvers work on the same objective
 * divided by C·Σs (the same minimizer; the gradient no longer scales with Σs, which makes {@code tol} meaningful
 * across data sizes), and {@link FitReport#lossHistory()} holds that mean-scaled objective per iteration.
 *
 * <p>Every loss-and-gradient evaluation is one call of the backend's fused {@link Backend#logisticGradient}
 * kernel (X read once). NEWTON adds the weighted {@code gram} and {@code cholesky}/{@code choleskySolve} kernels.
 *
 * <p><b>Failures.</b> Labels other than 0/1, a class without rows, or nothing to fit are misuse
 * ({@link IllegalArgumentException}). Without a penalty, separated classes (see {@link Separation}: complete
 * separation is certified, quasi-complete detected by continuing or refitting) throw a {@link FitException} naming
 * the features that carry the separating direction and advising an L2 penalty, rather than returning huge,
 * meaningless coefficients (the checks cost one or two further L-BFGS runs, only without a penalty). With L2 the
 * minimizer always exists and separation is not an error. A fit that stops before {@code tol} is met is returned
 * with {@code converged = false}, its reason in the report and a WARNING logged through {@link System.Logger}.
 *
 * <p>Thread-safe: an instance holds only its options and backend.
 */
public final class LogisticRegression {
    private static final System.Logger LOG = System.getLogger(LogisticRegression.class.getName());

    private final LogisticOptions options;
    private final Backend backend;

    /** {@link LogisticOptions#defaults()} on the default backend. */
    public LogisticRegression() {
        this(LogisticOptions.defaults());
    }

    public LogisticRegression(LogisticOptions options) {
        this(options, Backends.defaultBackend());
    }

    public LogisticRegression(LogisticOptions options, Backend backend) {
        this.options = Objects.requireNonNull(options, "options");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    public LogisticOptions options() {
        return options;
    }

    /**
     * @param data X, 0/1 labels in y, optional sample weights; not modified
     * @throws IllegalArgumentException for labels other than 0/1, a missing class, or no column and no intercept
     * @throws FitException             for separated classes without penalty, or a non-finite result
     */
    public LogisticResult fit(Dataset data) {
        Objects.requireNonNull(data, "data");
        long t0 = System.nanoTime();
        if (data.cols() == 0 && !options.fitIntercept()) {
            throw new IllegalArgumentException("nothing to fit: the dataset has 0 columns and fitIntercept is false");
        }
        int m = data.rows();
        int n = data.cols();
        int[] classes = Labels.classes(data, true);
        double[] s = Labels.effectiveWeights(data, classes, 2, options.classWeight());
        double sumS = Labels.sum(s, m);
        boolean l2 = options.penalty() == Penalty.L2;
        double lambda = l2 ? 1 / (options.c() * sumS) : 0;
        LogisticObjective obj = new LogisticObjective(backend, m, n, data.xUnsafe(), data.yUnsafe(), s,
                options.fitIntercept(), lambda);
        List<String> notes = new ArrayList<>();
        notes.add(l2 ? "L2 penalty, C = " + options.c() + " (λ = 1/C = " + 1 / options.c() + ")" : "no penalty");
        if (s != null && !options.classWeight().equals(ClassWeights.none())) {
            notes.add("class weights " + Arrays.toString(options.classWeight().resolve(Labels.counts(classes, 2))));
        }
        Solution sol = switch (options.solver()) {
            case LBFGS -> lbfgs(obj);
            case NEWTON -> NewtonIrls.solve(obj, options.tol(), options.maxIterations());
            case GRADIENT_DESCENT -> SteepestDescent.solve(obj, options.tol(), options.maxIterations());
        };
        double[] theta = sol.theta();
        for (int j = 0; j < theta.length; j++) {
            if (!Double.isFinite(theta[j])) {
                String what = j < n ? "'" + data.featureNames().get(j) + "'" : "the intercept";
                throw failure("the solver produced " + theta[j] + " for " + what + " (overflow: rescale the data)",
                        sol, t0, notes);
            }
        }
        if (!l2) {
            String sep = Separation.diagnose(obj, theta, options.tol(), data.featureNames());
            if (sep != null) {
                throw failure(sep, sol, t0, notes);
            }
        }
        if (!sol.converged()) {
            notes.add("WARNING: not converged: " + sol.reason());
            LOG.log(System.Logger.Level.WARNING, "logistic regression ({0}) did not converge: {1}",
                    options.solver(), sol.reason());
        }
        FitReport report = new FitReport("logistic", backend.name(), options.solver().name(), sol.iterations(),
                sol.converged(), sol.reason(), sol.history(), Duration.ofNanos(System.nanoTime() - t0), notes);
        double b = options.fitIntercept() ? theta[n] : 0;
        LogisticModel model = new LogisticModel(b, Arrays.copyOf(theta, n), data.featureNames(), report);
        return new LogisticResult(model, report);
    }

    private Solution lbfgs(LogisticObjective obj) {
        // functionTolerance 0 (off): stop on the gradient only, as tol promises
        LbfgsOptions o = new LbfgsOptions(10, options.tol(), 0, options.maxIterations(),
                (int) Math.min(Integer.MAX_VALUE, 20L * options.maxIterations()));
        LbfgsResult r = new Lbfgs(o).minimize(obj, new double[obj.parameters()]);
        return new Solution(r.x(), r.iterations(), r.converged(), r.reason() + " (" + r.evaluations()
                + " evaluations)", r.history());
    }

    private FitException failure(String message, Solution sol, long t0, List<String> notes) {
        FitReport report = new FitReport("logistic", backend.name(), options.solver().name(), sol.iterations(), false,
                message, sol.history(), Duration.ofNanos(System.nanoTime() - t0), notes);
        return new FitException(message, report);
    }
}
