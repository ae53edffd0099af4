package dev.linea.models;

import dev.linea.kernels.Backend;
import dev.linea.kernels.sparse.CsrMatrix;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The sparse twin of {@link Design}: what an estimator fits from when X is a {@link CsrMatrix} (rows = samples),
 * with the same roles — target y, sample weights s, offsets o, unique feature names — the same <em>implicit</em>
 * intercept and the same affine map {@code z_ij = (x_ij − c_j)·d_j} (centre c, scale d). X is never densified and
 * never filled in: the map is applied inside the sparse kernels of {@link Backend} by glmnet's identity
 * {@code (X − 1cᵀ)D·v = X(Dv) − 1·(cᵀDv)} (and its transpose), so a 1e6 × 2^20 design with 30 non-zeros per row
 * stays 360 MB. The CSC form that coordinate descent reads is built by the fit that needs it
 * ({@link CsrMatrix#csc()}) and dropped when the fit is done.
 *
 * <p>Coefficient layouts: {@link #predictLinear}, {@link #borderedTransposeTimes} and {@link #borderedGram} put the
 * intercept <em>first</em> (as {@link Design} does); the fused gradients put it <em>last</em> (θ = (β, b), as the
 * kernels and {@code LogisticData} do).
 *
 * <p>Immutable as a value; the arrays are the caller's, kept and not modified: whoever hands an array to a design
 * must not modify it while the design is in use.
 */
public final class SparseDesign {
    private final CsrMatrix x;
    private final double[] y;
    private final double[] weights;
    private final double[] offsets;
    private final List<String> featureNames;
    private final String targetName;
    private final boolean intercept;
    private final double[] centre;
    private final double[] scale;
    /** Σ s_i (the row count when unweighted). */
    private final double weightSum;
    /** ȳ_s when centred with an intercept, else 0. */
    private final double targetCentre;

    private SparseDesign(CsrMatrix x, double[] y, double[] weights, double[] offsets, List<String> featureNames,
                         String targetName, boolean intercept, double[] centre, double[] scale, double weightSum,
                         double targetCentre) {
        this.x = x;
        this.y = y;
        this.weights = weights;
        this.offsets = offsets;
        this.featureNames = featureNames;
        this.targetName = targetName;
        this.intercept = intercept;
        this.centre = centre;
        this.scale = scale;
        this.weightSum = weightSum;
        this.targetCentre = targetCentre;
    }

    /**
     * A design over a validated CSR matrix (its arrays kept, not copied) and its roles, with no affine map.
     *
     * @param x            m×n, m ≥ 1; kept, not modified (already validated: sorted, duplicate-free, finite)
     * @param y            m finite targets; kept, not modified
     * @param weights      null (ones) or m finite weights ≥ 0, not all zero; kept, not modified
     * @param featureNames null (x1, x2, …, made lazily: 2^20 hashed columns cost no strings), a
     *                     {@link GeneratedNames} list (kept as it is) or n distinct names
     * @param targetName   null ("y") or the target's name
     * @param intercept    whether the model has an (implicit) intercept
     * @throws IllegalArgumentException naming the length, row or name at fault, the value found and the value expected
     */
    public static SparseDesign of(CsrMatrix x, double[] y, double[] weights, List<String> featureNames,
                                  String targetName, boolean intercept) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        int m = x.rows();
        if (m < 1) {
            throw new IllegalArgumentException("sparse design has " + m + " rows, expected at least 1");
        }
        if (y.length != m) {
            throw new IllegalArgumentException("y has " + y.length + " values, expected " + m
                    + " (one per row of x)");
        }
        for (int i = 0; i < m; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y has " + y[i] + " at row " + i + ", expected a finite number");
            }
        }
        double sw = m;
        if (weights != null) {
            if (weights.length != m) {
                throw new IllegalArgumentException("weights has " + weights.length + " values, expected " + m);
            }
            sw = 0;
            for (int i = 0; i < m; i++) {
                double v = weights[i];
                if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("weights has " + v + " at row " + i
                            + ", expected a finite weight >= 0");
                }
                sw += v;
            }
            if (sw == 0) {
                throw new IllegalArgumentException("weights are all zero, expected at least one positive weight");
            }
        }
        List<String> names;
        if (featureNames == null) {
            names = new DefaultNames(x.cols());
        } else if (featureNames instanceof GeneratedNames g) {
            // immutable and distinct by construction: 2^20 hashed or numbered names are not materialized
            if (g.size() != x.cols()) {
                throw new IllegalArgumentException(g.size() + " feature names, expected " + x.cols());
            }
            names = g;
        } else {
            names = List.copyOf(featureNames);
            if (names.size() != x.cols()) {
                throw new IllegalArgumentException(names.size() + " feature names, expected " + x.cols());
            }
            Dataset.requireDistinct(names);
        }
        return new SparseDesign(x, y, weights, null, names, targetName == null ? "y" : targetName, intercept, null,
                null, sw, 0);
    }

    /**
     * The same design with offsets o (η = o + b + Xβ for the models that take them).
     *
     * @param offsets null (none) or {@link #rows()} finite values; kept, not modified
     * @throws IllegalArgumentException naming the length or the first non-finite value
     */
    public SparseDesign withOffsets(double[] offsets) {
        if (offsets != null) {
            if (offsets.length != rows()) {
                throw new IllegalArgumentException("offsets have " + offsets.length + " values, expected " + rows()
                        + " (one per row)");
            }
            for (int i = 0; i < offsets.length; i++) {
                if (!Double.isFinite(offsets[i])) {
                    throw new IllegalArgumentException("offset has " + offsets[i] + " at row " + i
                            + ", expected a finite number");
                }
            }
        }
        return new SparseDesign(x, y, weights, offsets, featureNames, targetName, intercept, centre, scale,
                weightSum, targetCentre);
    }

    /**
     * The design centred on the weighted means when it has an intercept ({@code c = Σ s_i·x_i / Σ s_i}, one pass
     * over the non-zeros, and ȳ_s); without an intercept the design is returned as it is. The centre is applied
     * implicitly: X keeps its zeros.
     */
    public SparseDesign centred() {
        if (!intercept) {
            return this;
        }
        Moments mo = moments();
        double ybar = 0;
        for (int i = 0; i < y.length; i++) {
            ybar += (weights == null ? 1 : weights[i]) * y[i];
        }
        return new SparseDesign(x, y, weights, offsets, featureNames, targetName, intercept, mo.mean(), scale,
                weightSum, ybar / weightSum);
    }

    /**
     * The same design with the column scale d (z_ij = (x_ij − c_j)·d_j), for example 1/σ_j of a standardization.
     *
     * @param scale null (ones) or {@link #cols()} finite values; not modified (copied)
     */
    public SparseDesign withScale(double[] scale) {
        if (scale != null && scale.length != cols()) {
            throw new IllegalArgumentException("scale has " + scale.length + " values, expected " + cols());
        }
        return new SparseDesign(x, y, weights, offsets, featureNames, targetName, intercept, centre,
                scale == null ? null : scale.clone(), weightSum, targetCentre);
    }

    /**
     * The same design with an explicit affine map {@code z_ij = (x_ij − c_j)·d_j}.
     *
     * @param centre null (zeros) or {@link #cols()} values; not modified (copied)
     * @param scale  null (ones) or {@link #cols()} values; not modified (copied)
     */
    public SparseDesign withAffine(double[] centre, double[] scale) {
        if (centre != null && centre.length != cols()) {
            throw new IllegalArgumentException("centre has " + centre.length + " values, expected " + cols());
        }
        return new SparseDesign(x, y, weights, offsets, featureNames, targetName, intercept,
                centre == null ? null : centre.clone(), null, weightSum, targetCentre).withScale(scale);
    }

    /**
     * The weighted column moments of the unmapped X, from one pass over the non-zeros (the zeros enter through the
     * totals, never visited): mean {@code x̄_j = Σ s_i·x_ij / Σs} and variance {@code Σ s_i·(x_ij − x̄_j)² / Σs},
     * the latter as {@code Σ s_i·x_ij²/Σs − x̄_j²} clamped at 0 (sparse columns have small means, so the
     * cancellation this risks is mild; {@link Design#isConstant} decides constancy as for dense data).
     *
     * @return new arrays of n values
     */
    public Moments moments() {
        int n = cols();
        double[] mean = new double[n];
        double[] sq = new double[n];
        int[] rp = x.rowPtrUnsafe();
        int[] ci = x.indicesUnsafe();
        double[] xv = x.valuesUnsafe();
        for (int i = 0; i < rows(); i++) {
            double si = weights == null ? 1 : weights[i];
            for (int k = rp[i]; k < rp[i + 1]; k++) {
                double v = xv[k];
                mean[ci[k]] += si * v;
                sq[ci[k]] += si * v * v;
            }
        }
        for (int j = 0; j < n; j++) {
            mean[j] /= weightSum;
            sq[j] = Math.max(0, sq[j] / weightSum - mean[j] * mean[j]);
        }
        return new Moments(mean, sq);
    }

    /**
     * Weighted column means and variances (population: divided by Σs).
     *
     * @param mean     n means
     * @param variance n variances ≥ 0
     */
    public record Moments(double[] mean, double[] variance) {
    }

    /**
     * {@code out ← X·β + b} for the unmapped X (b = {@code beta[0]} and β the next n values when the design has an
     * intercept, b = 0 and β the first n otherwise): the linear predictor, intercept implicit, offsets not added.
     *
     * @param beta k = n (+1) coefficients, intercept first; not modified
     * @param out  m values; modified
     */
    public void predictLinear(Backend backend, double[] beta, double[] out) {
        int o = intercept ? 1 : 0;
        backend.sparseTimes(x, null, null, beta, o, intercept ? beta[0] : 0, out, 0);
    }

    /**
     * {@code out ← Z·v + bias} for the mapped design Z (X itself without a map).
     *
     * @param v   n values at vOff; not modified
     * @param out m values at outOff; modified
     */
    public void times(Backend backend, double[] v, int vOff, double bias, double[] out, int outOff) {
        backend.sparseTimes(x, centre, scale, v, vOff, bias, out, outOff);
    }

    /**
     * {@code out ← Zᵀ·u} for the mapped design Z (X itself without a map): one scatter pass, O(n) correction.
     *
     * @param u   m values at uOff; not modified
     * @param out n values at outOff; modified
     */
    public void transposeTimes(Backend backend, double[] u, int uOff, double[] out, int outOff) {
        backend.sparseTransposeTimes(x, centre, scale, u, uOff, out, outOff);
    }

    /**
     * {@code out ← [1, X]ᵀ·v} with the intercept first ({@code out[0] = Σv}), or Xᵀ·v without an intercept
     * (unmapped): the right-hand side that goes with {@link #borderedGram}.
     *
     * @param v   m values; not modified
     * @param out k values; modified
     */
    public void borderedTransposeTimes(Backend backend, double[] v, double[] out) {
        borderedTransposeTimes(backend, x, intercept, v, out);
    }

    /**
     * {@link #borderedTransposeTimes(Backend, double[], double[])} for a bare CSR matrix and intercept flag (no
     * design, no map): for callers that hold rows without a design's checks, such as the blocks of a distributed
     * fit (a block may have only zero weights, which a design refuses).
     *
     * @param x   m×n; not modified
     * @param v   m values; not modified
     * @param out n (+1) values, the intercept's first; modified
     */
    public static void borderedTransposeTimes(Backend backend, CsrMatrix x, boolean intercept, double[] v,
                                              double[] out) {
        int o = 0;
        if (intercept) {
            double t = 0;
            for (int i = 0; i < x.rows(); i++) {
                t += v[i];
            }
            out[0] = t;
            o = 1;
        }
        backend.sparseTransposeTimes(x, null, null, v, 0, out, o);
    }

    /**
     * {@code C ← Σ_i s_i·z_i·z_iᵀ} (n×n, full symmetric) of the mapped design with its own weights, by
     * {@link Backend#sparseGram}: for small n only (the result is dense).
     *
     * @param c modified: n×n at cOff with leading dimension ldc
     */
    public void gram(Backend backend, double[] c, int cOff, int ldc) {
        backend.sparseGram(x, centre, scale, weights, 0, c, cOff, ldc);
    }

    /**
     * The Gram matrix of X (no map) with row weights w and the intercept's ones column bordered <em>first</em>:
     * {@code [Σw, (Xᵀw)ᵀ; Xᵀw, XᵀWX]} (k = n + 1), from one sparse Gram and one sparse transposed product.
     * Without an intercept, XᵀWX alone. For small n only.
     *
     * @param w m weights ≥ 0; not modified
     * @param c modified
     */
    public void borderedGram(Backend backend, double[] w, double[] c, int cOff, int ldc) {
        borderedGram(backend, x, intercept, w, c, cOff, ldc);
    }

    /**
     * {@link #borderedGram(Backend, double[], double[], int, int)} for a bare CSR matrix and intercept flag (no
     * design, no map), as {@link #borderedTransposeTimes(Backend, CsrMatrix, boolean, double[], double[])}.
     *
     * @param x m×n; not modified
     * @param w m weights ≥ 0; not modified
     * @param c modified: k×k at cOff with leading dimension ldc (k = n + 1 with an intercept, else n)
     */
    public static void borderedGram(Backend backend, CsrMatrix x, boolean intercept, double[] w, double[] c,
                                    int cOff, int ldc) {
        if (!intercept) {
            backend.sparseGram(x, null, null, w, 0, c, cOff, ldc);
            return;
        }
        double sw = 0;
        for (int i = 0; i < x.rows(); i++) {
            sw += w[i];
        }
        c[cOff] = sw;
        int n = x.cols();
        if (n == 0) {
            return;
        }
        backend.sparseGram(x, null, null, w, 0, c, cOff + ldc + 1, ldc);
        backend.sparseTransposeTimes(x, null, null, w, 0, c, cOff + 1);
        for (int j = 0; j < n; j++) {
            c[cOff + (j + 1) * ldc] = c[cOff + 1 + j];
        }
    }

    /**
     * Fused least-squares loss and gradient of the mapped design in one pass ({@link Backend#sparseLeastSquaresGradient}):
     * {@code g ← Zᵀ·S·(Zβ + b − y)}, returns {@code ½·Σ s_i·r_i²}, θ = (β, b) with the intercept <em>last</em>
     * when the design has one.
     *
     * @param theta n (+1) values; not modified
     * @param s     the row weights (null: the design's own weights); not modified
     * @param g     n (+1) values; modified
     */
    public double leastSquaresGradient(Backend backend, double[] theta, double[] s, double[] g) {
        return backend.sparseLeastSquaresGradient(x, centre, scale, theta, 0, intercept, y, 0,
                s == null ? weights : s, 0, g, 0);
    }

    /**
     * Fused logistic loss and gradient of the mapped design in one pass ({@link Backend#sparseLogisticGradient}),
     * labels y ∈ {0, 1}: {@code g ← Zᵀ·S·(σ(z) − y)}, returns {@code Σ s_i·(log(1 + e^{z_i}) − y_i·z_i)}, θ = (β, b)
     * with the intercept last.
     *
     * @param theta n (+1) values; not modified
     * @param s     the row weights (null: the design's own weights); not modified
     * @param g     n (+1) values; modified
     */
    public double logisticGradient(Backend backend, double[] theta, double[] s, double[] g) {
        return backend.sparseLogisticGradient(x, centre, scale, theta, 0, intercept, y, 0, s == null ? weights : s,
                0, g, 0);
    }

    /**
     * The dense design of the same data and roles (a copy of X, m·n values): for tests and small data only — the
     * sparse estimators never call it.
     *
     * @throws IllegalArgumentException when m·n exceeds the largest Java array
     */
    public Design densified() {
        Dataset d = Dataset.wrap(rows(), cols(), x.toDense(), y, weights,
                featureNames instanceof DefaultNames ? null : featureNames, targetName);
        return Design.of(d, intercept).withOffsets(offsets);
    }

    /** @return the CSR matrix (shared, not copied) */
    public CsrMatrix matrix() {
        return x;
    }

    public int rows() {
        return x.rows();
    }

    public int cols() {
        return x.cols();
    }

    /** @return the number of stored entries of X */
    public int nonZeros() {
        return x.nonZeros();
    }

    /** The target (not a copy); callers must not modify it. */
    public double[] yUnsafe() {
        return y;
    }

    /** The sample weights (not a copy), null when unweighted; callers must not modify them. */
    public double[] weightsUnsafe() {
        return weights;
    }

    /** The offsets (not a copy), null when none; callers must not modify them. */
    public double[] offsetsUnsafe() {
        return offsets;
    }

    /**
     * The weight share of a column's implicit zeros, {@code (Σ s − Σ_stored s_i) / Σ s}, for the term
     * {@code c²·share} of its spread about a centre c: the one rule of every sparse fit. Given the stored rows'
     * weights summed in ascending row order (as {@link #weightSum()} sums all rows), it is exactly 0 when no row of
     * positive weight lacks the column (skipping a weight-0 row leaves a running sum unchanged), where a share
     * computed as 1 − Σ s_i/Σ s rounds a few ulps above 0 for about half of all weight vectors and gives a constant
     * column a spread of order ε·c².
     *
     * @param storedWeight Σ s_i over the rows that store the column, summed in ascending row order
     * @return the share in [0, 1]
     */
    public double zerosShare(double storedWeight) {
        return Math.max(0, (weightSum - storedWeight) / weightSum);
    }

    /** @return s_i, 1 when unweighted */
    public double weight(int i) {
        return weights == null ? 1 : weights[i];
    }

    /** @return the n feature names (x1, x2, … unless given; made on demand, not stored) */
    public List<String> featureNames() {
        return featureNames;
    }

    public String targetName() {
        return targetName;
    }

    /** @return whether the model has an implicit intercept (no ones column is stored) */
    public boolean intercept() {
        return intercept;
    }

    /** @return a copy of the centre c, or null when not centred */
    public double[] centre() {
        return centre == null ? null : centre.clone();
    }

    /** @return a copy of the scale d, or null when not scaled */
    public double[] scale() {
        return scale == null ? null : scale.clone();
    }

    /** @return Σ s_i (the number of rows when unweighted) */
    public double weightSum() {
        return weightSum;
    }

    /** @return ȳ_s after {@link #centred()} with an intercept, else 0 */
    public double targetCentre() {
        return targetCentre;
    }

    /** x1 … xn without n strings held: hashed designs have 2^20 columns. */
    private static final class DefaultNames extends AbstractList<String> implements RandomAccess {
        private final int n;

        DefaultNames(int n) {
            this.n = n;
        }

        @Override
        public String get(int j) {
            Objects.checkIndex(j, n);
            return "x" + (j + 1);
        }

        @Override
        public int size() {
            return n;
        }
    }
}
