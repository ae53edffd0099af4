package dev.linea.spark;

import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.SufficientStatistics;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeOptions;
import dev.linea.models.ridge.RidgeResult;
import dev.linea.models.ridge.SparseRidgeRows;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Ridge regression over a Spark dataset in one pass: the centred moments ({@link Moments}, merged by
 * {@link OrderedTree}), then the single-machine {@link Ridge#fit(SufficientStatistics)} on the driver, which
 * solves {@code (X_cᵀWX_c + αI)·β = X_cᵀW·y_c} by Cholesky with the same singularity test. The result is the
 * single machine's {@link RidgeResult}, its model a {@link dev.linea.models.LinearModel}. The EIGEN solver needs the
 * rows and is not available here; the options' solver is ignored.
 *
 * <p>Sparse rows ({@link DistributedData#withSparseRows}) take the same one-pass moments (the centred XᵀWX by the
 * {@code sparseGram} kernel) up to {@link DistributedData#MAX_SPARSE_COLUMNS} columns. Wider ones — hashed designs of
 * 2^20 columns — are fitted as the single machine fits a {@code SparseDesign} ({@link Ridge#fit(SparseRidgeRows)}): Jacobi-preconditioned conjugate gradients on
 * {@code (ZᵀWZ + αI)β = ZᵀW(y − ȳ)} with the centring implicit, one Spark job per iteration (each block
 * {@code sparseTimes} then {@code sparseTransposeTimes}), no Gram matrix; certified by the relative residual of the
 * normal equations. The blocks are cached for the fit's duration.
 */
public final class DistributedRidge {
    private final RidgeOptions options;

    public DistributedRidge(RidgeOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * @throws IllegalArgumentException for a bad row (partition, row and column named), no rows, all-zero weights
     * @throws dev.linea.models.FitException when the system is singular (α = 0 with dependent columns)
     */
    public RidgeResult fit(DistributedData data) {
        Objects.requireNonNull(data, "data");
        data.requireNoOffset("DistributedRidge");
        if (data.isSparse() && data.cols() > DistributedData.MAX_SPARSE_COLUMNS) {
            return data.withCache((d, ownCache) -> {
                DistributedSparseRidgeRows rows = new DistributedSparseRidgeRows(d);
                RidgeResult r = new Ridge(options, d.driverBackend()).fit(rows);
                FitReport f = r.report();
                List<String> notes = new ArrayList<>(f.notes());
                DistributedLogisticRegression.addDistributedNotes(notes, d, rows.passes(), ownCache, rows.rows());
                FitReport report = new FitReport(f.estimator(), f.backend(), f.solver(), f.iterations(),
                        f.converged(), f.status(), f.lossHistory(), f.wallTime(), notes, f.certificate());
                LinearModel m = r.model();
                return new RidgeResult(new LinearModel(m.intercept(), m.coefficients(), m.featureNames(), report),
                        report, r.alpha(), r.condition());
            });
        }
        DriverMemory.check(data.cols() + 1, 4, "ridge");
        return new Ridge(options, data.driverBackend()).fit(moments(data));
    }

    /** One pass: the weighted, centred moments of the data (for several fits on the same data). */
    public static SufficientStatistics moments(DistributedData data) {
        data.requireNoOffset("DistributedRidge");
        data.requireFewColumns("the moments XᵀWX");
        return DistributedPasses.moments(data);
    }
}
