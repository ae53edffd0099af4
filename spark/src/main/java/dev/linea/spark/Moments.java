package dev.linea.spark;

import dev.linea.kernels.Backend;
import dev.linea.models.SufficientStatistics;

import java.io.Serializable;
import java.util.List;

/**
 * Weighted, centred second moments of z = [x, y] (k = n + 1 columns), accumulated block by block on the executors
 * and merged across partitions by the pairwise update of Chan, Golub and LeVeque: for two parts with weight sums
 * W_a, W_b, means μ_a, μ_b and centred co-moments C_a, C_b ({@link SufficientStatistics#pool}, shared with
 * {@link SufficientStatistics#combine}),
 * <pre>
 *   W = W_a + W_b,   δ = μ_b − μ_a,   μ = μ_a + δ·W_b/W,   C = C_a + C_b + (W_a·W_b/W)·δδᵀ
 * </pre>
 * Each block is centred on its own mean before its Gram matrix is formed (the backend's {@code gram} kernel, the
 * O(rows·k²) work), so columns with a large mean keep their digits, as on one machine. Merging is O(k²) and exact up
 * to rounding whatever the order, so the result does not depend on the partitioning beyond rounding. The target's
 * least and greatest values (rows of positive weight) ride along, merged as min and max, so that R² can tell a
 * constant target exactly ({@link SufficientStatistics#rSquared}).
 */
final class Moments implements Serializable {
    private static final long serialVersionUID = 1L;

    final int k;
    long rows;
    double weightSum;
    final double[] mean;
    /** k×k, full symmetric. */
    final double[] comoment;
    /** The target's extremes over the rows of positive weight (±∞ before any). */
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    private transient double[] work;
    private transient double[] blockGram;

    Moments(int n) {
        this.k = n + 1;
        this.mean = new double[k];
        this.comoment = new double[k * k];
    }

    /** Adds one block's rows. */
    Moments add(RowBlock b, Backend backend) {
        if (b.isSparse()) {
            return addSparse(b, backend);
        }
        int m = b.rows();
        int n = k - 1;
        rows += m;
        double[] w = b.w();
        double sb = 0;
        double[] mb = new double[k];
        for (int i = 0; i < m; i++) {
            double wi = w == null ? 1 : w[i];
            if (wi == 0) {
                continue;
            }
            sb += wi;
            if (wi > 0) {
                yMin = Math.min(yMin, b.y()[i]);
                yMax = Math.max(yMax, b.y()[i]);
            }
            int r = i * n;
            for (int j = 0; j < n; j++) {
                mb[j] += wi * b.x()[r + j];
            }
            mb[n] += wi * b.y()[i];
        }
        if (sb == 0) {
            return this;
        }
        for (int j = 0; j < k; j++) {
            mb[j] /= sb;
        }
        if (work == null || work.length < m * k) {
            work = new double[m * k];
            blockGram = new double[k * k];
        }
        for (int i = 0; i < m; i++) {
            int r = i * n;
            int z = i * k;
            for (int j = 0; j < n; j++) {
                work[z + j] = b.x()[r + j] - mb[j];
            }
            work[z + n] = b.y()[i] - mb[n];
        }
        backend.gram(m, k, work, 0, k, w, 0, blockGram, 0, k);
        combine(sb, mb, blockGram);
        return this;
    }

    /**
     * Adds a sparse block's rows without densifying them: the weighted means from one pass over the non-zeros, then
     * the centred co-moments {@code (X − 1x̄ᵀ)ᵀW(X − 1x̄ᵀ)} by the backend's {@code sparseGram} with the block's mean
     * as its centre (the kernel's rank-two correction, so centring fills nothing in), the cross terms
     * {@code (X − 1x̄ᵀ)ᵀW(y − ȳ)} by {@code sparseTransposeTimes}, and {@code Σw(y − ȳ)²}. The result is dense
     * k×k: the estimators allow it for few columns only ({@link DistributedData#requireFewColumns}).
     */
    private Moments addSparse(RowBlock b, Backend backend) {
        int m = b.rows();
        int n = k - 1;
        rows += m;
        double[] w = b.w();
        double[] y = b.y();
        SparseRows x = b.sparse();
        int[] ptr = x.rowPtr();
        int[] ci = x.indices();
        double[] xv = x.values();
        double sb = 0;
        double[] mb = new double[k];
        for (int i = 0; i < m; i++) {
            double wi = w == null ? 1 : w[i];
            if (wi == 0) {
                continue;
            }
            sb += wi;
            yMin = Math.min(yMin, y[i]);
            yMax = Math.max(yMax, y[i]);
            for (int t = ptr[i]; t < ptr[i + 1]; t++) {
                mb[ci[t]] += wi * xv[t];
            }
            mb[n] += wi * y[i];
        }
        if (sb == 0) {
            return this;
        }
        for (int j = 0; j < k; j++) {
            mb[j] /= sb;
        }
        if (blockGram == null) {
            blockGram = new double[k * k];
        }
        double[] u = new double[m];
        double yy = 0;
        for (int i = 0; i < m; i++) {
            double wi = w == null ? 1 : w[i];
            double r = y[i] - mb[n];
            u[i] = wi * r;
            yy += wi * r * r;
        }
        double[] centre = java.util.Arrays.copyOf(mb, n);
        if (n > 0) {
            backend.sparseGram(b.csr(), centre, null, w, 0, blockGram, 0, k);
            double[] xy = new double[n];
            backend.sparseTransposeTimes(b.csr(), centre, null, u, 0, xy, 0);
            for (int j = 0; j < n; j++) {
                blockGram[j * k + n] = xy[j];
                blockGram[n * k + j] = xy[j];
            }
        }
        blockGram[k * k - 1] = yy;
        combine(sb, mb, blockGram);
        return this;
    }

    /** Merges another part into this one (Chan's update); returns this. */
    Moments merge(Moments o) {
        if (o.k != k) {
            throw new IllegalStateException("moments of " + (o.k - 1) + " and " + (k - 1) + " features");
        }
        rows += o.rows;
        yMin = Math.min(yMin, o.yMin);
        yMax = Math.max(yMax, o.yMax);
        combine(o.weightSum, o.mean, o.comoment);
        return this;
    }

    private void combine(double sb, double[] mb, double[] cb) {
        weightSum = SufficientStatistics.pool(k, weightSum, mean, comoment, sb, mb, cb);
    }

    /**
     * @throws IllegalArgumentException when no row was read or every weight is zero
     */
    SufficientStatistics toStatistics(List<String> names, String target) {
        if (rows == 0) {
            throw new IllegalArgumentException("the data have no rows: nothing to fit");
        }
        if (!(weightSum > 0)) {
            throw new IllegalArgumentException("every weight is zero (" + rows + " rows): nothing to fit");
        }
        int n = k - 1;
        double[] xx = new double[n * n];
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(comoment, i * k, xx, i * n, n);
            xy[i] = comoment[i * k + n];
        }
        return new SufficientStatistics(names, target, rows, weightSum, java.util.Arrays.copyOf(mean, n), mean[n], xx,
                xy, comoment[k * k - 1], yMin, yMax);
    }
}
