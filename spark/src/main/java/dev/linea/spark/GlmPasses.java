package dev.linea.spark;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Transpose;
import dev.linea.models.glm.Family;
import dev.linea.models.glm.Link;
import org.apache.spark.api.java.JavaRDD;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;

/**
 * The distributed passes of GLM IRLS, each one Spark job over the blocks ending in a tree reduction in fixed order ({@link OrderedTree})
 * (internal). Every block is turned into the single machine's design A = [1, X] (a ones column first when there is
 * an intercept), so that η, the weighted Gram AᵀWA and AᵀWz are computed by the same kernels on the same rows as
 * {@code Irls}; only the order of the partial sums differs.
 */
final class GlmPasses {
    private GlmPasses() {
    }

    /** The model's shape, shipped to the executors. */
    record Model(String backend, int n, boolean intercept, Family family, Link link) implements Serializable {
        int k() {
            return intercept ? n + 1 : n;
        }
    }

    /**
     * Per-pass sums with the first bad row (smallest partition, then row) of each kind. The working system is
     * summed over the rows with a valid mean and finite working weight and response only: when there is any
     * other row, the driver does not use it.
     */
    static final class Acc implements Serializable {
        private static final long serialVersionUID = 1L;
        final int k;
        double rows;
        double sumS;
        double sumSy;
        double deviance;
        double chi2;
        double ssr;
        double nullDeviance;
        double logLik;
        /** Rows with a mean outside the family's domain (or, at the start, no valid starting mean). */
        long invalid;
        int invalidPartition = Integer.MAX_VALUE;
        long invalidRow;
        double invalidMu;
        double invalidY;
        /** Rows whose observed-information factor q is not positive and finite (Fisher scoring needed). */
        long badQ;
        /** Rows with a non-finite working weight or response. */
        long nonFinite;
        int nonFinitePartition = Integer.MAX_VALUE;
        long nonFiniteRow;
        double nonFiniteW;
        double nonFiniteZ;
        double nonFiniteMu;
        final double[] gram;
        final double[] rhs;

        Acc(int k, boolean system) {
            this.k = k;
            this.gram = system ? new double[k * k] : null;
            this.rhs = system ? new double[k] : null;
        }

        Acc merge(Acc o) {
            rows += o.rows;
            sumS += o.sumS;
            sumSy += o.sumSy;
            deviance += o.deviance;
            chi2 += o.chi2;
            ssr += o.ssr;
            nullDeviance += o.nullDeviance;
            logLik += o.logLik;
            if (o.invalid > 0 && before(o.invalidPartition, o.invalidRow, invalidPartition, invalidRow)) {
                invalidPartition = o.invalidPartition;
                invalidRow = o.invalidRow;
                invalidMu = o.invalidMu;
                invalidY = o.invalidY;
            }
            invalid += o.invalid;
            badQ += o.badQ;
            if (o.nonFinite > 0 && before(o.nonFinitePartition, o.nonFiniteRow, nonFinitePartition, nonFiniteRow)) {
                nonFinitePartition = o.nonFinitePartition;
                nonFiniteRow = o.nonFiniteRow;
                nonFiniteW = o.nonFiniteW;
                nonFiniteZ = o.nonFiniteZ;
                nonFiniteMu = o.nonFiniteMu;
            }
            nonFinite += o.nonFinite;
            if (gram != null && o.gram != null) {
                DistributedPasses.sum(gram, o.gram);
                DistributedPasses.sum(rhs, o.rhs);
            }
            return this;
        }

        private static boolean before(int p, long r, int q, long s) {
            return p < q || (p == q && r < s);
        }

        void invalid(int partition, long row, double mu, double y) {
            if (invalid == 0 || before(partition, row, invalidPartition, invalidRow)) {
                invalidPartition = partition;
                invalidRow = row;
                invalidMu = mu;
                invalidY = y;
            }
            invalid++;
        }

        void nonFinite(int partition, long row, double w, double z, double mu) {
            if (nonFinite == 0 || before(partition, row, nonFinitePartition, nonFiniteRow)) {
                nonFinitePartition = partition;
                nonFiniteRow = row;
                nonFiniteW = w;
                nonFiniteZ = z;
                nonFiniteMu = mu;
            }
            nonFinite++;
        }

        String invalidWhere() {
            return "partition " + invalidPartition + ", row " + invalidRow;
        }

        String nonFiniteWhere() {
            return "partition " + nonFinitePartition + ", row " + nonFiniteRow;
        }
    }

    /**
     * The first pass: checks every label against the family's support (naming partition, row and column) and
     * returns rows, Σs and Σs·y.
     */
    static Acc start(JavaRDD<RowBlock> blocks, Model md, String label) {
        int k = md.k();
        Family family = md.family();
        return run(blocks, k, false, it -> {
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
                    double s = blk.w() == null ? 1 : blk.w()[i];
                    acc.rows++;
                    acc.sumS += s;
                    acc.sumSy += s * y;
                }
            }
            return acc;
        });
    }

    /**
     * One IRLS pass. With {@code beta == null}: the start μ = (y + ȳ)/2 (ȳ where that is outside the domain; rows
     * where ȳ is too are counted as invalid). Else η = Aβ, μ = g⁻¹(η) and the deviance (rows with μ outside the
     * domain counted as invalid). In both cases the working system at μ: AᵀWA and AᵀW·z with the observed
     * information, {@code W_i = s_i·q_i/(g'²V)}, {@code z_i = η_i + g'·(y_i − μ_i)/q_i}, or Fisher scoring
     * (q = 1) when {@code fisher}; rows with q not positive and finite are counted ({@link Acc#badQ}).
     */
    static Acc pass(JavaRDD<RowBlock> blocks, Model md, double[] beta, double ybar, boolean fisher) {
        int n = md.n();
        int k = md.k();
        boolean icpt = md.intercept();
        String backend = md.backend();
        Family family = md.family();
        Link link = md.link();
        double[] bt = beta == null ? null : beta.clone();
        return run(blocks, k, true, it -> {
            Backend b = Backends.named(backend);
            Acc acc = new Acc(k, true);
            double[] g = new double[k * k];
            double[] r = new double[k];
            while (it.hasNext()) {
                RowBlock blk = it.next();
                int m = blk.rows();
                double[] a = design(blk, n, icpt);
                double[] y = blk.y();
                double[] eta = new double[m];
                double[] mu = new double[m];
                boolean[] valid = new boolean[m];
                if (bt == null) {
                    for (int i = 0; i < m; i++) {
                        double v = (y[i] + ybar) / 2;
                        if (!validStart(family, link, v)) {
                            v = ybar;
                        }
                        valid[i] = validStart(family, link, v);
                        if (!valid[i]) {
                            acc.invalid(blk.partition(), blk.firstRow() + i, (y[i] + ybar) / 2, y[i]);
                            continue;
                        }
                        mu[i] = v;
                        eta[i] = link.link(v);
                    }
                } else {
                    b.gemv(Transpose.NONE, m, k, 1, a, 0, Math.max(1, k), bt, 0, 0, eta, 0);
                    for (int i = 0; i < m; i++) {
                        mu[i] = link.inverse(eta[i]);
                        valid[i] = family.validMean(mu[i]);
                        if (!valid[i]) {
                            acc.invalid(blk.partition(), blk.firstRow() + i, mu[i], y[i]);
                            continue;
                        }
                        acc.deviance += weight(blk, i) * family.unitDeviance(y[i], mu[i]);
                    }
                }
                double[] w = new double[m];
                double[] wz = new double[m];
                for (int i = 0; i < m; i++) {
                    if (!valid[i]) {
                        continue;
                    }
                    double u = mu[i];
                    double gp = link.derivative(u);
                    double q = 1;
                    if (!fisher) {
                        q = 1 + (y[i] - u) * (family.varianceDerivative(u) / family.variance(u)
                                + link.secondDerivative(u) / link.derivative(u));
                        if (!(q > 0 && Double.isFinite(q))) {
                            acc.badQ++;
                            continue;
                        }
                    }
                    double wi = weight(blk, i) * q / (gp * gp * family.variance(u));
                    double z = eta[i] + gp * (y[i] - u) / q;
                    if (!Double.isFinite(wi) || !Double.isFinite(z)) {
                        acc.nonFinite(blk.partition(), blk.firstRow() + i, wi, z, u);
                        continue;
                    }
                    w[i] = wi;
                    wz[i] = wi * z;
                }
                b.gram(m, k, a, 0, Math.max(1, k), w, 0, g, 0, k);
                b.gemv(Transpose.TRANSPOSE, m, k, 1, a, 0, Math.max(1, k), wz, 0, 0, r, 0);
                DistributedPasses.sum(acc.gram, g);
                DistributedPasses.sum(acc.rhs, r);
            }
            return acc;
        });
    }

    /**
     * The statistics at the final β: deviance, Pearson χ² = Σ s·(y − μ)²/V(μ), Σ s·(y − μ)², the null deviance
     * Σ s·d(y, ȳ) (no offsets: the intercept-only μ is ȳ for every link), and, when {@code covariance}, the
     * expected-information Gram AᵀWA with W = s/(g'²V) (its inverse is the unscaled covariance).
     */
    static Acc statistics(JavaRDD<RowBlock> blocks, Model md, double[] beta, double ybar, boolean covariance) {
        int n = md.n();
        int k = md.k();
        boolean icpt = md.intercept();
        String backend = md.backend();
        Family family = md.family();
        Link link = md.link();
        double[] bt = beta.clone();
        return run(blocks, k, covariance, it -> {
            Backend b = Backends.named(backend);
            Acc acc = new Acc(k, covariance);
            double[] g = new double[k * k];
            while (it.hasNext()) {
                RowBlock blk = it.next();
                int m = blk.rows();
                double[] a = design(blk, n, icpt);
                double[] y = blk.y();
                double[] eta = new double[m];
                b.gemv(Transpose.NONE, m, k, 1, a, 0, Math.max(1, k), bt, 0, 0, eta, 0);
                double[] w = covariance ? new double[m] : null;
                for (int i = 0; i < m; i++) {
                    double u = link.inverse(eta[i]);
                    double s = weight(blk, i);
                    double res = y[i] - u;
                    acc.deviance += s * family.unitDeviance(y[i], u);
                    acc.chi2 += s * res * res / family.variance(u);
                    acc.ssr += s * res * res;
                    acc.nullDeviance += s * family.unitDeviance(y[i], ybar);
                    acc.sumS += s;
                    acc.rows++;
                    if (w != null) {
                        double gp = link.derivative(u);
                        w[i] = s / (gp * gp * family.variance(u));
                    }
                }
                if (covariance) {
                    b.gram(m, k, a, 0, Math.max(1, k), w, 0, g, 0, k);
                    DistributedPasses.sum(acc.gram, g);
                }
            }
            return acc;
        });
    }

    /** Σ s·log f(y; μ, scale) at β (statsmodels' log-likelihood, as {@code GlmResult}). */
    static double logLikelihood(JavaRDD<RowBlock> blocks, Model md, double[] beta, double scale) {
        int n = md.n();
        int k = md.k();
        boolean icpt = md.intercept();
        String backend = md.backend();
        Family family = md.family();
        Link link = md.link();
        double[] bt = beta.clone();
        return run(blocks, k, false, it -> {
            Backend b = Backends.named(backend);
            Acc acc = new Acc(k, false);
            while (it.hasNext()) {
                RowBlock blk = it.next();
                int m = blk.rows();
                double[] a = design(blk, n, icpt);
                double[] eta = new double[m];
                b.gemv(Transpose.NONE, m, k, 1, a, 0, Math.max(1, k), bt, 0, 0, eta, 0);
                for (int i = 0; i < m; i++) {
                    acc.logLik += weight(blk, i) * family.logDensity(blk.y()[i], link.inverse(eta[i]), scale);
                }
            }
            return acc;
        }).logLik;
    }

    /** A partition's work, as a serializable function of its blocks. */
    interface PartitionFn extends Serializable {
        Acc apply(Iterator<RowBlock> it);
    }

    private static Acc run(JavaRDD<RowBlock> blocks, int k, boolean system, PartitionFn fn) {
        return SparkJobs.run(() -> OrderedTree.reduce(
                blocks.mapPartitions((Iterator<RowBlock> it) -> List.of(fn.apply(it)).iterator()), Acc::merge,
                new Acc(k, system)));
    }

    private static double weight(RowBlock blk, int i) {
        return blk.w() == null ? 1 : blk.w()[i];
    }

    private static boolean validStart(Family family, Link link, double v) {
        return family.validMean(v) && Double.isFinite(link.link(v)) && Double.isFinite(link.derivative(v));
    }

    /** The block's m×k design: a ones column first when there is an intercept, then X (as the single machine's). */
    static double[] design(RowBlock blk, int n, boolean intercept) {
        if (!intercept) {
            return blk.x();
        }
        int m = blk.rows();
        int k = n + 1;
        double[] a = new double[m * k];
        double[] x = blk.x();
        for (int i = 0; i < m; i++) {
            a[i * k] = 1;
            System.arraycopy(x, i * n, a, i * k + 1, n);
        }
        return a;
    }
}
