package dev.linea.spark;

import dev.linea.kernels.Backend;
import dev.linea.models.SufficientStatistics;
import dev.linea.models.lasso.ElasticNetCV;
import dev.linea.models.lasso.ElasticNetCVResult;
import dev.linea.models.lasso.ElasticNetOptions;
import org.apache.spark.api.java.JavaRDD;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * K-fold cross-validation of the Gaussian lasso / elastic-net path in <b>one pass</b> over the data: each row is
 * assigned to a fold by a hash of (seed, partition, row within the partition), the pass gathers the centred moments
 * of every fold ({@link Moments}, K accumulators per task, merged in partition order), and the driver runs the
 * single machine's {@link ElasticNetCV#fit(List)}: the path on all folds pooled, the path at the same λ on each
 * K−1 folds pooled, and each held-out fold's mean squared error from its own moments — cv.glmnet's mean error,
 * standard error, λ.min and λ.1se. Folds are reproducible for a given seed and partitioning (not across
 * repartitioning: rows carry no global index).
 */
public final class DistributedElasticNetCV {
    private final ElasticNetOptions options;
    private final int folds;
    private final long seed;

    /**
     * @param folds K ≥ 2
     */
    public DistributedElasticNetCV(ElasticNetOptions options, int folds, long seed) {
        this.options = Objects.requireNonNull(options, "options");
        if (folds < 2) {
            throw new IllegalArgumentException("folds is " + folds + ", expected at least 2");
        }
        this.folds = folds;
        this.seed = seed;
    }

    /**
     * @throws IllegalArgumentException for a bad row, no rows, or a fold that received no weight (fewer rows than
     *                                  folds)
     */
    public ElasticNetCVResult fit(DistributedData data) {
        Objects.requireNonNull(data, "data");
        data.requireNoOffset("DistributedElasticNetCV");
        int n = data.cols();
        data.requireFewColumns("elastic-net CV (its moments XᵀWX)");
        DriverMemory.check(n + 1, folds + 4, "elastic-net CV");
        ExecutorBackend backend = data.executorBackend();
        int k = folds;
        long s = seed;
        JavaRDD<RowBlock> blocks = data.blocks();
        JavaRDD<FoldMoments> perPartition = blocks.mapPartitions((Iterator<RowBlock> it) -> {
            Backend b = backend.load();
            FoldMoments acc = new FoldMoments(n, k);
            while (it.hasNext()) {
                acc.add(it.next(), b, s);
            }
            return List.of(acc).iterator();
        });
        FoldMoments all = SparkJobs.run(() -> OrderedTree.reduce(perPartition, FoldMoments::merge,
                new FoldMoments(n, k)));
        List<SufficientStatistics> stats = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            Moments m = all.folds[f];
            if (!(m.weightSum > 0)) {
                throw new IllegalArgumentException("fold " + f + " of " + k + " received no rows of positive weight ("
                        + m.rows + " rows): use fewer folds");
            }
            stats.add(m.toStatistics(data.featureNames(), data.labelColumn()));
        }
        return new ElasticNetCV(options, k, seed, data.driverBackend()).fit(stats);
    }

    /** The fold of a row: SplitMix64's finalizer of (seed, partition, row), reduced to [0, k). */
    static int fold(long seed, int partition, long row, int k) {
        long z = seed + 0x9E3779B97F4A7C15L * (1 + partition) + 0xBF58476D1CE4E5B9L * row;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) Math.floorMod(z, (long) k);
    }

    /** K fold accumulators of one task. */
    static final class FoldMoments implements Serializable {
        private static final long serialVersionUID = 1L;
        final Moments[] folds;

        FoldMoments(int n, int k) {
            folds = new Moments[k];
            for (int f = 0; f < k; f++) {
                folds[f] = new Moments(n);
            }
        }

        void add(RowBlock blk, Backend backend, long seed) {
            int k = folds.length;
            int n = blk.cols();
            int m = blk.rows();
            int[] fold = new int[m];
            int[] count = new int[k];
            for (int i = 0; i < m; i++) {
                fold[i] = fold(seed, blk.partition(), blk.firstRow() + i, k);
                count[fold[i]]++;
            }
            for (int f = 0; f < k; f++) {
                if (count[f] == 0) {
                    continue;
                }
                if (blk.isSparse()) {
                    folds[f].add(foldRows(blk, fold, f, count[f]), backend);
                    continue;
                }
                double[] x = new double[count[f] * n];
                double[] y = new double[count[f]];
                double[] w = blk.w() == null ? null : new double[count[f]];
                int c = 0;
                for (int i = 0; i < m; i++) {
                    if (fold[i] != f) {
                        continue;
                    }
                    System.arraycopy(blk.x(), i * n, x, c * n, n);
                    y[c] = blk.y()[i];
                    if (w != null) {
                        w[c] = blk.w()[i];
                    }
                    c++;
                }
                folds[f].add(new RowBlock(blk.partition(), blk.firstRow(), c, n, x, y, w), backend);
            }
        }

        /** The rows of a sparse block in fold f (c of them), as a sparse block of their own. */
        private static RowBlock foldRows(RowBlock blk, int[] fold, int f, int c) {
            SparseRows x = blk.sparse();
            int[] ptr = x.rowPtr();
            int nnz = 0;
            for (int i = 0; i < blk.rows(); i++) {
                if (fold[i] == f) {
                    nnz += ptr[i + 1] - ptr[i];
                }
            }
            int[] rp = new int[c + 1];
            int[] ci = new int[nnz];
            double[] v = new double[nnz];
            double[] y = new double[c];
            double[] w = blk.w() == null ? null : new double[c];
            int r = 0;
            for (int i = 0; i < blk.rows(); i++) {
                if (fold[i] != f) {
                    continue;
                }
                int len = ptr[i + 1] - ptr[i];
                System.arraycopy(x.indices(), ptr[i], ci, rp[r], len);
                System.arraycopy(x.values(), ptr[i], v, rp[r], len);
                rp[r + 1] = rp[r] + len;
                y[r] = blk.y()[i];
                if (w != null) {
                    w[r] = blk.w()[i];
                }
                r++;
            }
            return RowBlock.sparse(blk.partition(), blk.firstRow(), new SparseRows(c, x.cols(), rp, ci, v), y, w,
                    null);
        }

        FoldMoments merge(FoldMoments o) {
            for (int f = 0; f < folds.length; f++) {
                folds[f].merge(o.folds[f]);
            }
            return this;
        }
    }
}
