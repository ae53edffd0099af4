package dev.linea.spark;

import dev.linea.kernels.Backends;
import dev.linea.models.FitException;
import dev.linea.models.logistic.LogisticModel;
import dev.linea.models.logistic.LogisticData;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.LogisticResult;
import dev.linea.models.logistic.LogisticSolver;
import dev.linea.models.logistic.Penalty;

import java.util.List;
import java.util.Objects;

/**
 * Binary logistic regression over a Spark dataset: the single-machine {@link LogisticRegression} itself (its
 * options, objective, solvers, stopping rules, separation checks, certificate and failures), run by
 * {@link LogisticRegression#fit(LogisticData)} on the dataset's blocks, every pass over the rows one Spark job
 * ({@link DistributedLogisticData}). It returns the same {@link LogisticModel}. Labels 0/1, sample weights
 * ({@link DistributedData#withWeights}) times class weights, every penalty and solver of the single machine:
 * <ul>
 *   <li>{@link LogisticSolver#LBFGS} (the default) and {@link LogisticSolver#GRADIENT_DESCENT}: each
 *       loss-and-gradient evaluation is one job in which each block runs the backend's fused
 *       {@code logisticGradient} kernel (X read once) and the partial sums are merged by a tree reduction in fixed
 *       partition order; the scaling and the penalty are added on the driver.</li>
 *   <li>{@link LogisticSolver#NEWTON} (IRLS) and {@link LogisticSolver#COORDINATE_DESCENT} (L1, elastic net):
 *       every evaluation is one job returning the loss, the gradient and the Hessian {@code [X 1]ᵀ·D·[X 1]} (the
 *       weighted {@code gram} kernel per block), kept for the step from that point; the driver solves the p×p
 *       systems on its backend. An accepted full step is one job per iteration; each halving costs one more. The
 *       driver holds a few p×p matrices (p = features + 1), checked before any job.</li>
 * </ul>
 * Then, as on one machine, one more pass for the certificate (the mean-scaled gradient at the result), and without a
 * penalty the separation checks (one margin pass; quasi-complete separation by continuing L-BFGS, then by a refit
 * without the saturated rows: further passes).
 *
 * <p><b>Failures</b>, as on one machine: a label other than 0/1 ({@link IllegalArgumentException} naming the
 * partition, row and column, as any bad value), a class without rows or without weight, nothing to fit; separated
 * classes without a penalty as a {@link FitException}. A fit that stops before {@code tol} is returned with
 * {@code converged = false}, the reason in the report and a WARNING logged.
 *
 * <p>The blocks are cached for the duration of the fit (memory and disk, released afterwards) unless the data
 * were already {@link DistributedData#cache() cached}; the report's notes say which, and how many passes ran.
 */
public final class DistributedLogisticRegression {
    private final LogisticOptions options;

    /** {@link LogisticOptions#defaults()}: L2, C = 1, intercept, LBFGS, tol 1e-8. */
    public DistributedLogisticRegression() {
        this(LogisticOptions.defaults());
    }

    /**
     * @throws IllegalArgumentException for the single machine's invalid combinations (penalty L1 or ELASTIC_NET
     *                                  with solver NEWTON or GRADIENT_DESCENT)
     */
    public DistributedLogisticRegression(LogisticOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        // the single machine's checks of the options (the fit's driver backend is the data's, chosen in fit)
        new LogisticRegression(options, Backends.named("scalar"));
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
        int p = DistributedData.parameters(data.cols(), options.fitIntercept());
        if (options.solver() != LogisticSolver.LBFGS && options.solver() != LogisticSolver.GRADIENT_DESCENT
                || options.penalty() == Penalty.L1
                || options.penalty() == Penalty.ELASTIC_NET) {
            data.requireFewColumns("logistic regression with solver " + options.solver() + " and penalty "
                    + options.penalty() + " (the Hessian)");
            DriverMemory.check(p, 4, "logistic regression (" + options.solver() + ", " + options.penalty() + ")");
        }
        return data.withCache((d, ownCache) -> {
            DistributedLogisticData rows = new DistributedLogisticData(d, ownCache);
            LogisticResult r = new LogisticRegression(options, d.driverBackend()).fit(rows);
            return new DistributedLogisticResult(r, rows.rows(), rows.sumOfWeights(), rows.passes());
        });
    }

    static void addDistributedNotes(List<String> notes, DistributedData data, int passes, boolean ownCache,
                                    long rows) {
        notes.add("distributed: " + passes + " pass(es) over " + rows + " rows, executors on the "
                + data.backendName() + " backend");
        notes.add(ownCache ? "blocks cached (memory and disk) for the duration of the fit, released afterwards"
                : "blocks already cached by the caller (DistributedData.cache()), kept");
    }
}
