package dev.linea.models.linalg;

/**
 * Double-double ("twice working precision", about 32 significant digits) accumulation built on the error-free
 * transformations of Knuth (TwoSum) and Dekker/Kahan (TwoProduct via {@link Math#fma}):
 * <pre>
 *   TwoSum(a, b):      s = fl(a + b),  e = (a − (s − b')) + (b − b'),  b' = s − a,   a + b = s + e exactly
 *   TwoProduct(a, b):  p = fl(a·b),    e = fma(a, b, −p),                            a·b = p + e exactly
 * </pre>
 * An accumulator holds a value as an unevaluated sum {@code hi + lo} with |lo| ≤ ulp(hi)/2. Used by least-squares
 * refinement to form residuals {@code y − X·β} without the cancellation that limits plain double arithmetic.
 *
 * <p>Instances are mutable and not thread-safe: make one per loop (the JIT keeps them in registers).
 */
public final class DoubleDouble {
    private double hi;
    private double lo;

    /** A zero accumulator. */
    public DoubleDouble() {
    }

    /** Resets to {@code v}. */
    public DoubleDouble set(double v) {
        hi = v;
        lo = 0;
        return this;
    }

    /** {@code this ← this + v}, error-free in hi and lo (TwoSum on the high part, the error folded into lo). */
    public DoubleDouble add(double v) {
        double s = hi + v;
        double bb = s - hi;
        double err = (hi - (s - bb)) + (v - bb);
        hi = s;
        lo += err;
        return this;
    }

    /** {@code this ← this + a·b}, with the product's rounding error (from {@link Math#fma}) kept. */
    public DoubleDouble addProduct(double a, double b) {
        double p = a * b;
        double e = Math.fma(a, b, -p);
        add(p);
        lo += e;
        return this;
    }

    /** @return the value rounded to the nearest double: {@code fl(hi + lo)}. */
    public double value() {
        return hi + lo;
    }

    /** @return the leading part. */
    public double hi() {
        return hi;
    }

    /** @return the trailing part. */
    public double lo() {
        return lo;
    }

    /**
     * Exact-ish dot product {@code Σ x[xOff + i·incx]·y[yOff + i·incy]} accumulated in double-double and rounded
     * once at the end (relative error ≈ 2^-53 plus n·2^-104·Σ|x·y|).
     *
     * @param x not modified
     * @param y not modified
     */
    public static double dot(int n, double[] x, int xOff, int incx, double[] y, int yOff, int incy) {
        DoubleDouble acc = new DoubleDouble();
        for (int i = 0; i < n; i++) {
            acc.addProduct(x[xOff + i * incx], y[yOff + i * incy]);
        }
        return acc.value();
    }
}
