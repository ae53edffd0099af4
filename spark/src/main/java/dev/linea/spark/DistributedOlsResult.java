package dev.linea.spark;

import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;

import java.util.List;

/**
 * A distributed least-squares fit: the same {@link LinearModel} as a single-machine fit (it saves, loads and scores
 * the same way), its report, and the inference that needs no second look at the rows.
 *
 * @param parameterNames     [intercept,] features
 * @param parameters         in the order of {@code parameterNames}; 0 for a dropped column
 * @param unscaledCovariance (XᵀWX)⁻¹ over the parameters (k×k row-major; zero rows for dropped columns)
 * @param rss                residual sum of squares Σ w·r²
 * @param totalSumOfSquares  Σ w·(y − ȳ)² with an intercept, Σ w·y² without
 * @param rows               rows read
 * @param rank               parameters estimated
 * @param droppedFeatures    columns dropped as linearly dependent (QR solvers only)
 * @param passes             Spark jobs over the data
 * @param condition          estimated condition number of the centred, scaled design (NaN when not estimated)
 */
public record DistributedOlsResult(LinearModel model, FitReport report, List<String> parameterNames,
                                   double[] parameters, double[] unscaledCovariance, double rss,
                                   double totalSumOfSquares, long rows, int rank, List<String> droppedFeatures,
                                   int passes, double condition) implements dev.linea.models.FittedModel {

    public DistributedOlsResult {
        parameterNames = List.copyOf(parameterNames);
        droppedFeatures = List.copyOf(droppedFeatures);
        parameters = parameters.clone();
        unscaledCovariance = unscaledCovariance.clone();
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public double[] unscaledCovariance() {
        return unscaledCovariance.clone();
    }

    /** @return rows − rank, the residual degrees of freedom */
    public long residualDegreesOfFreedom() {
        return rows - rank;
    }

    /** @return σ̂² = RSS / (rows − rank) */
    public double sigma2() {
        return rss / residualDegreesOfFreedom();
    }

    /** @return 1 − RSS / TSS */
    public double rSquared() {
        return 1 - rss / totalSumOfSquares;
    }

    /** @return standard errors sqrt(σ̂²·C_jj) in the order of {@code parameterNames} (NaN for dropped columns) */
    public double[] standardErrors() {
        int k = parameters.length;
        double[] se = new double[k];
        double s2 = sigma2();
        for (int j = 0; j < k; j++) {
            double c = unscaledCovariance[j * k + j];
            se[j] = c > 0 ? Math.sqrt(s2 * c) : Double.NaN;
        }
        return se;
    }

    /** @return the least-squares predictor ŷ = b + xᵀβ (identity link) */
    @Override
    public dev.linea.models.LinearPredictor predictor() {
        return dev.linea.models.LinearPredictor.identity(model);
    }
}
