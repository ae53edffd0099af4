package dev.linea.models;

import dev.linea.kernels.Backend;
import dev.linea.kernels.ParallelRows;
import dev.linea.kernels.Transpose;

import java.util.List;
import java.util.Objects;

/**
 * What an estimator fits from: a <em>view</em> over the caller's row-major X (array, offset, leading dimension; never
 * copied), with the roles of the other columns — target y, sample weights s, offsets o, unique feature names — an
 * <em>implicit</em> intercept, and an affine map {@code z_ij = (x_ij − c_j)·d_j} (centre c, scale d) that the
 * kernels apply to each block of rows in cache. No m×n matrix is ever made to add a ones column, centre, scale or
 * drop an offset: the Gram matrix of the mapped design is {@link Backend#centeredGram}, its products with a vector
 * are formed one cache-sized block of rows at a time ({@link #transposeTimes}), and the intercept's row and column
 * of a Gram matrix are column sums ({@link #borderedGram}).
 *
 * <p>Immutable as a value; the arrays are the caller's (or the {@link Dataset}'s), kept and not modified: whoever
 * hands an array to a design must not modify it while the design is in use.
 *
 * <p>Constant columns are decided in one place, {@link #isConstant(double, double)}.
 */
public final class Design {
    /** Rows per block when a mapped block of X is multiplied by a vector: 2^14 doubles (128 KiB) stay in L2. */
    private static final int BLOCK_DOUBLES = 1 << 14;

    private final int rows;
    private final int cols;
    private final double[] x;
    private final int xOff;
    private final int ldx;
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
    /** The dataset this is a view of ({@link #of}), or null for {@link #ofRows}. */
    private final Dataset source;

    private Design(int rows, int cols, double[] x, int xOff, int ldx, double[] y, double[] weights, double[] offsets,
                   List<String> featureNames, String targetName, boolean intercept, double[] centre, double[] scale,
                   double weightSum, double targetCentre, Dataset source) {
        this.rows = rows;
        this.cols = cols;
        this.x = x;
        this.xOff = xOff;
        this.ldx = ldx;
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
        this.source = source;
    }

    /**
     * A view over a dataset's X, y, weights and names (validated there), without a copy, with no affine map.
     *
     * @param data      not modified; its arrays are shared, not copied
     * @param intercept whether the model has an (implicit) intercept
     */
    public static Design of(Dataset data, boolean intercept) {
        Objects.requireNonNull(data, "data");
        double[] w = data.weightsUnsafe();
        double sw = 0;
        if (w == null) {
            sw = data.rows();
        } else {
            for (double v : w) {
                sw += v;
            }
        }
        return new Design(data.rows(), data.cols(), data.xUnsafe(), 0, Math.max(1, data.cols()), data.yUnsafe(), w,
                null, data.featureNames(), data.targetName(), intercept, null, null, sw, 0, data);
    }

    /**
     * A view over rows that do not come from a {@link Dataset} (a block of a distributed partition, say): X m×n at
     * xOff with leading dimension ldx, not validated for finiteness (the caller's data are checked where they were
     * read), no affine map, default feature names.
     *
     * @param x       not modified, kept
     * @param y       m values; not modified, kept
     * @param weights null or m weights ≥ 0; not modified, kept
     * @throws IllegalArgumentException when the arrays are too short for the shape
     */
    public static Design ofRows(int rows, int cols, double[] x, int xOff, int ldx, double[] y, double[] weights,
                                boolean intercept) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (rows < 0 || cols < 0 || xOff < 0 || ldx < Math.max(1, cols)) {
            throw new IllegalArgumentException("a design of " + rows + " × " + cols + " at offset " + xOff
                    + " with leading dimension " + ldx + ", expected sizes ≥ 0 and a leading dimension ≥ max(1, "
                    + cols + ")");
        }
        if (rows > 0 && cols > 0 && (long) xOff + (long) (rows - 1) * ldx + cols > x.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, expected at least "
                    + ((long) xOff + (long) (rows - 1) * ldx + cols) + " for " + rows + " × " + cols + " rows");
        }
        if (y.length < rows || (weights != null && weights.length < rows)) {
            throw new IllegalArgumentException("y has " + y.length + (weights == null ? "" : " and the weights "
                    + weights.length) + " values, expected at least " + rows);
        }
        double sw = 0;
        for (int i = 0; i < rows; i++) {
            sw += weights == null ? 1 : weights[i];
        }
        return new Design(rows, cols, x, xOff, ldx, y, weights, null, Dataset.defaultNames(cols), "y", intercept,
                null, null, sw, 0, null);
    }

    /**
     * {@code out ← X·β + b} for the unmapped X (b = {@code beta[0]} and β the next n values when the design has an
     * intercept, b = 0 and β the first n otherwise): the linear predictor, intercept implicit.
     *
     * @param beta k = n (+1) coefficients, intercept first; not modified
     * @param out  m values; modified
     */
    public void predictLinear(Backend backend, double[] beta, double[] out) {
        int o = intercept ? 1 : 0;
        double b = intercept ? beta[0] : 0;
        if (cols == 0) {
            java.util.Arrays.fill(out, 0, rows, b);
            return;
        }
        backend.gemv(Transpose.NONE, rows, cols, 1, x, xOff, ldx, beta, o, 0, out, 0);
        if (b != 0) {
            for (int i = 0; i < rows; i++) {
                out[i] += b;
            }
        }
    }

    /**
     * {@code out ← [1, X]ᵀ·v} with the intercept first ({@code out[0] = Σv}), or Xᵀ·v without an intercept: the
     * right-hand side that goes with {@link #borderedGram}.
     *
     * @param v   m values; not modified
     * @param out k values; modified
     */
    public void borderedTransposeTimes(Backend backend, double[] v, double[] out) {
        int o = 0;
        if (intercept) {
            double t = 0;
            for (int i = 0; i < rows; i++) {
                t += v[i];
            }
            out[0] = t;
            o = 1;
        }
        if (cols > 0) {
            backend.gemv(Transpose.TRANSPOSE, rows, cols, 1, x, xOff, ldx, v, 0, 0, out, o);
        }
    }

    /**
     * The same design with offsets o (η = o + b + Xβ for the models that take them).
     *
     * @param offsets null (none) or {@link #rows()} finite values; not modified (kept)
     * @throws IllegalArgumentException naming the length or the first non-finite value
     */
    public Design withOffsets(double[] offsets) {
        if (offsets != null) {
            if (offsets.length != rows) {
                throw new IllegalArgumentException("offsets have " + offsets.length + " values, expected " + rows
                        + " (one per row)");
            }
            for (int i = 0; i < rows; i++) {
                if (!Double.isFinite(offsets[i])) {
                    throw new IllegalArgumentException("offset has " + offsets[i] + " at row " + i
                            + ", expected a finite number");
                }
            }
        }
        return new Design(rows, cols, x, xOff, ldx, y, weights, offsets, featureNames, targetName, intercept,
                centre, scale, weightSum, targetCentre, source);
    }

    /**
     * The design centred on the weighted means when it has an intercept: c = x̄_s = Σ s_i·x_i / Σ s_i and the
     * target's centre ȳ_s, in one pass over X; without an intercept the design is returned as it is (no centre).
     * Centring removes the ones column's contribution to the condition number of the Gram matrix and keeps
     * columns with large means (Longley's years) from losing their digits to cancellation.
     */
    public Design centred() {
        if (!intercept) {
            return this;
        }
        // Σ s_i·x_i and Σ s_i·y_i in one pass, over row blocks on every thread (fixed tree: the same bits on any
        // count); slot cols holds the target's sum.
        double[] sums = new double[cols + 1];
        ParallelRows.sum(rows, cols + 1L, cols + 1, (from, to, part, off) -> {
            for (int i = from; i < to; i++) {
                double wi = weights == null ? 1 : weights[i];
                part[off + cols] += wi * y[i];
                int r = xOff + i * ldx;
                for (int j = 0; j < cols; j++) {
                    part[off + j] += wi * x[r + j];
                }
            }
        }, sums, 0);
        double[] c = new double[cols];
        for (int j = 0; j < cols; j++) {
            c[j] = sums[j] / weightSum;
        }
        return new Design(rows, cols, x, xOff, ldx, y, weights, offsets, featureNames, targetName, intercept, c,
                scale, weightSum, sums[cols] / weightSum, source);
    }

    /**
     * The same design with the column scale d (z_ij = (x_ij − c_j)·d_j), for example 1/σ_j of a standardization or
     * a power of two that keeps squares in range.
     *
     * @param scale null (ones) or {@link #cols()} finite values; not modified (copied)
     */
    public Design withScale(double[] scale) {
        if (scale != null && scale.length != cols) {
            throw new IllegalArgumentException("scale has " + scale.length + " values, expected " + cols);
        }
        return new Design(rows, cols, x, xOff, ldx, y, weights, offsets, featureNames, targetName, intercept, centre,
                scale == null ? null : scale.clone(), weightSum, targetCentre, source);
    }

    /**
     * The same design with an explicit affine map {@code z_ij = (x_ij − c_j)·d_j} (a standardization fitted
     * elsewhere, say).
     *
     * @param centre null (zeros) or {@link #cols()} values; not modified (copied)
     * @param scale  null (ones) or {@link #cols()} values; not modified (copied)
     */
    public Design withAffine(double[] centre, double[] scale) {
        if (centre != null && centre.length != cols) {
            throw new IllegalArgumentException("centre has " + centre.length + " values, expected " + cols);
        }
        return new Design(rows, cols, x, xOff, ldx, y, weights, offsets, featureNames, targetName, intercept,
                centre == null ? null : centre.clone(), null, weightSum, targetCentre, source).withScale(scale);
    }

    /**
     * The one rule for a constant column: its weighted spread about its mean is at the rounding level of the mean,
     * {@code variance ≤ 1e-28·mean²} (a constant column's two-pass variance is rounding noise of order ε·|mean|,
     * squared). The test is relative only: a column measured in small units (values near 1e-15, variance 1e-30)
     * varies as much as any other, and an absolute floor left it out of the fit without a word.
     *
     * @param variance Σ s_i·(x_ij − x̄_j)² / Σ s_i
     * @param mean     x̄_j
     */
    public static boolean isConstant(double variance, double mean) {
        return !(variance > 1e-28 * (mean * mean));
    }

    /**
     * {@code C ← Σ_i s_i·z_i·z_iᵀ} (n×n, full symmetric) of the mapped design, by {@link Backend#centeredGram}: the
     * map is applied in cache, X is not copied.
     *
     * @param c modified: n×n at cOff with leading dimension ldc
     */
    public void gram(Backend backend, double[] c, int cOff, int ldc) {
        if (cols == 0) {
            return;
        }
        backend.centeredGram(rows, cols, x, xOff, ldx, centre, 0, scale, 0, weights, 0, c, cOff, ldc);
    }

    /**
     * The Gram matrix of X (no map) with row weights w and the intercept's ones column bordered <em>first</em>:
     * the k×k matrix (k = n + 1) {@code [Σw, (Xᵀw)ᵀ; Xᵀw, XᵀWX]} written from {@code cOff} with leading dimension
     * ldc, from one Gram and one GEMV — no design with a ones column is formed. Without an intercept, XᵀWX alone.
     *
     * @param w m weights ≥ 0; not modified
     * @param c modified
     */
    public void borderedGram(Backend backend, double[] w, double[] c, int cOff, int ldc) {
        if (!intercept) {
            backend.gram(rows, cols, x, xOff, ldx, w, 0, c, cOff, ldc);
            return;
        }
        double sw = 0;
        for (int i = 0; i < rows; i++) {
            sw += w[i];
        }
        c[cOff] = sw;
        if (cols == 0) {
            return;
        }
        backend.gram(rows, cols, x, xOff, ldx, w, 0, c, cOff + ldc + 1, ldc);
        backend.gemv(Transpose.TRANSPOSE, rows, cols, 1, x, xOff, ldx, w, 0, 0, c, cOff + 1);
        for (int j = 0; j < cols; j++) {
            c[cOff + (j + 1) * ldc] = c[cOff + 1 + j];
        }
    }

    /**
     * {@code out ← Zᵀ·v} for the mapped design Z (X itself without a map): with a map, one block of at most
     * {@value #BLOCK_DOUBLES} values of rows is mapped into a small buffer at a time and multiplied there.
     *
     * @param v   m values; not modified
     * @param out n values at outOff; modified
     */
    public void transposeTimes(Backend backend, double[] v, int vOff, double[] out, int outOff) {
        if (cols == 0) {
            return;
        }
        if (centre == null && scale == null) {
            backend.gemv(Transpose.TRANSPOSE, rows, cols, 1, x, xOff, ldx, v, vOff, 0, out, outOff);
            return;
        }
        // Row blocks on every thread (each with its own small buffer, its product summed in the fixed tree).
        int block = Math.max(1, Math.min(rows, BLOCK_DOUBLES / cols));
        ParallelRows.sum(rows, cols, cols, (from, to, part, off) -> {
            double[] buf = new double[Math.min(block, to - from) * cols];
            for (int i0 = from; i0 < to; i0 += block) {
                int b = Math.min(block, to - i0);
                for (int i = 0; i < b; i++) {
                    int r = xOff + (i0 + i) * ldx;
                    for (int j = 0; j < cols; j++) {
                        buf[i * cols + j] = map(x[r + j], j);
                    }
                }
                backend.gemv(Transpose.TRANSPOSE, b, cols, 1, buf, 0, cols, v, vOff + i0, i0 == from ? 0 : 1,
                        part, off);
            }
        }, out, outOff);
    }

    /**
     * The largest |z_ij| of each column of the mapped design, weighted by √s_i when {@code weighted}: what decides
     * whether its squares stay in double range.
     *
     * @return n values
     */
    public double[] columnMaxAbs(boolean weighted) {
        double[] max = new double[cols];
        ParallelRows.max(rows, cols, cols, (from, to, part, off) -> {
            for (int i = from; i < to; i++) {
                double r = weighted && weights != null ? Math.sqrt(weights[i]) : 1;
                int row = xOff + i * ldx;
                for (int j = 0; j < cols; j++) {
                    part[off + j] = Math.max(part[off + j], r * Math.abs(map(x[row + j], j)));
                }
            }
        }, max, 0);
        return max;
    }

    /** @return z = (v − c_j)·d_j, the affine map of column j (the shift first, as the kernels apply it) */
    private double map(double v, int j) {
        double t = centre == null ? v : v - centre[j];
        return scale == null ? t : t * scale[j];
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The caller's X array (not a copy); X(i, j) is at {@code xOffset() + i·ldx() + j}. Callers must not modify it. */
    public double[] xUnsafe() {
        return x;
    }

    public int xOffset() {
        return xOff;
    }

    /** @return the leading dimension of X (≥ max(1, cols)) */
    public int ldx() {
        return ldx;
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

    /**
     * The design's rows as a {@link Dataset}, sharing its arrays (no copy): the dataset it was made from
     * ({@link #of}), or a view of X when it starts at offset 0 with leading dimension {@link #cols()}. This is how an
     * estimator whose passes read a dataset fits from a design: it asks for the design it can fit — intercept as
     * its options say, no affine map unless it applies one, no offsets unless it takes them — and reads these rows.
     *
     * @param estimator     the estimator's name, for messages
     * @param intercept     the intercept the estimator's options fit: the design's must be the same
     * @param takesOffsets  whether the estimator takes offsets (they are then read from {@link #offsetsUnsafe()})
     * @throws IllegalArgumentException naming what the design carries and what the estimator expects
     */
    public Dataset rowsFor(String estimator, boolean intercept, boolean takesOffsets) {
        if (this.intercept != intercept) {
            throw new IllegalArgumentException("the design has intercept = " + this.intercept + ", expected "
                    + intercept + " (the fitIntercept of the " + estimator + "'s options)");
        }
        if (hasAffineMap()) {
            throw new IllegalArgumentException("the design carries an affine map (centre or scale), expected none: "
                    + "the " + estimator + " fits the data as given (standardize with StandardScaler and map the "
                    + "coefficients back with toOriginalScale)");
        }
        if (offsets != null && !takesOffsets) {
            throw new IllegalArgumentException("the design carries offsets, expected none: the " + estimator
                    + " takes no offsets");
        }
        if (source != null) {
            return source;
        }
        if (xOff != 0 || ldx != Math.max(1, cols)) {
            throw new IllegalArgumentException("the design's X starts at offset " + xOff + " with leading dimension "
                    + ldx + ", expected offset 0 and leading dimension " + Math.max(1, cols) + " for the " + estimator
                    + " (a view of a whole row-major array)");
        }
        return Dataset.wrap(rows, cols, x, y, weights, featureNames, targetName);
    }

    /** @return whether the design carries an affine map (a centre or a scale) */
    public boolean hasAffineMap() {
        return centre != null || scale != null;
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
}
