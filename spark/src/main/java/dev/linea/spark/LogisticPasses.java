package dev.linea.spark;

import dev.linea.kernels.Backend;
import dev.linea.models.logistic.LogisticRows;
import dev.linea.models.logistic.Separation;
import dev.linea.models.optim.StandardizedCoordinates;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;

/**
 * The distributed passes of binary logistic regression, each one Spark job over the blocks ending in a tree
 * reduction in fixed order ({@link OrderedTree}; internal), behind the models' seam ({@link DistributedLogisticData}). Parameters are laid out as the single machine's: θ = (β_0 … β_{n−1} [, b]).
 * The effective weight of a row is {@code s_i = w_i·c_{y_i}} (sample weight times class multiplier), built per block
 * on the executor; {@code mult == null} means every multiplier is 1, and then s is the block's weights (or null, the
 * kernels' unit-weight fast path), as on one machine.
 */
final class LogisticPasses {
    private LogisticPasses() {
    }

    /** What the driver needs to build every pass: the blocks, their shape and the weighting. */
    record Setup(JavaRDD<RowBlock> blocks, ExecutorBackend backend, int n, boolean intercept, double[] mult) {
        int parameters() {
            return intercept ? n + 1 : n;
        }
    }

    /**
     * The label pass: checks that every label is 0 or 1 (naming partition, row and column otherwise) and returns
     * {rows of class 0, rows of class 1, Σw over class 0, Σw over class 1}.
     */
    static double[] labels(JavaRDD<RowBlock> blocks, String label) {
        return SparkJobs.run(() -> OrderedTree.reduce(blocks.mapPartitions((Iterator<RowBlock> it) -> {
            double[] acc = new double[4];
            while (it.hasNext()) {
                RowBlock blk = it.next();
                double[] y = blk.y();
                for (int i = 0; i < blk.rows(); i++) {
                    double v = y[i];
                    if (v != 0 && v != 1) {
                        throw new IllegalArgumentException("partition " + blk.partition() + ", row "
                                + (blk.firstRow() + i) + ": label '" + label + "' is " + v
                                + ", expected a binary label 0 or 1");
                    }
                    int c = (int) v;
                    acc[c] += 1;
                    acc[2 + c] += blk.w() == null ? 1 : blk.w()[i];
                }
            }
            return List.of(acc).iterator();
        }), DistributedPasses::sum, new double[4]));
    }

    /**
     * The columns' spread for the standardized coordinates (unweighted, as the single machine's
     * {@link StandardizedCoordinates.Spread#of}): per block the column sums and the squares about the block's own
     * means (or about 0 when not centred), merged by Chan's pairwise update, so a column whose mean dwarfs its
     * spread keeps its digits.
     *
     * @return 1 + 2n values: the rows, the n means (0 when not centred), the n sums of squared deviations
     */
    static double[] spread(JavaRDD<RowBlock> blocks, int n, boolean centred) {
        return SparkJobs.run(() -> OrderedTree.reduce(blocks.mapPartitions((Iterator<RowBlock> it) -> {
            double[] acc = new double[1 + 2 * n];
            double[] raw = null;
            while (it.hasNext()) {
                RowBlock blk = it.next();
                int m = blk.rows();
                if (m == 0) {
                    continue;
                }
                if (blk.isSparse()) {
                    if (raw == null) {
                        raw = new double[1 + 2 * n];
                    }
                    addSparseSums(blk.sparse(), raw, n);
                    continue;
                }
                double[] b = new double[1 + 2 * n];
                b[0] = m;
                double[] x = blk.x();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        b[1 + j] += x[i * n + j];
                    }
                }
                for (int j = 0; j < n; j++) {
                    b[1 + j] = centred ? b[1 + j] / m : 0;
                }
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double d = x[i * n + j] - b[1 + j];
                        b[1 + n + j] += d * d;
                    }
                }
                mergeSpread(acc, b, n);
            }
            if (raw != null) {
                mergeSpread(acc, sparseSpread(raw, n, centred), n);
            }
            return List.of(acc).iterator();
        }), (a, b) -> mergeSpread(a, b, n), new double[1 + 2 * n]));
    }

    /** raw ← raw + the block's row count, Σx_j and Σx_j² (over its non-zeros: one pass, O(nnz)). */
    private static void addSparseSums(SparseRows x, double[] raw, int n) {
        raw[0] += x.rows();
        int[] ci = x.indices();
        double[] v = x.values();
        for (int k = 0; k < x.nonZeros(); k++) {
            raw[1 + ci[k]] += v[k];
            raw[1 + n + ci[k]] += v[k] * v[k];
        }
    }

    /**
     * A partition's sparse sums as the spread's parts: the means (0 when not centred) and the squared deviations
     * Σx² − m·x̄² (clamped at 0) or, not centred, Σx²: the single machine's formulas for sparse rows
     * ({@code SparseLogisticData.columnSpread}), since centring each value would touch every zero.
     */
    private static double[] sparseSpread(double[] raw, int n, boolean centred) {
        double m = raw[0];
        double[] b = new double[1 + 2 * n];
        b[0] = m;
        for (int j = 0; j < n; j++) {
            double mean = raw[1 + j] / m;
            b[1 + j] = centred ? mean : 0;
            b[1 + n + j] = centred ? Math.max(0, raw[1 + n + j] - m * mean * mean) : raw[1 + n + j];
        }
        return b;
    }

    /** a ← a and b pooled (Chan: M2 = M2_a + M2_b + δ²·m_a·m_b/m; means stay 0 when not centred); returns a. */
    private static double[] mergeSpread(double[] a, double[] b, int n) {
        double ma = a[0];
        double mb = b[0];
        if (mb == 0) {
            return a;
        }
        double m = ma + mb;
        for (int j = 0; j < n; j++) {
            double d = b[1 + j] - a[1 + j];
            a[1 + n + j] += b[1 + n + j] + d * d * (ma * mb / m);
            a[1 + j] += d * (mb / m);
        }
        a[0] = m;
        return a;
    }

    /**
     * The data term and its gradient at θ, by the fused kernel per block: {Σ s_i·ℓ_i, then Xᵀ·S·(σ(z) − y) [and
     * its intercept entry]}; raw, neither mean-scaled nor penalized. With {@code mask} non-null, rows whose signed
     * margin at {@code mask} is at least {@link Separation#SATURATED} get weight 0 (the separation refit).
     *
     * @return p + 1 values: the p gradient entries, then the loss
     */
    static double[] lossGradient(Setup st, double[] theta, double[] mask) {
        int n = st.n();
        int p = st.parameters();
        boolean icpt = st.intercept();
        double[] th = theta.clone();
        double[] mk = mask == null ? null : mask.clone();
        return perBlock(st, () -> new double[p + 1], DistributedPasses::sum, (b, blk, s, acc) -> {
            double[] w = mk == null ? s : masked(b, blk, s, n, icpt, mk);
            double[] g = new double[p];
            acc[p] += gradient(b, blk, n, icpt, th, w, g);
            for (int j = 0; j < p; j++) {
                acc[j] += g[j];
            }
        });
    }

    /**
     * One Newton (IRLS) pass at θ: the raw loss and gradient as {@link #lossGradient}, and the Hessian of the
     * mean-scaled data term {@code [X 1]ᵀ·D·[X 1]} with D = diag(s_i·σ(z_i)·(1 − σ(z_i)))/Σs, unpenalized, summed over
     * the blocks ({@link LogisticRows#hessian}, the single machine's formula). {@code mask} as in
     * {@link #lossGradient}.
     *
     * @return 1 + p + p² values: the loss, the p gradient entries, then the p×p Hessian row-major
     */
    static double[] newton(Setup st, double[] theta, double sumS, double[] mask) {
        int n = st.n();
        int p = st.parameters();
        boolean icpt = st.intercept();
        double[] th = theta.clone();
        double[] mk = mask == null ? null : mask.clone();
        return perBlock(st, () -> new double[1 + p + p * p], DistributedPasses::sum, (b, blk, ws, acc) -> {
            double[] s = mk == null ? ws : masked(b, blk, ws, n, icpt, mk);
            int m = blk.rows();
            double[] g = new double[p];
            acc[0] += gradient(b, blk, n, icpt, th, s, g);
            for (int j = 0; j < p; j++) {
                acc[1 + j] += g[j];
            }
            double[] h = new double[p * p];
            if (blk.isSparse()) {
                LogisticRows.sparseHessian(b, blk.csr(), th, icpt, s, sumS, h, new double[m]);
            } else {
                LogisticRows.hessian(b, m, n, blk.x(), th, icpt, s, sumS, h);
            }
            for (int t = 0; t < p * p; t++) {
                acc[1 + p + t] += h[t];
            }
        });
    }

    /**
     * The models' {@link Separation.Margins} over the rows of positive weight at θ, relative to the rows saturated at
     * {@code ref} (at θ when null), for the separation checks; {@code mask} as in {@link #lossGradient}.
     */
    static Separation.Margins margins(Setup st, double[] theta, double[] ref, double[] mask) {
        int n = st.n();
        boolean icpt = st.intercept();
        double[] th = theta.clone();
        double[] rf = ref == null ? null : ref.clone();
        double[] mk = mask == null ? null : mask.clone();
        return perBlock(st, Separation.Margins::new, Separation.Margins::merge, (b, blk, ws, acc) -> {
            double[] s = mk == null ? ws : masked(b, blk, ws, n, icpt, mk);
            double[] z = margins(b, blk, n, icpt, th);
            double[] zr = rf == null ? z : margins(b, blk, n, icpt, rf);
            for (int i = 0; i < blk.rows(); i++) {
                acc.add(blk.y()[i], s == null ? 1 : s[i], z[i], zr[i]);
            }
        });
    }

    /** What a pass does with one block and its effective weights s (null for ones). */
    interface BlockFn<T> extends Serializable {
        void apply(Backend b, RowBlock blk, double[] s, T acc);
    }

    /** A serializable source of zero sums (one per partition, one for the reduction). */
    interface Zero<T> extends Serializable {
        T get();
    }

    /** A pass: per partition, {@code fn} adds every block to zero sums; the partitions' sums are merged in order. */
    private static <T extends Serializable> T perBlock(Setup st, Zero<T> zero, Function2<T, T, T> merge,
                                                      BlockFn<T> fn) {
        ExecutorBackend backend = st.backend();
        double[] mult = st.mult();
        return SparkJobs.run(() -> OrderedTree.reduce(st.blocks().mapPartitions((Iterator<RowBlock> it) -> {
            Backend b = backend.load();
            T acc = zero.get();
            while (it.hasNext()) {
                RowBlock blk = it.next();
                fn.apply(b, blk, weights(blk, mult), acc);
            }
            return List.of(acc).iterator();
        }), merge, zero.get()));
    }

    /** s_i = w_i·c_{y_i}, or the block's weights (possibly null) when every multiplier is 1. */
    static double[] weights(RowBlock blk, double[] mult) {
        if (mult == null) {
            return blk.w();
        }
        int m = blk.rows();
        double[] s = new double[m];
        double[] w = blk.w();
        double[] y = blk.y();
        for (int i = 0; i < m; i++) {
            s[i] = (w == null ? 1 : w[i]) * mult[(int) y[i]];
        }
        return s;
    }

    /** The weights with rows whose signed margin at {@code mask} is ≥ SATURATED set to 0 (a new array). */
    private static double[] masked(Backend b, RowBlock blk, double[] s, int n, boolean icpt, double[] mask) {
        return Separation.unsaturatedWeights(blk.rows(), blk.y(), s, margins(b, blk, n, icpt, mask));
    }

    /** z = Xβ + b of one block (θ = (β, b), the intercept last). */
    static double[] margins(Backend b, RowBlock blk, int n, boolean icpt, double[] theta) {
        double[] z = new double[blk.rows()];
        if (blk.isSparse()) {
            b.sparseTimes(blk.csr(), null, null, theta, 0, icpt ? theta[n] : 0, z, 0);
        } else {
            LogisticRows.margins(b, blk.rows(), n, blk.x(), theta, icpt, z);
        }
        return z;
    }

    /**
     * The fused kernel over one block, dense ({@code logisticGradient}) or sparse ({@code sparseLogisticGradient},
     * one pass over the non-zeros): g ← Xᵀ·S·(σ(z) − y) [and its intercept entry]; returns Σ s_i·ℓ_i.
     */
    private static double gradient(Backend b, RowBlock blk, int n, boolean icpt, double[] th, double[] s,
                                   double[] g) {
        if (blk.isSparse()) {
            return b.sparseLogisticGradient(blk.csr(), null, null, th, 0, icpt, blk.y(), 0, s, 0, g, 0);
        }
        return b.logisticGradient(blk.rows(), n, blk.x(), 0, Math.max(1, n), th, 0, icpt, blk.y(), 0, s, 0, g, 0);
    }
}
