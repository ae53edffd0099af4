package dev.linea.models.metrics;

import dev.linea.models.linalg.DoubleDouble;

/**
 * A weighted sum of squares S = Σ_i w_i·v_i² that neither overflows nor underflows: held as s·4^e, where the values
 * are divided by 2^e, the power of two just above max|v_i|, before they are squared (a division by a power of two is
 * exact), and s is accumulated in double-double. A target of 1e300 (whose squares overflow) or of 1e-310 (whose
 * squares underflow to 0) then gets the R² of a target of 1: R² = 1 − SSR/TSS is a ratio, and only the ratio needs
 * to be representable. Rows of weight 0 are skipped. Immutable.
 */
public final class ScaledSquares {
    private final double sum;
    private final int exponent;

    private ScaledSquares(double sum, int exponent) {
        this.sum = sum;
        this.exponent = exponent;
    }

    /**
     * @param v values; not modified
     * @param w null (all ones) or one weight ≥ 0 per value; not modified
     * @return Σ w_i·v_i², scaled
     */
    public static ScaledSquares of(double[] v, double[] w) {
        return of(v, w, 0);
    }

    /**
     * @param v        the values in units of 2^unit (the true values are v_i·2^unit); not modified
     * @param w        null (all ones) or one weight ≥ 0 per value; not modified
     * @param unit     the power of two the values are given in
     * @return Σ w_i·(v_i·2^unit)², scaled
     */
    public static ScaledSquares of(double[] v, double[] w, int unit) {
        double max = 0;
        for (int i = 0; i < v.length; i++) {
            if (weight(w, i) > 0) {
                max = Math.max(max, Math.abs(v[i]));
            }
        }
        if (max == 0) {
            return new ScaledSquares(0, 0);
        }
        int e = exponentAbove(max);
        DoubleDouble acc = new DoubleDouble();
        for (int i = 0; i < v.length; i++) {
            double wi = weight(w, i);
            if (wi > 0) {
                double u = Math.scalb(v[i], -e);
                acc.addProduct(wi * u, u);
            }
        }
        return new ScaledSquares(acc.value(), e + unit);
    }

    /** @return e with 2^e &gt; max ≥ 2^(e−1) for a positive finite max (subnormals included) */
    static int exponentAbove(double max) {
        return Math.getExponent(max) + 1;
    }

    /** @return true when every weighted value is 0 */
    public boolean isZero() {
        return sum == 0;
    }

    /**
     * @param denominator another sum of squares
     * @return this / denominator, correct whenever the ratio itself is representable (NaN when both are 0, +∞ when
     *         only the denominator is)
     */
    public double ratio(ScaledSquares denominator) {
        return Math.scalb(sum / denominator.sum, 2 * (exponent - denominator.exponent));
    }

    /** @return S / totalWeight, the weighted mean square (overflows only when it exceeds the double range) */
    public double mean(double totalWeight) {
        return Math.scalb(sum / totalWeight, 2 * exponent);
    }

    /** @return √(S / totalWeight), the weighted root-mean-square (representable whenever the values are) */
    public double rootMean(double totalWeight) {
        return Math.scalb(Math.sqrt(sum / totalWeight), exponent);
    }

    /**
     * R² = 1 − SSR/TSS from the residuals' sum of squares, with TSS = Σ w·(y − ȳ)² (centred, ȳ the weighted mean)
     * or Σ w·y² (uncentred, a model without intercept), both scaled. A target without variance to explain (every y of
     * positive weight equal when centred, every such y zero when not) has no R²: NaN, not 1 or −∞.
     *
     * @param y        the target; not modified
     * @param w        null (all ones) or one weight ≥ 0 per row, not all 0; not modified
     * @param centred  true for the centred TSS
     * @param residual Σ w·(y − ŷ)²
     */
    public static double rSquared(double[] y, double[] w, boolean centred, ScaledSquares residual) {
        ScaledSquares tss = totalSumOfSquares(y, w, centred);
        if (tss == null) {
            return Double.NaN;
        }
        return 1 - residual.ratio(tss);
    }

    /**
     * R² = 1 − SSR/TSS from sums already formed (from moments or a QR factor, the rows out of reach), with the
     * same rule as {@link #rSquared(double[], double[], boolean, ScaledSquares)} for a target without variance to
     * explain, decided from its extremes over the rows of positive weight: NaN when centred and {@code yMin == yMax},
     * or uncentred and both are 0. (TSS alone cannot decide it: a constant 0.1 leaves a rounding TSS.) With unknown
     * (NaN) extremes, NaN only when TSS is 0.
     *
     * @param ssr     Σ w·(y − ŷ)²
     * @param tss     Σ w·(y − ȳ)² when centred, Σ w·y² when not
     * @param yMin    the least y of positive weight, or NaN
     * @param yMax    the greatest y of positive weight, or NaN
     * @param centred whether TSS is centred (a model with intercept)
     */
    public static double rSquared(double ssr, double tss, double yMin, double yMax, boolean centred) {
        boolean none = centred ? yMin == yMax : yMin == 0 && yMax == 0;
        if (none || tss == 0) {
            return Double.NaN;
        }
        return 1 - ssr / tss;
    }

    /** The TSS, scaled; null when the target has no variance to explain (see {@link #rSquared}). */
    static ScaledSquares totalSumOfSquares(double[] y, double[] w, boolean centred) {
        double first = Double.NaN;
        boolean constant = true;
        double max = 0;
        for (int i = 0; i < y.length; i++) {
            if (weight(w, i) > 0) {
                if (Double.isNaN(first)) {
                    first = y[i];
                } else if (y[i] != first) {
                    constant = false;
                }
                max = Math.max(max, Math.abs(y[i]));
            }
        }
        if (max == 0 || (centred && constant)) {
            return null;
        }
        if (!centred) {
            return of(y, w);
        }
        // centre in units of 2^k, the power of two above max|y|: y/2^k is exact and below 1, so neither the mean nor
        // the deviations (which reach 2·max|y|) can overflow, and subnormal targets are lifted to normal numbers
        int k = exponentAbove(max);
        DoubleDouble s = new DoubleDouble();
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            double wi = weight(w, i);
            s.addProduct(wi, Math.scalb(y[i], -k));
            total += wi;
        }
        double mean = s.value() / total;
        double[] c = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            c[i] = Math.scalb(y[i], -k) - mean;
        }
        return of(c, w, k);
    }

    private static double weight(double[] w, int i) {
        return w == null ? 1 : w[i];
    }
}
