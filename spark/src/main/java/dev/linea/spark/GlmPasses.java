package dev.linea.spark;

import dev.linea.kernels.Backend;
import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.glm.Family;
import dev.linea.models.glm.IrlsBlock;
import dev.linea.models.glm.IrlsSums;
import dev.linea.models.glm.Link;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;

/**
 * The distributed passes of GLM IRLS, each one Spark job over the blocks ending in a tree reduction in fixed order ({@link OrderedTree})
 * (internal). Every block is viewed as the single machine's design A = [1, X] (an implicit ones column first when
 * there is an intercept, never stored) by the models' {@link IrlsBlock} with the block's offsets, so that η = Aβ + o, the
 * deviance, the weighted Gram AᵀWA and AᵀWz are computed by the same code and kernels on the same rows as on one
 * machine; only the order of the partial sums differs.
 */
final class GlmPasses {
    private GlmPasses() {
    }

    /**
     * The model's shape, shipped to the executors. With n = 0 and an intercept, the design is the ones column
     * whatever the blocks' features: the intercept-only model of the null deviance.
     */
    record Model(ExecutorBackend backend, int n, boolean intercept, Family family, Link link) implements Serializable {
        int k() {
            return intercept ? n + 1 : n;
        }
    }

    /** Per-pass sums of the passes outside the IRLS iteration (start, statistics, log-likelihood). */
    static final class Acc implements Serializable {
        private static final long serialVersionUID = 1L;
        double rows;
        double sumS;
        double sumSy;
        /** Rows with a nonzero offset. */
        double offsets;
        double deviance;
        double chi2;
        double ssr;
        double nullDeviance;
        double logLik;
        final double[] gram;

        Acc(int k, boolean gram) {
            this.gram = gram ? new double[k * k] : null;
        }

        Acc merge(Acc o) {
            rows += o.rows;
            sumS += o.sumS;
            sumSy += o.sumSy;
            offsets += o.offsets;
            deviance += o.deviance;
            chi2 += o.chi2;
            ssr += o.ssr;
            nullDeviance += o.nullDeviance;
            logLik += o.logLik;
            if (gram != null && o.gram != null) {
                DistributedPasses.sum(gram, o.gram);
            }
            return this;
        }
    }

    /**
     * The first pass: checks every label against the family's support (naming partition, row and column) and
     * returns rows, Σs, Σs·y and the number of rows with a nonzero offset.
     */
    static Acc start(JavaRDD<RowBlock> blocks, Model md, String label) {
        int k = md.k();
        Family family = md.family();
        return run(blocks, new Acc(k, false), Acc::merge, it -> {
            Acc acc = new Acc(k, false);
            while (it.hasNext()) {
                RowBlock blk = it.next();
                for (int i = 0; i < blk.rows(); i++) {
                    double y = blk.y()[i];
                    try {
                        family.checkResponse(0, y);
                    } catch (IllegalArgumentException e) {
                        String msg = e.getMessage() == null ? "" : e.getMessage();
                        int at = msg.indexOf(", expected");
                        throw new IllegalArgumentException("partition " + blk.partition() + ", row "
                                + (blk.firstRow() + i) + ": label '" + label + "' is " + y
                                + (at >= 0 ? msg.substring(at) : ": " + msg));
                    }
                    double s = weight(blk, i);
                    acc.rows++;
                    acc.sumS += s;
                    acc.sumSy += s * y;
                    if (blk.offset() != null && blk.offset()[i] != 0) {
                        acc.offsets++;
                    }
                }
            }
            return acc;
        });
    }

    /**
     * One IRLS pass ({@link IrlsBlock} per block): the evaluation at β ({@code beta == null}: the start
     * μ = (y + ȳ)/2) and the working system at its μ, with the observed information or, when {@code fisher},
     * Fisher scoring.
     */
    static IrlsSums pass(JavaRDD<RowBlock> blocks, Model md, double[] beta, double ybar, boolean fisher) {
        int k = md.k();
        Family family = md.family();
        Link link = md.link();
        double[] bt = beta == null ? null : beta.clone();
        return perBlock(blocks, md, () -> new IrlsSums(k, true), IrlsSums::merge, (b, blk, rows, acc) -> {
            rows.evaluate(b, family, link, bt, ybar, acc);
            rows.workingSystem(b, family, link, fisher, acc);
        });
    }

    /**
     * The statistics at the final β: deviance, Pearson χ² = Σ s·(y − μ)²/V(μ), Σ s·(y − μ)², the null deviance
     * Σ s·d(y, μ₀) of the intercept-only model (as the single machine: without offsets μ₀ = ȳ for every link, with
     * offsets μ₀ = g⁻¹(b₀ + o) at its own IRLS's b₀), and, when {@code covariance}, the expected-information Gram
     * AᵀWA with W = s/(g'²V) (its inverse is the unscaled covariance).
     *
     * @param nullIntercept b₀ of the intercept-only fit with the offsets, or NaN for μ₀ = ȳ
     */
    static Acc statistics(JavaRDD<RowBlock> blocks, Model md, double[] beta, double ybar, double nullIntercept,
                          boolean covariance) {
        int k = md.k();
        Family family = md.family();
        Link link = md.link();
        double[] bt = beta.clone();
        boolean atMean = Double.isNaN(nullIntercept);
        return perBlock(blocks, md, () -> new Acc(k, covariance), Acc::merge, (b, blk, rows, acc) -> {
            IrlsSums at = new IrlsSums(k, false);
            rows.evaluate(b, family, link, bt, ybar, at);
            acc.deviance += at.deviance();
            for (int i = 0; i < blk.rows(); i++) {
                double u = rows.mu(i);
                double s = weight(blk, i);
                double y = blk.y()[i];
                double res = y - u;
                acc.chi2 += s * res * res / family.variance(u);
                acc.ssr += s * res * res;
                double mu0 = atMean ? ybar : link.inverse(nullIntercept + (blk.offset() == null ? 0 : blk.offset()[i]));
                acc.nullDeviance += s * family.unitDeviance(y, mu0);
                acc.sumS += s;
                acc.rows++;
            }
            if (covariance) {
                rows.expectedInformation(b, family, link, acc.gram);
            }
        });
    }

    /** Σ s·log f(y; μ, scale) at β (statsmodels' log-likelihood, as {@code GlmResult}). */
    static double logLikelihood(JavaRDD<RowBlock> blocks, Model md, double[] beta, double scale) {
        int k = md.k();
        Family family = md.family();
        Link link = md.link();
        double[] bt = beta.clone();
        return perBlock(blocks, md, () -> new Acc(k, false), Acc::merge, (b, blk, rows, acc) -> {
            rows.evaluate(b, family, link, bt, 0, new IrlsSums(k, false));
            for (int i = 0; i < blk.rows(); i++) {
                acc.logLik += weight(blk, i) * family.logDensity(blk.y()[i], rows.mu(i), scale);
            }
        }).logLik;
    }

    /** What a pass does with one block, given it as the models' IRLS rows. */
    interface BlockFn<T> extends Serializable {
        void apply(Backend b, RowBlock blk, IrlsBlock rows, T acc);
    }

    /** A serializable source of zero sums (one per partition, one for the reduction). */
    interface Zero<T> extends Serializable {
        T get();
    }

    /**
     * A pass in which every block becomes the models' {@link IrlsBlock} (the single machine's design and offsets)
     * and {@code fn} adds it to its partition's sums.
     */
    private static <T extends Serializable> T perBlock(JavaRDD<RowBlock> blocks, Model md, Zero<T> zero,
                                                      Function2<T, T, T> merge, BlockFn<T> fn) {
        int n = md.n();
        boolean icpt = md.intercept();
        ExecutorBackend backend = md.backend();
        return run(blocks, zero.get(), merge, it -> {
            Backend b = backend.load();
            T acc = zero.get();
            while (it.hasNext()) {
                RowBlock blk = it.next();
                fn.apply(b, blk, rows(blk, n, icpt), acc);
            }
            return acc;
        });
    }

    /**
     * A block as the models' IRLS rows: dense rows, or CSR rows for the sparse kernels ({@code sparseTimes},
     * {@code sparseGram}, {@code sparseTransposeTimes}); with n = 0 (the null model) no feature at all.
     */
    private static IrlsBlock rows(RowBlock blk, int n, boolean icpt) {
        int m = blk.rows();
        if (!blk.isSparse()) {
            return new IrlsBlock(m, n, blk.x(), 0, Math.max(1, n), icpt, blk.y(), blk.w(), blk.offset(),
                    blk.partition(), blk.firstRow());
        }
        CsrMatrix x = n == 0 ? new CsrMatrix(m, 0, new int[m + 1], new int[0], new double[0]) : blk.csr();
        return new IrlsBlock(x, icpt, blk.y(), blk.w(), blk.offset(), blk.partition(), blk.firstRow());
    }

    /** A partition's work, as a serializable function of its blocks. */
    interface PartitionFn<T> extends Serializable {
        T apply(Iterator<RowBlock> it);
    }

    private static <T extends Serializable> T run(JavaRDD<RowBlock> blocks, T empty, Function2<T, T, T> merge,
                                                  PartitionFn<T> fn) {
        return SparkJobs.run(() -> OrderedTree.reduce(
                blocks.mapPartitions((Iterator<RowBlock> it) -> List.of(fn.apply(it)).iterator()), merge, empty));
    }

    private static double weight(RowBlock blk, int i) {
        return blk.w() == null ? 1 : blk.w()[i];
    }
}
