package dev.linea.models.lasso;

import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import java.util.List;

/**
 * A fitted regularization path: for each λ (decreasing), the intercept and coefficients on the original feature
 * scale, the number of non-zero coefficients and the deviance ratio. Immutable; accessors return copies.
 */
public final class ElasticNetPath implements dev.linea.models.FittedModel {
    private final double[] lambdas;
    private final double[] intercepts;
    private final double[][] coefficients;
    private final double[] devRatio;
    private final int[] passes;
    private final boolean[] converged;
    private final dev.linea.models.Certificate[] certificates;
    private final double lambdaMax;
    private final List<String> featureNames;
    private final FitReport report;

    ElasticNetPath(double[] lambdas, double[] intercepts, double[][] coefficients, double[] devRatio, int[] passes,
                   boolean[] converged, dev.linea.models.Certificate[] certificates, double lambdaMax,
                   List<String> featureNames, FitReport report) {
        this.lambdas = lambdas;
        this.intercepts = intercepts;
        this.coefficients = coefficients;
        this.devRatio = devRatio;
        this.passes = passes;
        this.converged = converged;
        this.certificates = certificates;
        this.lambdaMax = lambdaMax;
        this.featureNames = List.copyOf(featureNames);
        this.report = report;
    }

    /** @return the number of λ values */
    public int size() {
        return lambdas.length;
    }

    /** @return the λ values, decreasing */
    public double[] lambdas() {
        return lambdas.clone();
    }

    public double lambda(int k) {
        return lambdas[k];
    }

    /** @return λ_max of the data: the smallest λ with every penalized coefficient 0 */
    public double lambdaMax() {
        return lambdaMax;
    }

    public double intercept(int k) {
        return intercepts[k];
    }

    /** @return a copy of the coefficients at the k-th λ, original feature scale */
    public double[] coefficients(int k) {
        return coefficients[k].clone();
    }

    /** @return the number of non-zero coefficients at the k-th λ (glmnet's df) */
    public int nonZero(int k) {
        int c = 0;
        for (double b : coefficients[k]) {
            if (b != 0) {
                c++;
            }
        }
        return c;
    }

    /**
     * @return the deviance ratio 1 − Σw·r² / Σw·(y − ȳ)² at the k-th λ (the weighted R²; without intercept the
     *         null deviance is Σw·y²), glmnet's {@code dev.ratio}
     */
    public double devianceRatio(int k) {
        return devRatio[k];
    }

    /** @return coordinate-descent passes spent at the k-th λ */
    public int passes(int k) {
        return passes[k];
    }

    /** @return whether the k-th λ met the threshold within the pass limit */
    public boolean converged(int k) {
        return converged[k];
    }

    /**
     * @return the k-th λ's certificate: its relative duality gap when coordinate descent stopped, the tolerance,
     *         and the distance bound strong convexity gives (NaN for the lasso)
     */
    public dev.linea.models.Certificate certificate(int k) {
        return certificates[k];
    }

    /** @return the report of the whole path fit (solver, total passes, converged at every λ, time) */
    public FitReport report() {
        return report;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** @return the predictor at the k-th λ */
    public LinearModel model(int k) {
        return new LinearModel(intercepts[k], coefficients[k], featureNames, report);
    }

    /** @return the predictor at the k-th λ (identity link) */
    public dev.linea.models.LinearPredictor predictor(int k) {
        return dev.linea.models.LinearPredictor.identity(model(k));
    }

    /**
     * @return the predictor of a single-λ fit (identity link)
     * @throws IllegalStateException when the path has several λ: choose one with {@link #predictor(int)}, or let
     *                               {@link ElasticNetCV} choose
     */
    @Override
    public dev.linea.models.LinearPredictor predictor() {
        if (lambdas.length != 1) {
            throw new IllegalStateException("a path of " + lambdas.length + " λ values has no single predictor, "
                    + "expected a fit at one λ: choose one with predictor(k), or cross-validate with ElasticNetCV");
        }
        return predictor(0);
    }
}
