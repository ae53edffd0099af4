package dev.linea.models.ridge;

import java.util.Objects;

/**
 * Options of {@link RidgeCV}, validated on construction.
 *
 * @param alphas       the grid: finite values ≥ 0, at least one (copied)
 * @param fitIntercept true to fit an unpenalized intercept
 * @param criterion    leave-one-out (scikit-learn's default) or GCV
 */
public record RidgeCVOptions(double[] alphas, boolean fitIntercept, CvCriterion criterion) {

    public RidgeCVOptions {
        Objects.requireNonNull(criterion, "criterion");
        Ridge.checkAlphas(alphas);
        alphas = alphas.clone();
    }

    /** 13 values 10⁻³ … 10³ (half-decade steps), intercept, leave-one-out. */
    public static RidgeCVOptions defaults() {
        return new RidgeCVOptions(logGrid(-3, 3, 13), true, CvCriterion.LEAVE_ONE_OUT);
    }

    /** @return {@code count} values from 10^from to 10^to, equally spaced in log scale */
    public static double[] logGrid(double from, double to, int count) {
        if (count < 1 || !Double.isFinite(from) || !Double.isFinite(to)) {
            throw new IllegalArgumentException("logGrid(" + from + ", " + to + ", " + count
                    + "): expected finite exponents and count ≥ 1");
        }
        double[] g = new double[count];
        for (int k = 0; k < count; k++) {
            g[k] = Math.pow(10, count == 1 ? from : from + (to - from) * k / (count - 1));
        }
        return g;
    }

    @Override
    public double[] alphas() {
        return alphas.clone();
    }

    /** @return a copy with this grid */
    public RidgeCVOptions withAlphas(double[] a) {
        return new RidgeCVOptions(a, fitIntercept, criterion);
    }

    /** @return a copy with or without intercept */
    public RidgeCVOptions withIntercept(boolean intercept) {
        return new RidgeCVOptions(alphas, intercept, criterion);
    }

    /** @return a copy with this criterion */
    public RidgeCVOptions withCriterion(CvCriterion c) {
        return new RidgeCVOptions(alphas, fitIntercept, c);
    }
}
