package dev.linea.models.lasso;

import dev.linea.models.LinearModel;

/**
 * The outcome of {@link ElasticNetCV}: the full-data path, the cross-validated mean squared error and its
 * standard error per λ (cv.glmnet's {@code cvm}, {@code cvsd}), and the two usual choices of λ.
 */
public final class ElasticNetCVResult implements dev.linea.models.FittedModel {
    private final ElasticNetPath path;
    private final double[] cvm;
    private final double[] cvsd;
    private final int minIndex;
    private final int oneSeIndex;
    private final int[] foldIds;
    private final boolean converged;

    ElasticNetCVResult(ElasticNetPath path, double[] cvm, double[] cvsd, int minIndex, int oneSeIndex,
                       int[] foldIds, boolean converged) {
        this.path = path;
        this.cvm = cvm;
        this.cvsd = cvsd;
        this.minIndex = minIndex;
        this.oneSeIndex = oneSeIndex;
        this.foldIds = foldIds;
        this.converged = converged;
    }

    /** @return the path fitted on all the data */
    public ElasticNetPath path() {
        return path;
    }

    /** @return the cross-validated mean squared error per λ of {@link #path()} */
    public double[] meanError() {
        return cvm.clone();
    }

    /** @return its standard error per λ */
    public double[] standardError() {
        return cvsd.clone();
    }

    public int lambdaMinIndex() {
        return minIndex;
    }

    public int lambda1seIndex() {
        return oneSeIndex;
    }

    /** @return the largest λ with the smallest cross-validated error */
    public double lambdaMin() {
        return path.lambda(minIndex);
    }

    /** @return the largest λ whose error is within one standard error of the minimum */
    public double lambda1se() {
        return path.lambda(oneSeIndex);
    }

    public LinearModel modelMin() {
        return path.model(minIndex);
    }

    public LinearModel model1se() {
        return path.model(oneSeIndex);
    }

    /** @return a copy of the fold id of every row */
    public int[] foldIds() {
        return foldIds.clone();
    }

    /** @return whether the full path and every fold's path converged at every λ */
    public boolean converged() {
        return converged;
    }

    /** @return the predictor at λ_min, the λ of least cross-validated error (identity link) */
    @Override
    public dev.linea.models.LinearPredictor predictor() {
        return dev.linea.models.LinearPredictor.identity(modelMin());
    }

    /** @return the report of the full-data path fit */
    @Override
    public dev.linea.models.FitReport report() {
        return path.report();
    }
}
