package dev.linea.spark;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Transpose;
import dev.linea.models.SufficientStatistics;
import dev.linea.models.linalg.Residuals;
import dev.linea.models.ols.ResidualPass;
import org.apache.spark.api.java.JavaRDD;

import java.util.Iterator;
import java.util.List;

/**
 * The distributed passes of the least-squares family, each one Spark job over the blocks ending in a tree
 * reduction ({@link OrderedTree}: treeAggregate's shape with a fixed merge order, so fits repeat bit for bit): the
 * moments, the tall-skinny R factor and the residual pass of refinement.
 */
final class DistributedPasses {
    private DistributedPasses() {
    }

    static SufficientStatistics moments(DistributedData data) {
        int n = data.cols();
        ExecutorBackend backend = data.executorBackend();
        JavaRDD<RowBlock> blocks = data.blocks();
        JavaRDD<Moments> perPartition = blocks.mapPartitions((Iterator<RowBlock> it) -> {
            Backend b = backend.load();
            Moments acc = new Moments(n);
            while (it.hasNext()) {
                acc.add(it.next(), b);
            }
            return List.of(acc).iterator();
        });
        Moments m = SparkJobs.run(() -> OrderedTree.reduce(perPartition, Moments::merge, new Moments(n)));
        return m.toStatistics(data.featureNames(), data.labelColumn());
    }

    static TallSkinnyR rFactor(DistributedData data, boolean intercept) {
        int n = data.cols();
        ExecutorBackend backend = data.executorBackend();
        JavaRDD<RowBlock> blocks = data.blocks();
        int chunk = data.denseChunkRows();
        JavaRDD<TallSkinnyR> perPartition = blocks.mapPartitions((Iterator<RowBlock> it) -> {
            Backend b = backend.load();
            TallSkinnyR acc = new TallSkinnyR(n, intercept);
            while (it.hasNext()) {
                for (RowBlock blk : it.next().denseChunks(chunk)) {
                    acc.add(blk, b);
                }
            }
            return List.of(acc).iterator();
        });
        TallSkinnyR r = SparkJobs.run(() -> OrderedTree.reduce(perPartition,
                (a, c) -> a.merge(c, backend.load()), new TallSkinnyR(n, intercept)));
        if (r.rows == 0) {
            throw new IllegalArgumentException("the data have no rows: nothing to fit");
        }
        return r;
    }

    /**
     * The residual pass as one job: out = (X − 1·cᵀ)ᵀ·W·r with r in double-double per row, and Σw·r, Σw·r².
     */
    static ResidualPass residuals(DistributedData data, int[] passes) {
        int n = data.cols();
        int chunk = data.denseChunkRows();
        ExecutorBackend backend = data.executorBackend();
        JavaRDD<RowBlock> blocks = data.blocks();
        return (b0, beta, centre, out) -> {
            double[] bt = beta.clone();
            double[] c = centre.clone();
            JavaRDD<double[]> perPartition = blocks.mapPartitions((Iterator<RowBlock> it) -> {
                Backend b = backend.load();
                double[] acc = new double[n + 2];
                double[] xc = null;
                for (RowBlock blk : dense(it, chunk)) {
                    int m = blk.rows();
                    double[] r = Residuals.of(m, n, blk.x(), blk.y(), b0, bt);
                    for (int i = 0; i < m; i++) {
                        double wi = blk.w() == null ? 1 : blk.w()[i];
                        acc[0] += wi * r[i];
                        acc[1] += wi * r[i] * r[i];
                        r[i] *= wi;
                    }
                    if (xc == null || xc.length < m * n) {
                        xc = new double[m * n];
                    }
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            xc[i * n + j] = blk.x()[i * n + j] - c[j];
                        }
                    }
                    if (n > 0) {
                        b.gemv(Transpose.TRANSPOSE, m, n, 1, xc, 0, n, r, 0, 1, acc, 2);
                    }
                }
                return List.of(acc).iterator();
            });
            double[] sums = SparkJobs.run(() -> OrderedTree.reduce(perPartition, DistributedPasses::sum,
                    new double[n + 2]));
            passes[0]++;
            System.arraycopy(sums, 2, out, 0, n);
            return new ResidualPass.Sums(sums[0], sums[1]);
        };
    }

    /**
     * The residual pass of the QR path's refinement, with Xᵀ·W·r summed in double-double as well as r: when the
     * residuals are large (a poor fit, as Wampler5's), rounding either to double leaves an error u·‖X‖·‖r‖ that
     * (XᵀWX)⁻¹ amplifies by κ², which would stall refinement at κ²·u·‖r‖ instead of the correctly rounded solution.
     * About ten times the flops of the plain pass, on a pass that is O(rows·n). The centre must be zero.
     */
    static ResidualPass exactResiduals(DistributedData data, int[] passes) {
        int n = data.cols();
        int chunk = data.denseChunkRows();
        JavaRDD<RowBlock> blocks = data.blocks();
        return (b0, beta, centre, out) -> {
            for (double c : centre) {
                if (c != 0) {
                    throw new IllegalStateException("exactResiduals: centre must be zero");
                }
            }
            double[] bt = beta.clone();
            // acc[2j], acc[2j+1]: hi and lo of (Xᵀ·W·r)_j; then Σw·r and Σw·r² (hi, lo).
            JavaRDD<double[]> perPartition = blocks.mapPartitions((Iterator<RowBlock> it) -> {
                double[] acc = new double[2 * n + 4];
                for (RowBlock blk : dense(it, chunk)) {
                    double[] x = blk.x();
                    for (int i = 0; i < blk.rows(); i++) {
                        // r = y − b0 − x·β in double-double
                        double rh = blk.y()[i];
                        double rl = 0;
                        double[] t = twoSum(rh, -b0);
                        rh = t[0];
                        rl = t[1];
                        int row = i * n;
                        for (int j = 0; j < n; j++) {
                            double p = -x[row + j] * bt[j];
                            double pe = Math.fma(-x[row + j], bt[j], -p);
                            double sh = rh + p;
                            double bb = sh - rh;
                            double se = (rh - (sh - bb)) + (p - bb);
                            rh = sh;
                            rl += se + pe;
                        }
                        double h = rh + rl;
                        rl = rl - (h - rh);
                        rh = h;
                        double wi = blk.w() == null ? 1 : blk.w()[i];
                        // w·r in double-double
                        double wh = wi * rh;
                        double wl = Math.fma(wi, rh, -wh) + wi * rl;
                        add(acc, 2 * n, wh, wl);
                        add(acc, 2 * n + 2, wh * rh, Math.fma(wh, rh, -wh * rh) + wh * rl + wl * rh);
                        for (int j = 0; j < n; j++) {
                            double a = x[row + j];
                            double ph = a * wh;
                            add(acc, 2 * j, ph, Math.fma(a, wh, -ph) + a * wl);
                        }
                    }
                }
                return List.of(acc).iterator();
            });
            double[] sums = SparkJobs.run(() -> OrderedTree.reduce(perPartition, DistributedPasses::sumPairs,
                    new double[2 * n + 4]));
            passes[0]++;
            for (int j = 0; j < n; j++) {
                out[j] = sums[2 * j] + sums[2 * j + 1];
            }
            return new ResidualPass.Sums(sums[2 * n] + sums[2 * n + 1], sums[2 * n + 2] + sums[2 * n + 3]);
        };
    }

    /**
     * The partition's blocks with every sparse one densified a piece of at most {@code chunk} rows at a time (when
     * iterated): the passes whose kernels need dense rows, run on sparse data only for few columns.
     */
    static Iterable<RowBlock> dense(Iterator<RowBlock> blocks, int chunk) {
        return () -> new Iterator<>() {
            private Iterator<RowBlock> pieces = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!pieces.hasNext() && blocks.hasNext()) {
                    pieces = blocks.next().denseChunks(chunk).iterator();
                }
                return pieces.hasNext();
            }

            @Override
            public RowBlock next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return pieces.next();
            }
        };
    }

    private static double[] twoSum(double a, double b) {
        double s = a + b;
        double bb = s - a;
        return new double[] {s, (a - (s - bb)) + (b - bb)};
    }

    /** acc[k], acc[k+1] (hi, lo) += (h, l), in double-double. */
    private static void add(double[] acc, int k, double h, double l) {
        double a = acc[k];
        double s = a + h;
        double bb = s - a;
        double e = (a - (s - bb)) + (h - bb) + acc[k + 1] + l;
        double hi = s + e;
        acc[k + 1] = e - (hi - s);
        acc[k] = hi;
    }

    static double[] sumPairs(double[] a, double[] b) {
        for (int k = 0; k < a.length; k += 2) {
            add(a, k, b[k], b[k + 1]);
        }
        return a;
    }

    static double[] sum(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }
}
