package dev.linea.spark;

import dev.linea.kernels.Backend;
import dev.linea.models.ridge.SparseRidgeRows;
import org.apache.spark.api.java.JavaRDD;

import java.util.Iterator;
import java.util.List;

/**
 * The models' {@link SparseRidgeRows} over a Spark dataset's CSR blocks (internal): every pass is one job in which
 * each block runs the backend's sparse kernels ({@code sparseTimes}, {@code sparseTransposeTimes}, the centre
 * applied implicitly) and the n-vectors of the partitions are summed by {@link OrderedTree} in partition order. It
 * counts the passes. One instance per fit, on cached blocks.
 */
final class DistributedSparseRidgeRows implements SparseRidgeRows {
    private final DistributedData data;
    private final JavaRDD<RowBlock> blocks;
    private final ExecutorBackend backend;
    private final int n;
    private int passes;

    DistributedSparseRidgeRows(DistributedData data) {
        this.data = data;
        this.blocks = data.blocks();
        this.backend = data.executorBackend();
        this.n = data.cols();
    }

    int passes() {
        return passes;
    }

    /** @return the rows counted by the summary pass */
    long rows() {
        return rows;
    }

    @Override
    public List<String> featureNames() {
        return data.featureNames();
    }

    @Override
    public long nonZeros() {
        return nonZeros;
    }

    private long nonZeros;
    private long rows;

    /** One pass: rows, non-zeros, Σw, Σw·y, Σw·x_j and Σw·x_j² over the non-zeros. */
    @Override
    public Summary summary() {
        int nn = n;
        double[] s = SparkJobs.run(() -> OrderedTree.reduce(blocks.mapPartitions((Iterator<RowBlock> it) -> {
            double[] acc = new double[4 + 2 * nn];
            while (it.hasNext()) {
                RowBlock blk = it.next();
                SparseRows x = blk.sparse();
                int[] ptr = x.rowPtr();
                int[] ci = x.indices();
                double[] xv = x.values();
                acc[0] += blk.rows();
                acc[1] += x.nonZeros();
                for (int i = 0; i < blk.rows(); i++) {
                    double wi = blk.w() == null ? 1 : blk.w()[i];
                    acc[2] += wi;
                    acc[3] += wi * blk.y()[i];
                    for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                        acc[4 + ci[k]] += wi * xv[k];
                        acc[4 + nn + ci[k]] += wi * xv[k] * xv[k];
                    }
                }
            }
            return List.of(acc).iterator();
        }), DistributedPasses::sum, new double[4 + 2 * nn]));
        passes++;
        if (s[0] == 0) {
            throw new IllegalArgumentException("the data have no rows: nothing to fit");
        }
        double sw = s[2];
        if (!(sw > 0)) {
            throw new IllegalArgumentException("every weight is zero (" + (long) s[0] + " rows): nothing to fit");
        }
        nonZeros = (long) s[1];
        rows = (long) s[0];
        double[] mean = new double[n];
        double[] var = new double[n];
        for (int j = 0; j < n; j++) {
            mean[j] = s[4 + j] / sw;
            var[j] = Math.max(0, s[4 + n + j] / sw - mean[j] * mean[j]);
        }
        return new Summary(sw, mean, var, s[3] / sw);
    }

    /** One pass: Zᵀ·W·(y − ȳ), block by block. */
    @Override
    public void rhs(double[] centre, double ybar, double[] out) {
        double[] c = centre == null ? null : centre.clone();
        pass(out, (b, blk, t) -> {
            int m = blk.rows();
            double[] wy = new double[m];
            for (int i = 0; i < m; i++) {
                wy[i] = (blk.w() == null ? 1 : blk.w()[i]) * (blk.y()[i] - ybar);
            }
            b.sparseTransposeTimes(blk.csr(), c, null, wy, 0, t, 0);
        });
    }

    /** One pass: Zᵀ·W·Z·v, block by block. */
    @Override
    public void gramTimes(double[] centre, double[] v, double[] out) {
        double[] c = centre == null ? null : centre.clone();
        double[] vv = v.clone();
        pass(out, (b, blk, t) -> {
            int m = blk.rows();
            double[] zv = new double[m];
            b.sparseTimes(blk.csr(), c, null, vv, 0, 0, zv, 0);
            if (blk.w() != null) {
                for (int i = 0; i < m; i++) {
                    zv[i] *= blk.w()[i];
                }
            }
            b.sparseTransposeTimes(blk.csr(), c, null, zv, 0, t, 0);
        });
    }

    /** What a pass computes from one block into t (n values, overwritten). */
    private interface BlockFn extends java.io.Serializable {
        void apply(Backend b, RowBlock blk, double[] t);
    }

    /** out ← the sum over the blocks of fn's n-vectors. */
    private void pass(double[] out, BlockFn fn) {
        int nn = n;
        ExecutorBackend eb = backend;
        double[] sum = SparkJobs.run(() -> OrderedTree.reduce(blocks.mapPartitions((Iterator<RowBlock> it) -> {
            Backend b = eb.load();
            double[] acc = new double[nn];
            double[] t = new double[nn];
            while (it.hasNext()) {
                fn.apply(b, it.next(), t);
                for (int j = 0; j < nn; j++) {
                    acc[j] += t[j];
                }
            }
            return List.of(acc).iterator();
        }), DistributedPasses::sum, new double[nn]));
        passes++;
        System.arraycopy(sum, 0, out, 0, n);
    }
}
