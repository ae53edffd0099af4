package dev.linea.kernels;

import java.util.Arrays;

/**
 * The weighted means and centred cross-products of a design X (m×n, row-major) and its target y, from
 * <b>one pass</b> over the rows: the normal equations' and ridge's {@code X_cᵀ·W·X_c}, {@code X_cᵀ·W·y_c} and
 * {@code Σ w_i·(y_i − ȳ)²} about the weighted means, without a first pass for the means.
 *
 * <p>How: the rows are cut into cache-sized sub-blocks (about 2¹⁵ values). For each sub-block b the weighted means
 * μ_b of its columns and of y are taken, the sub-block is centred on them into a small buffer {@code [X_b − μ_b,
 * y_b − ȳ_b]} while it is still in cache, and the backend's {@link Backend#gram} of that buffer (n + 1 columns, row
 * weights w) gives the sub-block's co-moment matrix M_b. Sub-blocks are merged with the exact pairwise update of
 * Chan, Golub and LeVeque:
 * <pre>
 *   W = W_a + W_b,   δ = μ_b − μ_a,   μ = μ_a + δ·W_b/W,   M = M_a + M_b + (W_a·W_b/W)·δ·δᵀ
 * </pre>
 * (W the blocks' weight sums): sequentially within each row block of {@link ParallelRows}, then over those blocks
 * in its fixed tree, so the result depends on the shape alone, not on the thread count. Centring each block on its
 * own mean keeps what centring first keeps: no cancellation between a column's large mean and its spread (Longley's
 * years); the merge adds only terms of the size of the spread of the block means.
 *
 * <p>The diagonal bounds the data: {@code w_i·(x_ij − x̄_j)² ≤ M_jj} for every row, which is how the estimators
 * check that squares stayed in double range without another pass (see their range checks).
 *
 * <p>Immutable; the accessors return copies.
 */
public final class CentredMoments {
    /** A sub-block holds about this many values of [X, y]: with its centred copy it stays in L2. */
    private static final int SUB_BLOCK_DOUBLES = 1 << 15;
    /** ... and at least this many rows, so the merge (O(n²) per sub-block) stays a small part of the Gram. */
    private static final int SUB_BLOCK_MIN_ROWS = 64;

    private final int rows;
    private final int cols;
    private final double weightSum;
    /** n + 1 means, y's last. */
    private final double[] mean;
    /** (n + 1)² co-moments of [X, y], both triangles. */
    private final double[] cross;

    private CentredMoments(int rows, int cols, double weightSum, double[] mean, double[] cross) {
        this.rows = rows;
        this.cols = cols;
        this.weightSum = weightSum;
        this.mean = mean;
        this.cross = cross;
    }

    /**
     * The moments of X (m×n at xOff, leading dimension ldx) and y with row weights w, in one pass over the rows on
     * {@link Threads#count()} threads (bit-identical results on any count); each sub-block's cross-products are a
     * {@code backend.gram} call.
     *
     * @param x not modified
     * @param y not modified, m values from yOff
     * @param w not modified; null (all ones) or m finite weights ≥ 0 from wOff
     * @throws IllegalArgumentException naming the parameter, the value found and the value expected, when a size is
     *                                  negative, an array too short, a weight negative or not finite, or n + 1
     *                                  columns would not fit an (n + 1)² array
     */
    public static CentredMoments of(Backend backend, int m, int n, double[] x, int xOff, int ldx, double[] y,
                                    int yOff, double[] w, int wOff) {
        String k = "centredMoments";
        Checks.notNull(k, "backend", backend);
        Checks.nonNegative(k, "m", m);
        Checks.nonNegative(k, "n", n);
        if (n > 46_339) {
            throw new IllegalArgumentException(k + ": n = " + n + ", expected at most 46339 (the (n + 1)² moments"
                    + " must fit one array)");
        }
        Checks.matrix(k, "x", x, xOff, ldx, m, n);
        Checks.vector(k, "y", y, yOff, m);
        Checks.weights(k, "w", w, wOff, m);
        int c = n + 1;
        Layout lay = new Layout(c);
        double[] out = new double[lay.size];
        int sub = subBlockRows(c);
        ParallelRows.merge(m, c, lay.size, (from, to, part, off) ->
                accumulate(backend, lay, sub, from, to, n, x, xOff, ldx, y, yOff, w, wOff, part, off),
                (part, into, fromOff) -> lay.merge(part, into, part, fromOff), out, 0);
        double sw = out[0];
        double[] mean = Arrays.copyOfRange(out, lay.mean, lay.mean + c);
        if (!(sw > 0)) {
            Arrays.fill(mean, Double.NaN);
        }
        double[] cross = Arrays.copyOfRange(out, lay.cross, lay.cross + c * c);
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < i; j++) {
                cross[j * c + i] = cross[i * c + j];
            }
        }
        return new CentredMoments(m, n, sw, mean, cross);
    }

    /** @return rows per sub-block for c columns of [X, y]: a multiple of 8, at least 64 */
    static int subBlockRows(int c) {
        int r = Math.max(SUB_BLOCK_MIN_ROWS, SUB_BLOCK_DOUBLES / c);
        return r & ~7;
    }

    /** One row block [from, to): its sub-blocks in order, each merged into the slot at off. */
    private static void accumulate(Backend backend, Layout lay, int sub, int from, int to, int n, double[] x,
                                   int xOff, int ldx, double[] y, int yOff, double[] w, int wOff, double[] part,
                                   int off) {
        int c = n + 1;
        if (to <= from) {
            return;
        }
        int rowsMax = Math.min(sub, to - from);
        double[] buf = new double[rowsMax * c];
        double[] one = new double[lay.size];
        double[] sums = new double[c];
        for (int i0 = from; i0 < to; i0 += sub) {
            int rows = Math.min(sub, to - i0);
            Arrays.fill(sums, 0.0);
            double sw = 0;
            for (int i = i0; i < i0 + rows; i++) {
                double wi = w == null ? 1 : w[wOff + i];
                sw += wi;
                int r = xOff + i * ldx;
                for (int j = 0; j < n; j++) {
                    sums[j] += wi * x[r + j];
                }
                sums[n] += wi * y[yOff + i];
            }
            if (sw > 0) {
                one[0] = sw;
                for (int j = 0; j < c; j++) {
                    one[lay.mean + j] = sums[j] / sw;
                }
                // Centre the sub-block (still in cache) on its own means; the Gram kernel weights the rows.
                for (int i = 0; i < rows; i++) {
                    int r = xOff + (i0 + i) * ldx;
                    int d = i * c;
                    for (int j = 0; j < n; j++) {
                        buf[d + j] = x[r + j] - one[lay.mean + j];
                    }
                    buf[d + n] = y[yOff + i0 + i] - one[lay.mean + n];
                }
                backend.gram(rows, c, buf, 0, c, w, w == null ? 0 : wOff + i0, one, lay.cross, c);
                lay.merge(part, off, one, 0);
            }
        }
    }

    /** Where a partial result keeps its parts: [W, μ (c), M (c², the lower triangle kept up to date)]. */
    private static final class Layout {
        final int c;
        final int mean;
        final int cross;
        final int size;

        Layout(int c) {
            this.c = c;
            this.mean = 1;
            this.cross = 1 + c;
            this.size = cross + c * c;
        }

        /** Merges partial b (at bo) into partial a (at ao): the update of the class comment. */
        void merge(double[] a, int ao, double[] b, int bo) {
            a[ao] = pool(c, true, a[ao], a, ao + mean, a, ao + cross, b[bo], b, bo + mean, b, bo + cross);
        }
    }

    /**
     * Chan, Golub and LeVeque's exact pairwise update of weighted moments of k columns: part b (weight W_b, means
     * μ_b, centred co-moments C_b, k×k row-major) is pooled into part a, in place:
     * <pre>  W = W_a + W_b,   δ = μ_b − μ_a,   μ_a ← μ_a + δ·W_b/W,   C_a ← C_a + C_b + (W_a·W_b/W)·δ·δᵀ</pre>
     * A part whose weight is not positive (an empty block, all weights zero) is the identity: nothing changes when
     * W_b ≤ 0, and b is copied into a when W_a ≤ 0. The one implementation of the update: this class merges its
     * sub-blocks and row blocks with it, {@code SufficientStatistics} its parts, the Spark module its partitions
     * ({@link #poolDiagonal} is its diagonal alone, for column spreads).
     *
     * @param k         the columns (features and target alike)
     * @param lowerOnly true: only the lower triangle of C_a (j ≤ i) is read and written
     * @param meanA     modified: k means from meanAOff
     * @param comomentA modified: k×k from comAOff
     * @param meanB     not modified
     * @param comomentB not modified
     * @return W, the pooled weight (W_a when W_b ≤ 0)
     */
    public static double pool(int k, boolean lowerOnly, double weightA, double[] meanA, int meanAOff,
                              double[] comomentA, int comAOff, double weightB, double[] meanB, int meanBOff,
                              double[] comomentB, int comBOff) {
        if (!(weightB > 0)) {
            return weightA;
        }
        if (!(weightA > 0)) {
            System.arraycopy(meanB, meanBOff, meanA, meanAOff, k);
            for (int i = 0; i < k; i++) {
                System.arraycopy(comomentB, comBOff + i * k, comomentA, comAOff + i * k, lowerOnly ? i + 1 : k);
            }
            return weightB;
        }
        double total = weightA + weightB;
        double f = weightA * weightB / total;
        double g = weightB / total;
        double[] d = new double[k];
        for (int j = 0; j < k; j++) {
            d[j] = meanB[meanBOff + j] - meanA[meanAOff + j];
        }
        for (int i = 0; i < k; i++) {
            double fd = f * d[i];
            int ra = comAOff + i * k;
            int rb = comBOff + i * k;
            int end = lowerOnly ? i + 1 : k;
            for (int j = 0; j < end; j++) {
                comomentA[ra + j] += comomentB[rb + j] + fd * d[j];
            }
        }
        for (int j = 0; j < k; j++) {
            meanA[meanAOff + j] += d[j] * g;
        }
        return total;
    }

    /**
     * The same update on the diagonal alone: k means and k centred sums of squares {@code M = diag(C)}, for callers
     * that need each column's spread but no cross products ({@code M_a ← M_a + M_b + (W_a·W_b/W)·δ_j²}, the same
     * operations as {@link #pool}'s diagonal). Sums about 0 (means held at 0) simply add.
     *
     * @param meanA   modified: k means from meanAOff
     * @param squareA modified: k sums of squares from sqAOff
     * @param meanB   not modified
     * @param squareB not modified
     * @return W, the pooled weight (W_a when W_b ≤ 0)
     */
    public static double poolDiagonal(int k, double weightA, double[] meanA, int meanAOff, double[] squareA,
                                      int sqAOff, double weightB, double[] meanB, int meanBOff, double[] squareB,
                                      int sqBOff) {
        if (!(weightB > 0)) {
            return weightA;
        }
        if (!(weightA > 0)) {
            System.arraycopy(meanB, meanBOff, meanA, meanAOff, k);
            System.arraycopy(squareB, sqBOff, squareA, sqAOff, k);
            return weightB;
        }
        double total = weightA + weightB;
        double f = weightA * weightB / total;
        double g = weightB / total;
        for (int j = 0; j < k; j++) {
            double d = meanB[meanBOff + j] - meanA[meanAOff + j];
            squareA[sqAOff + j] += squareB[sqBOff + j] + f * d * d;
            meanA[meanAOff + j] += d * g;
        }
        return total;
    }

    /** @return m, the rows read */
    public int rows() {
        return rows;
    }

    /** @return n, the columns of X */
    public int cols() {
        return cols;
    }

    /** @return Σ w_i (m when unweighted) */
    public double weightSum() {
        return weightSum;
    }

    /** @return the weighted column means x̄ = Σ w_i·x_i / Σ w_i (n values; NaN when Σ w = 0) */
    public double[] mean() {
        return Arrays.copyOf(mean, cols);
    }

    /** @return ȳ = Σ w_i·y_i / Σ w_i (NaN when Σ w = 0) */
    public double targetMean() {
        return mean[cols];
    }

    /** @return {@code X_cᵀ·W·X_c = Σ w_i·(x_i − x̄)(x_i − x̄)ᵀ}, n×n row-major, exactly symmetric */
    public double[] xx() {
        int c = cols + 1;
        double[] g = new double[cols * cols];
        for (int i = 0; i < cols; i++) {
            System.arraycopy(cross, i * c, g, i * cols, cols);
        }
        return g;
    }

    /** @return {@code X_cᵀ·W·y_c = Σ w_i·(x_i − x̄)·(y_i − ȳ)}, n values */
    public double[] xy() {
        int c = cols + 1;
        double[] v = new double[cols];
        for (int j = 0; j < cols; j++) {
            v[j] = cross[cols * c + j];
        }
        return v;
    }

    /** @return {@code Σ w_i·(y_i − ȳ)²} */
    public double yy() {
        return cross[cols * (cols + 1) + cols];
    }
}
