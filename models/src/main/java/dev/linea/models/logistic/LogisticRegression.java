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
 * Binary logistic regression with scikit-learn's objective. Labels are 0/1 in {@link Dataset#y}; with margins
 * {@code z_i = x_iᵀβ + b} and the log-loss {@code ℓ_i = log(1 + e^{z_i}) − y_i·z_i}, it minimizes
 * <pre>
 *   L2:           C·Σ_i s_i·ℓ_i + ½·‖β‖²          (equivalently Σ_i s_i·ℓ_i + (λ/2)·‖β‖² with λ = 1/C)
 *   L1:           C·Σ_i s_i·ℓ_i + ‖β‖₁
 *   ELASTIC_NET:  C·Σ_i s_i·ℓ_i + (1 − ρ)/2·‖β‖² + ρ·‖β‖₁      (ρ = {@link LogisticOptions#l1Ratio()})
 *   NONE:         Σ_i s_i·ℓ_i
 * </pre>
 * with the intercept b unpenalized and {@code s_i = w_i·c_{y_i}}: the dataset's sample weight times the class
 * weight ({@link ClassWeights}, scikit-learn's {@code class_weight}). The penalty is not divided by the number of
 * rows, so, as in scikit-learn, a given C regularizes less as rows are added. The solvers work on the same objective
 * divided by C·Σs (the same minimizer; the gradient no longer scales with Σs, which makes {@code tol} meaningful
 * across data sizes), and {@link FitReport#lossHistory()} holds that mean-scaled objective per iteration.
 *
 * <p><b>Scale and accuracy.</b> LBFGS and GRADIENT_DESCENT iterate in the standardized coordinates of
 * {@link StandardizedCoordinates} (features centred and divided by {@code sqrt(sd_j² + λ/¼)}: the same objective,
 * so the same minimizer, with columns of any scale alike), and {@code tol} bounds the gradient there. Once they have
 * met it, a fit with at most {@value #NEWTON_FINISH_MAX_PARAMETERS} parameters is finished by Newton steps
 * ({@link Newton#polish}: at most {@value #NEWTON_FINISH_STEPS} steps on at most {@value #NEWTON_FINISH_HESSIANS}
 * Hessians, chord steps reusing the factored Hessian while they contract the gradient fast, until the Newton
 * decrement is at rounding): a small gradient is no bound on the distance to the optimum when the Hessian has small
 * eigenvalues, and Newton's quadratic convergence closes it. The report's {@link Certificate} is the gradient (or,
 * with an ℓ₁ term, the minimum-norm subgradient) at the returned coefficients in those coordinates (the finish's own
 * last evaluation: the objective remembers it, so the certificate costs no pass).
 *
 * <p>Every loss-and-gradient evaluation is one call of the backend's fused {@link Backend#logisticGradient}
 * kernel (X read once). NEWTON adds the weighted {@code gram} and {@code cholesky}/{@code choleskySolve} kernels.
 * The rows are reached only through their passes, {@link LogisticData}: {@link #fit(Dataset)} loops over the rows
 * in memory, and a distributed fit (the spark module's {@code DistributedLogisticRegression}) hands
 * {@link #fit(LogisticData)} one job per pass, so the driver, its stopping rules and its failures exist once.
 *
 * <p><b>L1 and elastic net.</b> ‖β‖₁ is not differentiable at 0, so L-BFGS, Newton and gradient descent (which
 * assume a smooth objective) cannot find the exact zeros. These penalties are fitted by
 * {@link LogisticSolver#COORDINATE_DESCENT} (glmnet's IRLS outer loop with a coordinate-descent, soft-thresholding
 * inner loop): with the default solver LBFGS it is selected automatically (noted in the report), while NEWTON and
 * GRADIENT_DESCENT are rejected by the constructor with an {@link IllegalArgumentException}. The report's notes give
 * the number of non-zero coefficients.
 *
 * <p><b>Failures.</b> Labels other than 0/1, a class without rows, or nothing to fit are misuse
 * ({@link IllegalArgumentException}). Without a penalty, separated classes (see {@link Separation}: complete
 * separation is certified, quasi-complete detected by continuing or refitting) throw a {@link FitException} naming
 * the features that carry the separating direction and advising an L2 penalty, rather than returning huge,
 * meaningless coefficients (the checks cost one or two further L-BFGS runs, only without a penalty). With any
 * penalty (L2, L1, ELASTIC_NET) the minimizer always exists and separation is not an error. A fit that stops before {@code tol} is met is returned
 * with {@code converged = false}, its reason in the report and a WARNING logged through {@link System.Logger}.
 *
 * <p>Thread-safe: an instance holds only its options and backend.
 */
public final class LogisticRegression {
    private static final System.Logger LOG = System.getLogger(LogisticRegression.class.getName());
    /**
     * The most columns a sparse fit that forms the Hessian takes: (46339 + 1)² is the largest square below Java's
     * array limit (it is 17 GB of doubles; the CLI refuses earlier, by the heap it has).
     */
    public static final int MAX_SPARSE_HESSIAN_COLUMNS = 46_339;

    /** The logistic loss's curvature σ(z)(1 − σ(z)) at z = 0: what a unit of feature spread weighs in the Hessian. */
    static final double LOSS_CURVATURE = 0.25;
    /** Parameters up to which a first-order fit is finished by Newton steps (see {@link #finish}). */
    static final int NEWTON_FINISH_MAX_PARAMETERS = 200;
    /**
     * Hessians formed at most in that finish: from a gradient at tol one usually serves every step (chord steps,
     * {@link Newton#polish}); a second is formed where the first step shows the quadratic region not yet reached.
     */
    static final int NEWTON_FINISH_HESSIANS = 2;
    /**
     * Steps at most in that finish: a chord step costs one gradient pass, a Hessian (2e5×100) about nine, so up to
     * four chord steps after the Newton step are cheaper than a second Hessian. From a gradient at tol, one to three
     * steps usually reach rounding.
     */
    static final int NEWTON_FINISH_STEPS = 5;

    private final LogisticOptions options;
    private final Backend backend;

    /** {@link LogisticOptions#defaults()} on the default backend. */
    public LogisticRegression() {
        this(LogisticOptions.defaults());
    }

    public LogisticRegression(LogisticOptions options) {
        this(options, Backends.defaultBackend());
    }

    /**
     * @throws IllegalArgumentException for penalty L1 or ELASTIC_NET with solver NEWTON or GRADIENT_DESCENT (they
     *                                  need a differentiable objective; LBFGS is replaced by COORDINATE_DESCENT)
     */
    public LogisticRegression(LogisticOptions options, Backend backend) {
        this.options = Objects.requireNonNull(options, "options");
        this.backend = Objects.requireNonNull(backend, "backend");
        if (nonSmooth(options.penalty()) && (options.solver() == LogisticSolver.NEWTON
                || options.solver() == LogisticSolver.GRADIENT_DESCENT)) {
            throw new IllegalArgumentException("penalty " + options.penalty() + " is not differentiable: solver "
                    + options.solver() + " cannot fit it; use COORDINATE_DESCENT (LBFGS selects it automatically)");
        }
    }

    private static boolean nonSmooth(Penalty p) {
        return p == Penalty.L1 || p == Penalty.ELASTIC_NET;
    }

    public LogisticOptions options() {
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
    public LogisticResult fit(Design design) {
        return fit(java.util.Objects.requireNonNull(design, "design").rowsFor("logistic regression", options.fitIntercept(), false));
    }

    /**
     * @param data X, 0/1 labels in y, optional sample weights; not modified
     * @throws IllegalArgumentException for labels other than 0/1, a missing class, or no column and no intercept
     * @throws FitException             for separated classes without penalty, or a non-finite result
     */
    public LogisticResult fit(Dataset data) {
        Objects.requireNonNull(data, "data");
        return fit(new LocalLogisticData(backend, data));
    }

    /**
     * Fits a sparse design (CSR) with the same objective, solvers and certificate as {@link #fit(Dataset)}: every
     * pass is one sparse kernel over the non-zeros ({@link Backend#sparseLogisticGradient}), X is never densified;
     * the design's affine map, if any, defines the features (z = (x − c)·d), its weights are the sample weights.
     * The same results as {@link #fit(Dataset)} on the densified data, to rounding.
     *
     * <p>L2 by L-BFGS (the default) needs O(columns) memory, so it takes hashed designs of 2^20 columns; solver
     * NEWTON and penalties L1 / ELASTIC_NET (coordinate descent on the quadratic model) form the dense
     * (columns + 1)² Hessian, so they take at most {@link #MAX_SPARSE_HESSIAN_COLUMNS} columns.
     *
     * @param design X (CSR), 0/1 labels in y, optional sample weights, no offsets; not modified
     * @throws IllegalArgumentException for labels other than 0/1, a missing class, offsets, no column and no
     *                                  intercept, or more than {@link #MAX_SPARSE_HESSIAN_COLUMNS} columns for a
     *                                  solver or penalty that needs the Hessian
     * @throws FitException             for separated classes without penalty, or a non-finite result
     */
    public LogisticResult fit(dev.linea.models.SparseDesign design) {
        Objects.requireNonNull(design, "design");
        boolean hessian = options.solver() == LogisticSolver.NEWTON || nonSmooth(options.penalty());
        if (hessian && design.cols() > MAX_SPARSE_HESSIAN_COLUMNS) {
            throw new IllegalArgumentException("the sparse design has " + design.cols() + " columns, expected at "
                    + "most " + MAX_SPARSE_HESSIAN_COLUMNS + " for " + (nonSmooth(options.penalty())
                    ? "penalty " + options.penalty() : "solver NEWTON") + " (it forms a dense (columns + 1)² "
                    + "Hessian, one Java array); use penalty L2 with solver LBFGS, which needs O(columns) memory, or "
                    + "ElasticNet for an L1 penalty on many columns");
        }
        return fit(new SparseLogisticData(backend, design));
    }


    /**
     * Fits rows reached through their passes ({@link LogisticData}): the rows of a {@link Dataset}, or a distributed
     * dataset's blocks. Everything else (class weights, the objective, the solver, the stopping rules, the
     * separation checks, the certificate, the report) is this driver's, whatever the data; the backend given to the
     * constructor solves the p×p systems of NEWTON (p = features + 1).
     *
     * @param data the rows; their passes do not modify them
     * @throws IllegalArgumentException for labels other than 0/1, a missing class or a class without weight, or no
     *                                  column and no intercept
     * @throws FitException             for separated classes without penalty, or a non-finite result
     */
    public LogisticResult fit(LogisticData data) {
        Objects.requireNonNull(data, "data");
        long t0 = System.nanoTime();
        List<String> names = data.featureNames();
        int n = names.size();
        if (n == 0 && !options.fitIntercept()) {
            throw new IllegalArgumentException("nothing to fit: the dataset has 0 columns and fitIntercept is false");
        }
        LogisticData.ClassTotals totals = data.classTotals();
        double[] mult = options.classWeight().resolve(totals.rows());
        boolean unitMult = mult[0] == 1 && mult[1] == 1;
        double[] perClass = totals.perClass(mult);
        Labels.requirePositive(perClass, mult);
        double sumS = perClass[0] + perClass[1];
        Penalty penalty = options.penalty();
        boolean penalized = penalty != Penalty.NONE;
        double rho = options.effectiveL1Ratio();
        double scale = penalized ? 1 / (options.c() * sumS) : 0;
        // the smooth part's λ is the L2 weight α₂ = (1 − ρ)/(C·Σs); the L1 weight α₁ = ρ/(C·Σs) stays with the solver
        double lambda = (1 - rho) * scale;
        double alpha1 = rho * scale;
        LogisticObjective obj = new LogisticObjective(data.weighted(unitMult ? null : mult, options.fitIntercept()),
                n, options.fitIntercept(), sumS, lambda);
        List<String> notes = new ArrayList<>();
        notes.add(switch (penalty) {
            case NONE -> "no penalty";
            case L2 -> "L2 penalty, C = " + options.c() + " (λ = 1/C = " + 1 / options.c() + ")";
            case L1 -> "L1 penalty, C = " + options.c();
            case ELASTIC_NET -> "elastic-net penalty, C = " + options.c() + ", l1Ratio = " + rho;
        });
        LogisticSolver solver = options.solver();
        if (nonSmooth(penalty) && solver == LogisticSolver.LBFGS) {
            solver = LogisticSolver.COORDINATE_DESCENT;
            notes.add("solver COORDINATE_DESCENT instead of LBFGS: L-BFGS cannot handle the non-smooth ‖β‖₁ term");
        }
        if (!unitMult && !options.classWeight().equals(ClassWeights.none())) {
            notes.add("class weights " + Arrays.toString(mult));
        }
        // First-order solvers iterate in standardized coordinates (same objective, features of any scale alike)
        StandardizedCoordinates sc = StandardizedCoordinates.of(obj, n, 1, options.fitIntercept(),
                data.columnSpread(options.fitIntercept()), lambda / LOSS_CURVATURE);
        // one objective for the solvers that ask for Hessians (a distributed one fuses them into its passes)
        LogisticObjective fused = obj.fusingHessian();
        Solution sol = switch (solver) {
            case LBFGS -> lbfgs(sc);
            case COORDINATE_DESCENT -> LogisticCoordinateDescent.solve(fused, alpha1, options.tol(),
                    options.maxIterations(), sc);
            case NEWTON -> newton(fused);
            case GRADIENT_DESCENT -> original(sc, SteepestDescent.solve(sc, sc.parameters(), options.tol(),
                    options.maxIterations()));
        };
        double[] theta = finish(fused, sol, solver, notes);
        for (int j = 0; j < theta.length; j++) {
            if (!Double.isFinite(theta[j])) {
                String what = j < n ? "'" + names.get(j) + "'" : "the intercept";
                throw failure("the solver produced " + theta[j] + " for " + what + " (overflow: rescale the data)",
                        sol, solver, t0, notes, data);
            }
        }
        if (!penalized) {
            String sep = Separation.diagnose(obj, theta, options.tol(), names);
            if (sep != null) {
                throw failure(sep, sol, solver, t0, notes, data);
            }
        }
        if (penalized) {
            int nonZero = 0;
            for (int j = 0; j < n; j++) {
                nonZero += theta[j] != 0 ? 1 : 0;
            }
            notes.add(nonZero + " of " + n + " coefficients non-zero");
        }
        if (!sol.converged()) {
            notes.add("WARNING: not converged: " + sol.reason());
            LOG.log(System.Logger.Level.WARNING, "logistic regression ({0}) did not converge: {1}",
                    solver, sol.reason());
        }
        // at the point the finish (or NEWTON) evaluated last, the fused objective answers without a pass
        Certificate certificate = certificate(fused.remembers(theta) ? fused : obj, sc, theta, lambda, alpha1);
        notes.addAll(data.notes());
        FitReport report = new FitReport("logistic", data.backendName(), solver.name(), sol.iterations(),
                sol.converged(), sol.reason(), sol.history(), Duration.ofNanos(System.nanoTime() - t0), notes,
                certificate);
        double b = options.fitIntercept() ? theta[n] : 0;
        LogisticModel model = new LogisticModel(b, Arrays.copyOf(theta, n), names, report);
        return new LogisticResult(model, report);
    }

    /**
     * The certificate at the returned θ: max |∇f| of the mean-scaled objective f in standardized coordinates u (the
     * measure tol bounds; with an ℓ₁ term the minimum-norm subgradient), and, when f is strongly convex in u
     * through its L2 term alone (no intercept, L2 weight λ &gt; 0: modulus λ·min_j 1/σ_j²), the bound on ‖u − u*‖₂.
     */
    private Certificate certificate(LogisticObjective obj, StandardizedCoordinates sc, double[] theta, double lambda,
                                    double alpha1) {
        double[] g = new double[theta.length];
        obj.value(theta, g);
        double modulus = !options.fitIntercept() && lambda > 0 ? lambda * sc.minInverseSquaredScale() : 0;
        return Optimality.of(sc, g, theta, obj.n, 1, alpha1, modulus, options.tol());
    }

    private Solution lbfgs(StandardizedCoordinates sc) {
        // functionTolerance 0 (off): stop on the gradient only, as tol promises
        LbfgsOptions o = new LbfgsOptions(10, options.tol(), 0, options.maxIterations(),
                (int) Math.min(Integer.MAX_VALUE, 20L * options.maxIterations()));
        LbfgsResult r = new Lbfgs(o).minimize(sc, new double[sc.parameters()]);
        return original(sc, new Solution(r.x(), r.iterations(), r.converged(), r.reason() + " (" + r.evaluations()
                + " evaluations)", r.history()));
    }

    /**
     * After a first-order solver has met tol: with few parameters (p ≤ {@value #NEWTON_FINISH_MAX_PARAMETERS}, so
     * the p×p Hessian costs about what a few gradient passes do), Newton steps ({@link Newton#polish}): one
     * Hessian, formed and factored at the solver's point, serves a Newton step and then chord steps (one gradient
     * pass each) while they bring the Newton decrement to rounding within the steps left (each contracts max |∇f|
     * about as the first did); a second is formed where they would not. It stops when the decrement is at rounding. A gradient at tol is no bound on the distance to the optimum when the
     * Hessian has small eigenvalues (collinear columns: the distance is about gradient/eigenvalue); Newton's quadratic
     * convergence closes it. No step raises f beyond its rounding, so the result is never worse.
     *
     * @return θ, finished where that applies
     */
    private double[] finish(LogisticObjective obj, Solution sol, LogisticSolver solver, List<String> notes) {
        double[] theta = sol.theta();
        if (!sol.converged() || solver == LogisticSolver.NEWTON || solver == LogisticSolver.COORDINATE_DESCENT
                || obj.parameters() > NEWTON_FINISH_MAX_PARAMETERS) {
            return theta;
        }
        NewtonResult r = new Newton(backend, 0, NEWTON_FINISH_STEPS).polish(obj, theta, NEWTON_FINISH_HESSIANS,
                NEWTON_FINISH_STEPS);
        double[] x = r.x();
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return theta;
            }
        }
        if (r.iterations() > 0) {
            notes.add("finished with " + r.iterations() + " Newton step(s) on " + r.hessians() + " Hessian(s) ("
                    + obj.parameters() + " parameters)");
        }
        return x;
    }

    /** The solution with its standardized parameters mapped back to the original scale. */
    private static Solution original(StandardizedCoordinates sc, Solution u) {
        return new Solution(sc.toOriginal(u.theta()), u.iterations(), u.converged(), u.reason(), u.history());
    }

    private Solution newton(LogisticObjective obj) {
        NewtonResult r = new Newton(backend, options.tol(), options.maxIterations())
                .minimize(obj, new double[obj.parameters()]);
        return new Solution(r.x(), r.iterations(), r.converged(), r.reason(), r.history());
    }

    private FitException failure(String message, Solution sol, LogisticSolver solver, long t0,
                                 List<String> notes, LogisticData data) {
        List<String> all = new ArrayList<>(notes);
        all.addAll(data.notes());
        FitReport report = new FitReport("logistic", data.backendName(), solver.name(), sol.iterations(), false,
                message, sol.history(), Duration.ofNanos(System.nanoTime() - t0), all);
        return new FitException(message, report);
    }
}
