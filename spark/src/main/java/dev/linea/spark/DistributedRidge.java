package dev.linea.spark;

import dev.linea.models.SufficientStatistics;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeOptions;
import dev.linea.models.ridge.RidgeResult;

import java.util.Objects;

/**
 * Ridge regression over a Spark dataset in one pass: the centred moments ({@link Moments}, merged by
 * {@link OrderedTree}), then the single-machine {@link Ridge#fit(SufficientStatistics)} on the driver, which
 * solves {@code (X_cᵀWX_c + αI)·β = X_cᵀW·y_c} by Cholesky with the same singularity test. The result is the
 * single machine's {@link RidgeResult}, its model a {@link dev.linea.models.LinearModel}. The EIGEN solver needs the
 * rows and is not available here; the options' solver is ignored.
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
        data.requireFewColumns("ridge (its moments XᵀWX)");
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
