package dev.linea.spark;

import dev.linea.kernels.Backend;
import dev.linea.models.FitException;
import dev.linea.models.FitReport;
import dev.linea.models.logistic.ClassWeights;
import dev.linea.models.logistic.LogisticModel;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.LogisticRows;
import dev.linea.models.logistic.LogisticSolver;
import dev.linea.models.logistic.Separation;
import dev.linea.models.logistic.Penalty;
import dev.linea.models.optim.DifferentiableFunction;
import dev.linea.models.optim.Lbfgs;
import dev.linea.models.optim.LbfgsOptions;
import dev.linea.models.optim.LbfgsResult;
import dev.linea.models.optim.Newton;
import dev.linea.models.optim.NewtonResult;
import dev.linea.models.optim.TwiceDifferentiableFunction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Binary logistic regression over a Spark dataset, with the options, objective and stopping rules of the
 * single-machine {@link LogisticRegression}: labels 0/1, sample weights ({@link DistributedData#withWeights}) times
 * class weights, an unpenalized intercept, penalty NONE or L2 ({@code C·Σ s_i·ℓ_i + ½‖β‖²}, solved as the same
 * objective divided by C·Σs, so {@code tol} bounds the same mean-scaled gradient). It returns the same
 * {@link LogisticModel}.
 * <ul>
 *   <li>{@link LogisticSolver#LBFGS}: the models' {@link Lbfgs} on the driver; every loss-and-gradient evaluation
 *       is one Spark job in which each block runs the backend's fused {@code logisticGradient} kernel (X read
 *       once) and the partial sums are merged by a tree reduction in fixed partition order; the penalty is added on the driver.</li>
 *   <li>{@link LogisticSolver#NEWTON} (IRLS): every evaluation is one job returning the loss, the gradient and the
 *       Hessian {@code [X 1]ᵀ·D·[X 1]} (the weighted {@code gram} kernel per block); the driver adds λ, factors it
 *       by Cholesky on the backend ({@code cholesky}/{@code choleskySolve}) and takes the step, halved until the
 *       single machine's Armijo test holds (with its Levenberg damping when the Hessian is not numerically positive
 *       definite). An accepted full step is one job per iteration; each halving costs one more (whose Hessian is
 *       then not used). The driver holds a few p×p matrices (p = features + 1), checked before any job;
 *       L-BFGS holds only vectors of length p.</li>
 * </ul>
 * L1 and ELASTIC_NET (which need coordinate descent over the rows), and the solvers GRADIENT_DESCENT and
 * COORDINATE_DESCENT, are rejected by the constructor with an {@link IllegalArgumentException}.
 *
 * <p><b>Failures</b>, as on one machine: a label other than 0/1 ({@link IllegalArgumentException} naming the
 * partition, row and column, as any bad value), a class without rows or without weight, nothing to fit. Without a
 * penalty, separated classes throw a {@link FitException} with the single machine's three tests (complete
 * separation certified in one pass; quasi-complete by continuing L-BFGS with a 1000 times smaller tolerance, then by
 * refitting without the saturated rows): these cost further passes, only for unpenalized fits. A fit that stops
 * before {@code tol} is returned with {@code converged = false}, the reason in the report and a WARNING logged.
 *
 * <p>The blocks are cached for the duration of the fit (memory and disk, released afterwards) unless the data
 * were already {@link DistributedData#cache() cached}; the report's notes say which, and how many passes ran.
 */
public final class DistributedLogisticRegression {
    private static final System.Logger LOG = System.getLogger(DistributedLogisticRegression.class.getName());

    private final LogisticOptions options;

    /** {@link LogisticOptions#defaults()}: L2, C = 1, intercept, LBFGS, tol 1e-8. */
    public DistributedLogisticRegression() {
        this(LogisticOptions.defaults());
    }

    /**
     * @throws IllegalArgumentException for penalty L1 or ELASTIC_NET, or solver GRADIENT_DESCENT or
     *                                  COORDINATE_DESCENT (not distributed; the message says what is)
     */
    public DistributedLogisticRegression(LogisticOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        if (options.penalty() == Penalty.L1 || options.penalty() == Penalty.ELASTIC_NET) {
            throw new IllegalArgumentException("penalty " + options.penalty() + " is not supported by"
                    + " DistributedLogisticRegression: the non-smooth ‖β‖₁ term needs coordinate descent over the"
                    + " rows (COORDINATE_DESCENT), which is not distributed; supported: penalty NONE or L2 with"
                    + " solver LBFGS or NEWTON (fit L1 or ELASTIC_NET with the single-machine LogisticRegression)");
        }
        if (options.solver() != LogisticSolver.LBFGS && options.solver() != LogisticSolver.NEWTON) {
            throw new IllegalArgumentException("solver " + options.solver() + " is not supported by"
                    + " DistributedLogisticRegression; supported: LBFGS (one pass per loss-and-gradient evaluation)"
                    + " and NEWTON (one pass per iteration), with penalty NONE or L2");
        }
    }

    public LogisticOptions options() {
        return options;
    }

    /**
     * @throws IllegalArgumentException for a bad row (partition, row and column named), a label other than 0/1, a
     *                                  class without rows or weight, no rows, no column and no intercept
     * @throws FitException             for separated classes without penalty, or a non-finite result
     */
    public DistributedLogisticResult fit(DistributedData data) {
        Objects.requireNonNull(data, "data");
        data.requireNoOffset("DistributedLogisticRegression");
        long t0 = System.nanoTime();
        int n = data.cols();
        boolean icpt = options.fitIntercept();
        int p = DistributedData.parameters(n, icpt);
        LogisticSolver solver = options.solver();
        if (solver == LogisticSolver.NEWTON) {
            DriverMemory.check(p, 4, "logistic regression (Newton)");
        }
        return data.withCache((d, ownCache) -> fit(d, ownCache, n, p, icpt, solver, t0));
    }

    private DistributedLogisticResult fit(DistributedData data, boolean ownCache, int n, int p, boolean icpt,
                                          LogisticSolver solver, long t0) {
        int[] passes = {0};
        double[] lab = LogisticPasses.labels(data.blocks(), data.labelColumn());
        passes[0]++;
        long[] counts = {(long) lab[0], (long) lab[1]};
        long rows = counts[0] + counts[1];
        if (rows == 0) {
            throw new IllegalArgumentException("the data have no rows: nothing to fit");
        }
        for (int c = 0; c < 2; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("label '" + data.labelColumn() + "' has no row of class " + c
                        + ", expected both classes 0 and 1 to occur");
            }
        }
        ClassWeights cw = options.classWeight();
        double[] mult = cw.resolve(counts);
        boolean unitMult = mult[0] == 1 && mult[1] == 1;
        boolean unit = unitMult && !data.weighted();
        double sumS;
        if (unit) {
            sumS = rows;
        } else {
            double[] perClass = {lab[2] * mult[0], lab[3] * mult[1]};
            for (int c = 0; c < 2; c++) {
                if (!(perClass[c] > 0)) {
                    throw new IllegalArgumentException("class " + c + " has total weight " + perClass[c]
                            + " (sample weights times class weight " + mult[c] + "), expected every class to carry"
                            + " positive weight");
                }
            }
            sumS = perClass[0] + perClass[1];
        }
        LogisticPasses.Setup st = new LogisticPasses.Setup(data.blocks(), data.executorBackend(), n, icpt,
                unitMult ? null : mult);
        Penalty penalty = options.penalty();
        boolean penalized = penalty != Penalty.NONE;
        double lambda = penalized ? 1 / (options.c() * sumS) : 0;
        List<String> notes = new ArrayList<>();
        notes.add(penalized ? "L2 penalty, C = " + options.c() + " (λ = 1/C = " + 1 / options.c() + ")"
                : "no penalty");
        if (!unit && !cw.equals(ClassWeights.none())) {
            notes.add("class weights " + Arrays.toString(mult));
        }
        DifferentiableFunction objective = objective(st, null, sumS, lambda, passes);
        Sol sol = solver == LogisticSolver.NEWTON
                ? newton(st, data.driverBackend(), sumS, lambda, passes)
                : lbfgs(objective, p);
        double[] theta = sol.theta;
        List<String> names = data.featureNames();
        for (int j = 0; j < theta.length; j++) {
            if (!Double.isFinite(theta[j])) {
                String what = j < n ? "'" + names.get(j) + "'" : "the intercept";
                throw failure("the solver produced " + theta[j] + " for " + what + " (overflow: rescale the data)",
                        sol, data, t0, notes, passes, ownCache, rows);
            }
        }
        if (!penalized) {
            String sep = separation(st, objective, theta, names, passes);
            if (sep != null) {
                throw failure(sep, sol, data, t0, notes, passes, ownCache, rows);
            }
        } else {
            int nonZero = 0;
            for (int j = 0; j < n; j++) {
                nonZero += theta[j] != 0 ? 1 : 0;
            }
            notes.add(nonZero + " of " + n + " coefficients non-zero");
        }
        if (!sol.converged) {
            notes.add("WARNING: not converged: " + sol.reason);
            LOG.log(System.Logger.Level.WARNING, "distributed logistic regression ({0}) did not converge: {1}",
                    solver, sol.reason);
        }
        addDistributedNotes(notes, data, passes[0], ownCache, rows);
        FitReport report = new FitReport("logistic", data.backendName(), solver.name(), sol.iterations,
                sol.converged, sol.reason, sol.history, Duration.ofNanos(System.nanoTime() - t0), notes);
        double b = icpt ? theta[n] : 0;
        LogisticModel model = new LogisticModel(b, Arrays.copyOf(theta, n), names, report);
        return new DistributedLogisticResult(model, report, rows, sumS, passes[0]);
    }

    /**
     * The single machine's mean-scaled objective {@code (1/Σs)·Σ s_i·ℓ_i + (λ/2)·‖β‖²}, one pass per call. With
     * {@code mask}, rows saturated at {@code mask} are left out (Σs is then theirs).
     */
    private static DifferentiableFunction objective(LogisticPasses.Setup st, double[] mask, double sumS,
                                                    double lambda, int[] passes) {
        int n = st.n();
        int p = st.parameters();
        return (theta, grad) -> {
            double[] r = LogisticPasses.lossGradient(st, theta, mask);
            passes[0]++;
            System.arraycopy(r, 0, grad, 0, p);
            return LogisticRows.value(r[p], grad, theta, n, sumS, lambda);
        };
    }

    private Sol lbfgs(DifferentiableFunction f, int p) {
        // functionTolerance 0 (off): stop on the gradient only, as tol promises (the single machine's options)
        LbfgsOptions o = new LbfgsOptions(10, options.tol(), 0, options.maxIterations(),
                (int) Math.min(Integer.MAX_VALUE, 20L * options.maxIterations()));
        LbfgsResult r = new Lbfgs(o).minimize(f, new double[p]);
        return new Sol(r.x(), r.iterations(), r.converged(), r.reason() + " (" + r.evaluations() + " evaluations)",
                r.history());
    }

    /** The models' {@link Newton} (its step, damping, Armijo and rounding-level tests), every trial point one pass. */
    private Sol newton(LogisticPasses.Setup st, Backend backend, double sumS, double lambda, int[] passes) {
        NewtonResult r = new Newton(backend, options.tol(), options.maxIterations())
                .minimize(new NewtonObjective(st, sumS, lambda, passes), new double[st.parameters()]);
        return new Sol(r.x(), r.iterations(), r.converged(), r.reason(), r.history());
    }

    /**
     * The mean-scaled objective for Newton: each evaluation is one pass returning the loss, the gradient and the
     * Hessian, which is kept for {@link #hessian} at the same point (Newton asks for it at the point it accepted
     * last, so an accepted full step costs one pass).
     */
    private static final class NewtonObjective implements TwiceDifferentiableFunction {
        private final LogisticPasses.Setup st;
        private final double sumS;
        private final double lambda;
        private final int[] passes;
        private double[] at;
        private double[] pass;

        NewtonObjective(LogisticPasses.Setup st, double sumS, double lambda, int[] passes) {
            this.st = st;
            this.sumS = sumS;
            this.lambda = lambda;
            this.passes = passes;
        }

        @Override
        public double value(double[] theta, double[] grad) {
            int p = st.parameters();
            pass = LogisticPasses.newton(st, theta, sumS);
            passes[0]++;
            at = theta.clone();
            System.arraycopy(pass, 1, grad, 0, p);
            return LogisticRows.value(pass[0], grad, theta, st.n(), sumS, lambda);
        }

        @Override
        public void hessian(double[] theta, double[] h) {
            int p = st.parameters();
            if (at == null || !Arrays.equals(at, theta)) {
                value(theta, new double[p]);
            }
            System.arraycopy(pass, 1 + p, h, 0, p * p);
            LogisticRows.penalize(h, p, st.n(), lambda);
        }
    }

    /**
     * The models' {@link Separation} diagnosis with its passes as Spark jobs: complete separation from one margin
     * pass; quasi-complete by continuing the minimization with tol/1000 and one margin pass; else by refitting
     * without the saturated rows and one margin pass of the difference.
     *
     * @return null when no separation is found, else the FitException's message
     */
    private String separation(LogisticPasses.Setup st, DifferentiableFunction objective, double[] theta,
                              List<String> names, int[] passes) {
        Separation.Data passData = new Separation.Data() {
            @Override
            public Separation.Margins margins(double[] t, double[] ref) {
                passes[0]++;
                return LogisticPasses.margins(st, t, ref);
            }

            @Override
            public DifferentiableFunction withoutSaturated(double[] mask, double restWeight) {
                return objective(st, mask, restWeight, 0, passes);
            }
        };
        return Separation.diagnose(passData, objective, theta, options.tol(), names);
    }

    private FitException failure(String message, Sol sol, DistributedData data, long t0, List<String> notes,
                                 int[] passes, boolean ownCache, long rows) {
        List<String> all = new ArrayList<>(notes);
        addDistributedNotes(all, data, passes[0], ownCache, rows);
        FitReport report = new FitReport("logistic", data.backendName(), options.solver().name(), sol.iterations,
                false, message, sol.history, Duration.ofNanos(System.nanoTime() - t0), all);
        return new FitException(message, report);
    }

    static void addDistributedNotes(List<String> notes, DistributedData data, int passes, boolean ownCache,
                                    long rows) {
        notes.add("distributed: " + passes + " pass(es) over " + rows + " rows, executors on the "
                + data.backendName() + " backend");
        notes.add(ownCache ? "blocks cached (memory and disk) for the duration of the fit, released afterwards"
                : "blocks already cached by the caller (DistributedData.cache()), kept");
    }

    /** A solver's outcome: parameters, iterations, whether and why it stopped, f per iteration. */
    private record Sol(double[] theta, int iterations, boolean converged, String reason, double[] history) {
    }
}
