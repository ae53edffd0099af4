package dev.linea.models.lasso;

import dev.linea.models.Certificate;
import dev.linea.models.FitReport;
import dev.linea.models.GeneratedNames;
import dev.linea.models.LinearModel;
import dev.linea.models.LinearPredictor;
import java.util.Arrays;
import java.util.List;

/**
 * A fitted regularization path: for each λ (decreasing), the intercept b_k and coefficients β_k on the original
 * feature scale, predicting {@code ŷ = b_k + Σ_j β_kj·x_j}, with the number of non-zero coefficients and the
 * deviance ratio. Immutable and thread-safe; accessors that return arrays return copies.
 *
 * <p>The coefficients are stored sparsely, as glmnet stores its paths: for each λ only the non-zero β_kj, their
 * feature indices increasing (one compressed row per λ). A path of 50 λ over 2^20 hashed features with a few
 * thousand non-zeros costs kilobytes, where 50 dense vectors would cost 419 MB. Read it by
 * {@link #coefficient(int, int)} (one value), {@link #nonZeroIndices(int)} / {@link #nonZeroValues(int)} (the
 * support), {@link #predict(int, double[], int)} (a dense row), or {@link #coefficients(int)} (a dense copy of
 * p values: for small p).
 */
public final class ElasticNetPath implements dev.linea.models.FittedModel {
    private final double[] lambdas;
    private final double[] intercepts;
    private final int features;
    /** the non-zeros of λ k are {@code values[start[k] .. start[k+1])} at features {@code indices[…]}, increasing */
    private final int[] start;
    private final int[] indices;
    private final double[] values;
    private final double[] devRatio;
    private final int[] passes;
    private final boolean[] converged;
    private final Certificate[] certificates;
    private final double lambdaMax;
    private final List<String> featureNames;
    private final FitReport report;

    /** Takes the arrays as they are (the fit made them for this path and keeps no reference). */
    ElasticNetPath(double[] lambdas, double[] intercepts, int features, int[] start, int[] indices, double[] values,
                   double[] devRatio, int[] passes, boolean[] converged, Certificate[] certificates,
                   double lambdaMax, List<String> featureNames, FitReport report) {
        this.lambdas = lambdas;
        this.intercepts = intercepts;
        this.features = features;
        this.start = start;
        this.indices = indices;
        this.values = values;
        this.devRatio = devRatio;
        this.passes = passes;
        this.converged = converged;
        this.certificates = certificates;
        this.lambdaMax = lambdaMax;
        // a GeneratedNames (2^20 hashed columns) is immutable and makes its names on demand: copying it would
        // make a million strings
        this.featureNames = featureNames instanceof GeneratedNames g ? g : List.copyOf(featureNames);
        this.report = report;
    }

    /** @return the number of λ values */
    public int size() {
        return lambdas.length;
    }

    /** @return p, the number of features (coefficients per λ) */
    public int features() {
        return features;
    }

    /** @return a copy of the λ values, decreasing */
    public double[] lambdas() {
        return lambdas.clone();
    }

    /** @return the k-th λ */
    public double lambda(int k) {
        return lambdas[k];
    }

    /** @return λ_max of the data: the smallest λ with every penalized coefficient 0 */
    public double lambdaMax() {
        return lambdaMax;
    }

    /** @return b_k, the intercept at the k-th λ (original feature scale) */
    public double intercept(int k) {
        return intercepts[k];
    }

    /**
     * @return β_kj, the coefficient of feature j at the k-th λ (original feature scale); O(log nonZero(k))
     * @throws IndexOutOfBoundsException when k or j is out of range
     */
    public double coefficient(int k, int j) {
        java.util.Objects.checkIndex(j, features);
        int at = Arrays.binarySearch(indices, start[k], start[k + 1], j);
        return at >= 0 ? values[at] : 0;
    }

    /**
     * @return a new dense array of the p coefficients at the k-th λ (original feature scale): p doubles, so meant
     *         for small p; use {@link #nonZeroIndices(int)} and {@link #nonZeroValues(int)} for wide designs
     */
    public double[] coefficients(int k) {
        double[] b = new double[features];
        for (int t = start[k]; t < start[k + 1]; t++) {
            b[indices[t]] = values[t];
        }
        return b;
    }

    /** @return the number of non-zero coefficients at the k-th λ (glmnet's df) */
    public int nonZero(int k) {
        return start[k + 1] - start[k];
    }

    /** @return a new array of the features whose coefficient at the k-th λ is non-zero, increasing */
    public int[] nonZeroIndices(int k) {
        return Arrays.copyOfRange(indices, start[k], start[k + 1]);
    }

    /** @return a new array of the non-zero coefficients at the k-th λ, in the order of {@link #nonZeroIndices} */
    public double[] nonZeroValues(int k) {
        return Arrays.copyOfRange(values, start[k], start[k + 1]);
    }

    /**
     * The prediction of the k-th λ's model for one dense row, {@code b_k + Σ_j β_kj·x[offset + j]}, summed over the
     * non-zero coefficients only (O(nonZero(k))). Allocates nothing.
     *
     * @param x      not modified; holds the row's p features from {@code offset}
     * @param offset index in x of the row's first feature
     * @throws IndexOutOfBoundsException when x holds fewer than offset + p values
     */
    public double predict(int k, double[] x, int offset) {
        java.util.Objects.checkFromIndexSize(offset, features, x.length);
        double s = intercepts[k];
        for (int t = start[k]; t < start[k + 1]; t++) {
            s += values[t] * x[offset + indices[t]];
        }
        return s;
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
    public Certificate certificate(int k) {
        return certificates[k];
    }

    /** @return the report of the whole path fit (solver, total passes, converged at every λ, time) */
    @Override
    public FitReport report() {
        return report;
    }

    /** @return the p feature names (immutable) */
    public List<String> featureNames() {
        return featureNames;
    }

    /** @return the predictor at the k-th λ (a dense model: p doubles) */
    public LinearModel model(int k) {
        return new LinearModel(intercepts[k], coefficients(k), featureNames, report);
    }

    /** @return the predictor at the k-th λ (identity link; a dense model: p doubles) */
    public LinearPredictor predictor(int k) {
        return LinearPredictor.identity(model(k));
    }

    /**
     * @return the predictor of a single-λ fit (identity link)
     * @throws IllegalStateException when the path has several λ: choose one with {@link #predictor(int)}, or let
     *                               {@link ElasticNetCV} choose
     */
    @Override
    public LinearPredictor predictor() {
        if (lambdas.length != 1) {
            throw new IllegalStateException("a path of " + lambdas.length + " λ values has no single predictor, "
                    + "expected a fit at one λ: choose one with predictor(k), or cross-validate with ElasticNetCV");
        }
        return predictor(0);
    }
}
