package dev.linea.models;

import dev.linea.kernels.Backend;
import dev.linea.kernels.CentredMoments;
import dev.linea.models.metrics.ScaledSquares;

import java.util.List;
import java.util.Objects;

/**
 * The weighted second moments of the features and the target, centred on their weighted means: everything least
 * squares, ridge and the covariance method of the lasso need from the data, in O(n²) numbers whatever the row count.
 * With weights w_i, W = Σw_i, x̄ = Σw_i·x_i / W and ȳ = Σw_i·y_i / W:
 * <pre>
 *   Cxx = Σ w_i·(x_i − x̄)(x_i − x̄)ᵀ,   cxy = Σ w_i·(x_i − x̄)(y_i − ȳ),   cyy = Σ w_i·(y_i − ȳ)²
 * </pre>
 * Centring before summing keeps columns with a large mean (Longley's years, say) from losing their digits to
 * cancellation; the moments about zero a no-intercept fit needs are recovered exactly enough by adding
 * {@code W·x̄x̄ᵀ} back ({@link #xxAboutZero()}), a sum of two non-negative terms.
 *
 * <p>Built on one machine by {@link #of(Dataset, Backend)}, or by any other means (a distributed engine merging
 * partition moments by Chan's formula, say) and handed to the estimators' {@code fit(SufficientStatistics …)}
 * methods, which then solve exactly as they do for a {@link Dataset}. Immutable: arrays are copied in and out.
 *
 * @param featureNames n names
 * @param targetName   the target's name
 * @param rows         number of rows summed (with weight of any value, zero included)
 * @param weightSum    W = Σw_i, &gt; 0
 * @param xMean        x̄, n values
 * @param yMean        ȳ
 * @param xx           Cxx, n×n row-major, symmetric (both triangles filled)
 * @param xy           cxy, n values
 * @param yy           cyy
 * @param yMin         the least target value over the rows of positive weight (NaN: not known)
 * @param yMax         the greatest target value over the rows of positive weight (NaN: not known). With the
 *                     extremes, a constant target is told exactly from one whose cyy is rounding
 *                     ({@link #rSquared}); merged as min and max
 */
public record SufficientStatistics(List<String> featureNames, String targetName, long rows, double weightSum,
                                   double[] xMean, double yMean, double[] xx, double[] xy, double yy, double yMin,
                                   double yMax) {

    /** Moments without the target's extremes (NaN): {@link #rSquared} can then not tell a constant target. */
    public SufficientStatistics(List<String> featureNames, String targetName, long rows, double weightSum,
                                double[] xMean, double yMean, double[] xx, double[] xy, double yy) {
        this(featureNames, targetName, rows, weightSum, xMean, yMean, xx, xy, yy, Double.NaN, Double.NaN);
    }

    public SufficientStatistics {
        featureNames = List.copyOf(Objects.requireNonNull(featureNames, "featureNames"));
        Objects.requireNonNull(targetName, "targetName");
        int n = featureNames.size();
        if (rows < 1) {
            throw new IllegalArgumentException("rows is " + rows + ", expected at least 1 (no data was summed)");
        }
        if (!(weightSum > 0) || Double.isInfinite(weightSum)) {
            throw new IllegalArgumentException("weightSum is " + weightSum + ", expected a finite value > 0");
        }
        checkLength("xMean", xMean, n);
        checkLength("xy", xy, n);
        checkLength("xx", xx, n * n);
        xMean = xMean.clone();
        xy = xy.clone();
        xx = xx.clone();
    }

    private static void checkLength(String name, double[] a, int expected) {
        Objects.requireNonNull(a, name);
        if (a.length != expected) {
            throw new IllegalArgumentException(name + " has " + a.length + " values, expected " + expected);
        }
    }

    /**
     * The moments of a dataset, centred on its weighted means, from one pass over X ({@link CentredMoments}: each
     * cache-sized block of rows centred on its own means, its Gram matrix by the backend's kernel, the blocks merged
     * by the pairwise update of {@link #pool}); no centred copy of X.
     */
    public static SufficientStatistics of(Dataset data, Backend backend) {
        int m = data.rows();
        int n = data.cols();
        double[] y = data.yUnsafe();
        double[] w = data.weightsUnsafe();
        CentredMoments mom = CentredMoments.of(backend, m, n, data.xUnsafe(), 0, Math.max(1, n), y, 0, w, 0);
        // and the target's extremes over rows that count: R² can then tell a constant target from rounding spread
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            double wi = w == null ? 1 : w[i];
            if (wi > 0) {
                ymin = Math.min(ymin, y[i]);
                ymax = Math.max(ymax, y[i]);
            }
        }
        return new SufficientStatistics(data.featureNames(), data.targetName(), m, mom.weightSum(), mom.mean(),
                mom.targetMean(), mom.xx(), mom.xy(), mom.yy(), ymin, ymax);
    }

    /**
     * Pools the moments of disjoint parts of the same columns by Chan, Golub and LeVeque's pairwise update
     * (W = W_a + W_b, δ = μ_b − μ_a, μ = μ_a + δ·W_b/W, C = C_a + C_b + (W_a·W_b/W)·δδᵀ, for [x, y] jointly),
     * merging in list order. Parts of zero weight are skipped (their rows still count).
     *
     * @param parts at least one, all with the same feature names; not modified
     * @throws IllegalArgumentException when the parts do not share their columns
     */
    public static SufficientStatistics combine(List<SufficientStatistics> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no moments to combine, expected at least one part");
        }
        SufficientStatistics first = parts.getFirst();
        int n = first.cols();
        int k = n + 1;
        long rows = 0;
        double w = 0;
        double[] mean = new double[k];
        double[] c = new double[k * k];
        double[] pm = new double[k];
        double[] pc = new double[k * k];
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (SufficientStatistics p : parts) {
            if (!p.featureNames.equals(first.featureNames)) {
                throw new IllegalArgumentException("moments of columns " + p.featureNames + " cannot be combined"
                        + " with moments of " + first.featureNames);
            }
            rows += p.rows;
            if (p.weightSum > 0) {
                // NaN (unknown) in any weighted part makes the pooled extremes unknown
                ymin = Double.isNaN(p.yMin) ? Double.NaN : Math.min(ymin, p.yMin);
                ymax = Double.isNaN(p.yMax) ? Double.NaN : Math.max(ymax, p.yMax);
            }
            System.arraycopy(p.xMean, 0, pm, 0, n);
            pm[n] = p.yMean;
            for (int i = 0; i < n; i++) {
                System.arraycopy(p.xx, i * n, pc, i * k, n);
                pc[i * k + n] = p.xy[i];
                pc[n * k + i] = p.xy[i];
            }
            pc[k * k - 1] = p.yy;
            w = pool(k, w, mean, c, p.weightSum, pm, pc);
        }
        double[] xx = new double[n * n];
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(c, i * k, xx, i * n, n);
            xy[i] = c[i * k + n];
        }
        return new SufficientStatistics(first.featureNames, first.targetName, rows, w,
                java.util.Arrays.copyOf(mean, n), mean[n], xx, xy, c[k * k - 1], ymin, ymax);
    }

    /**
     * Chan, Golub and LeVeque's pairwise update on the moments of k columns (the features, then y): part b
     * (weight W_b, means μ_b, centred co-moments C_b) is pooled into part a, in place:
     * <pre>  W = W_a + W_b,   δ = μ_b − μ_a,   μ_a ← μ_a + δ·W_b/W,   C_a ← C_a + C_b + (W_a·W_b/W)·δδᵀ</pre>
     * Used by {@link #combine} and by accumulators that merge moments block by block (a distributed engine's
     * partitions, say); the update itself is {@link CentredMoments#pool}, the one the one-pass kernel merges with.
     *
     * @param meanA     k values; modified
     * @param comomentA k×k row-major, full symmetric; modified
     * @param meanB     k values; not modified
     * @param comomentB k×k; not modified
     * @return W, the pooled weight (W_a unchanged and nothing modified when W_b ≤ 0; b copied when W_a ≤ 0)
     */
    public static double pool(int k, double weightA, double[] meanA, double[] comomentA, double weightB,
                              double[] meanB, double[] comomentB) {
        return CentredMoments.pool(k, false, weightA, meanA, 0, comomentA, 0, weightB, meanB, 0, comomentB, 0);
    }

    /**
     * The weighted sum of squared errors of a linear model on the rows these moments summarize, exactly (up to
     * rounding) and without the rows:
     * <pre>  Σ w_i·(y_i − b − x_iᵀβ)² = cyy − 2·βᵀcxy + βᵀCxxβ + W·(ȳ − b − x̄ᵀβ)²</pre>
     *
     * @param beta n coefficients; not modified
     */
    public double sumOfSquaredErrors(double intercept, double[] beta) {
        int n = cols();
        if (beta.length != n) {
            throw new IllegalArgumentException("beta has " + beta.length + " values, expected " + n);
        }
        double q = yy;
        double offset = yMean - intercept;
        for (int i = 0; i < n; i++) {
            double ci = 0;
            for (int j = 0; j < n; j++) {
                ci += xx[i * n + j] * beta[j];
            }
            q += beta[i] * (ci - 2 * xy[i]);
            offset -= xMean[i] * beta[i];
        }
        return Math.max(0, q) + weightSum * offset * offset;
    }

    /**
     * R² = 1 − SSE/TSS of a linear model on these rows ({@link ScaledSquares#rSquared(double, double, double,
     * double, boolean)}): TSS = cyy with an intercept, Σw·y² without; NaN when the target has no variance to
     * explain, told exactly from the extremes (every y of positive weight equal; without intercept, all zero), not
     * from cyy, which for a constant target like 0.1 holds rounding.
     *
     * @param sse       the model's Σ w·(y − ŷ)²
     * @param intercept whether the model has an intercept (the centred TSS)
     */
    public double rSquared(double sse, boolean intercept) {
        return ScaledSquares.rSquared(sse, intercept ? yy : yyAboutZero(), yMin, yMax, intercept);
    }

    /** @return n, the number of features */
    public int cols() {
        return featureNames.size();
    }

    @Override
    public double[] xMean() {
        return xMean.clone();
    }

    @Override
    public double[] xx() {
        return xx.clone();
    }

    @Override
    public double[] xy() {
        return xy.clone();
    }

    /** @return Σ w_i·x_i·x_iᵀ = Cxx + W·x̄x̄ᵀ (n×n), the Gram matrix of a fit without intercept */
    public double[] xxAboutZero() {
        int n = cols();
        double[] u = xx.clone();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                u[i * n + j] += weightSum * xMean[i] * xMean[j];
            }
        }
        return u;
    }

    /** @return Σ w_i·x_i·y_i = cxy + W·x̄·ȳ */
    public double[] xyAboutZero() {
        double[] u = xy.clone();
        for (int j = 0; j < u.length; j++) {
            u[j] += weightSum * xMean[j] * yMean;
        }
        return u;
    }

    /** @return Σ w_i·y_i² = cyy + W·ȳ² */
    public double yyAboutZero() {
        return yy + weightSum * yMean * yMean;
    }

    /**
     * The first entry that is not finite (an overflowed sum, or data that were not validated), named, or null.
     */
    public String nonFinite() {
        int n = cols();
        if (!Double.isFinite(yMean) || !Double.isFinite(yy)) {
            return "the target's moments (mean " + yMean + ", centred sum of squares " + yy + ")";
        }
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(xMean[j]) || !Double.isFinite(xy[j]) || !Double.isFinite(xx[j * n + j])) {
                return "column '" + featureNames.get(j) + "' (mean " + xMean[j] + ", centred sum of squares "
                        + xx[j * n + j] + ", cross product with the target " + xy[j] + ")";
            }
        }
        for (double v : xx) {
            if (!Double.isFinite(v)) {
                return "a cross product of two columns (" + v + ")";
            }
        }
        return null;
    }
}
