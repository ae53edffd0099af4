package dev.linea.models.optim;

/**
 * Line search for the strong Wolfe conditions (Nocedal &amp; Wright, "Numerical Optimization", 2nd ed., Algorithms
 * 3.5 and 3.6), on φ(α) = f(x + α·p):
 * <pre>
 *   φ(α) ≤ φ(0) + c₁·α·φ'(0)          (sufficient decrease, c₁ = 1e-4)
 *   |φ'(α)| ≤ c₂·|φ'(0)|              (curvature, c₂ = 0.9)
 * </pre>
 * The bracketing phase doubles α until the interval [α_{i−1}, α_i] must hold an acceptable step; zoom shrinks it by
 * safeguarded cubic interpolation (bisection when the cubic is unusable or lands within 10 % of an end).
 *
 * <p>Near the minimizer the decrease c₁·α·φ'(0) falls below the rounding error of f itself and the sufficient
 * decrease test becomes a coin toss, which would fail line searches that the gradient shows are fine. So, as
 * Hager &amp; Zhang's "approximate Wolfe" conditions do, a step is also accepted when the curvature condition holds
 * and f did not rise by more than {@link #NOISE}·|φ(0)|, the rounding level of a sum of many terms; and the
 * bracketing treats f values within that level as equal, steering by the sign of φ' instead.
 *
 * <p>Internal and single-use: one instance per minimization, not thread-safe.
 */
final class WolfeLineSearch {
    static final double C1 = 1e-4;
    static final double C2 = 0.9;
    /** Relative rise of f tolerated as rounding noise (approximate Wolfe). */
    static final double NOISE = 1e-13;
    private static final int MAX_STEPS = 60;

    private final DifferentiableFunction f;
    private final double[] x;
    private final double[] p;
    /** x + α·p at the last evaluation. */
    final double[] xt;
    /** ∇f(xt). */
    final double[] gt;
    int evaluations;
    /** f(xt). */
    double value;
    /** φ'(α) = ∇f(xt)·p. */
    double slope;

    private double f0;
    private double d0;

    WolfeLineSearch(DifferentiableFunction f, double[] x, double[] p) {
        this.f = f;
        this.x = x;
        this.p = p;
        this.xt = new double[x.length];
        this.gt = new double[x.length];
    }

    /**
     * @param phi0   f(x)
     * @param dphi0  ∇f(x)·p &lt; 0
     * @param alpha1 the first trial step &gt; 0
     * @param budget evaluations allowed
     * @return the accepted step, with xt, gt, value and slope at it; NaN when no acceptable step was found
     */
    double search(double phi0, double dphi0, double alpha1, int budget) {
        this.f0 = phi0;
        this.d0 = dphi0;
        int stop = evaluations + budget;
        double aPrev = 0;
        double fPrev = phi0;
        double dPrev = dphi0;
        double a = alpha1;
        for (int i = 0; i < MAX_STEPS && evaluations < stop; i++) {
            evaluate(a);
            if (acceptable(a)) {
                return a;
            }
            if (!Double.isFinite(value) || tooHigh(a) || (i > 0 && value > fPrev + noise())) {
                return zoom(aPrev, fPrev, dPrev, a, value, slope, stop);
            }
            if (slope >= 0) {
                return zoom(a, value, slope, aPrev, fPrev, dPrev, stop);
            }
            aPrev = a;
            fPrev = value;
            dPrev = slope;
            a *= 2;
        }
        return Double.NaN;
    }

    /** Alg. 3.6: lo always satisfies sufficient decrease and has the lowest f seen; the step lies between lo and hi. */
    private double zoom(double lo, double fLo, double dLo, double hi, double fHi, double dHi, int stop) {
        for (int j = 0; j < MAX_STEPS && evaluations < stop; j++) {
            double width = hi - lo;
            if (Math.abs(width) <= 1e-16 * Math.max(Math.abs(lo), Math.abs(hi))) {
                break;
            }
            double a = cubic(lo, fLo, dLo, hi, fHi, dHi);
            double lower = Math.min(lo, hi) + 0.1 * Math.abs(width);
            double upper = Math.max(lo, hi) - 0.1 * Math.abs(width);
            if (!(a >= lower && a <= upper)) {
                a = lo + 0.5 * width;
            }
            evaluate(a);
            if (acceptable(a)) {
                return a;
            }
            if (!Double.isFinite(value) || tooHigh(a) || value > fLo + noise()) {
                hi = a;
                fHi = value;
                dHi = slope;
            } else {
                if (slope * (hi - lo) >= 0) {
                    hi = lo;
                    fHi = fLo;
                    dHi = dLo;
                }
                lo = a;
                fLo = value;
                dLo = slope;
            }
        }
        // No Wolfe step: a step that decreased f is still progress (the caller keeps the pair only if sᵀy > 0).
        if (lo > 0 && fLo < f0 && evaluations < stop) {
            evaluate(lo);
            return lo;
        }
        return Double.NaN;
    }

    /**
     * Sufficient decrease fails, by more than rounding: differences of f within {@link #noise()} say nothing, and
     * the bracketing then follows the sign of φ', which is still accurate.
     */
    private boolean tooHigh(double a) {
        return value > f0 + C1 * a * d0 && value > f0 + noise();
    }

    private double noise() {
        return NOISE * Math.abs(f0);
    }

    private boolean acceptable(double a) {
        if (!Double.isFinite(value) || Math.abs(slope) > -C2 * d0) {
            return false;
        }
        return value <= f0 + C1 * a * d0 || value <= f0 + NOISE * Math.abs(f0);
    }

    /** Minimizer of the cubic through (a, fa, da) and (b, fb, db) (N&amp;W eq. 3.59), NaN when it has none. */
    private static double cubic(double a, double fa, double da, double b, double fb, double db) {
        if (!Double.isFinite(fb) || !Double.isFinite(db)) {
            return Double.NaN;
        }
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - da * db;
        if (!(disc >= 0)) {
            return Double.NaN;
        }
        double d2 = Math.copySign(Math.sqrt(disc), b - a);
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
    }

    private void evaluate(double a) {
        for (int j = 0; j < x.length; j++) {
            xt[j] = x[j] + a * p[j];
        }
        value = f.value(xt, gt);
        evaluations++;
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            s += gt[j] * p[j];
        }
        slope = s;
    }
}
