package dev.linea.spark;

import dev.linea.models.SufficientStatistics;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.lasso.ElasticNetPath;

import java.util.Objects;

/**
 * Lasso and elastic-net paths for the Gaussian family over a Spark dataset by the covariance method: one
 * distributed pass gathers the centred moments (XᵀWX, XᵀWy, the means; {@link Moments}), then the single-machine
 * coordinate-descent path runs on the driver ({@link ElasticNet#fit(SufficientStatistics)}: glmnet's
 * standardization, λ sequence, strong rules and convergence test), so the whole path costs one pass over the data
 * however many λ it has. The driver holds the p×p Gram matrix: the limit on p is its heap, checked before the job.
 */
public final class DistributedElasticNet {
    private final ElasticNetOptions options;

    public DistributedElasticNet(ElasticNetOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * @throws IllegalArgumentException for a bad row (partition, row and column named), no rows, all-zero weights
     */
    public ElasticNetPath fit(DistributedData data) {
        Objects.requireNonNull(data, "data");
        data.requireNoOffset("DistributedElasticNet");
        data.requireFewColumns("the elastic net (its moments XᵀWX)");
        DriverMemory.check(data.cols() + 1, 4, "elastic net");
        return fit(DistributedPasses.moments(data), data);
    }

    /** The path from moments already gathered ({@link DistributedRidge#moments}), with no pass over the data. */
    public ElasticNetPath fit(SufficientStatistics moments, DistributedData data) {
        return new ElasticNet(options, data.driverBackend()).fit(moments);
    }
}
