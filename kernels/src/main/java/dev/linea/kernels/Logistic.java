package dev.linea.kernels;

/**
 * Overflow-free scalar pieces of the logistic loss, shared by the backends' tails and by the estimators. They use
 * {@link StrictMath}: {@code Math.exp} may differ by an ulp between the interpreter and a JIT intrinsic, which
 * made repeated calls of the same kernel differ in the last bit.
 */
public final class Logistic {
    private Logistic() {
    }

    /** σ(z) = 1 / (1 + e^{−z}), without overflow for any z. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + StrictMath.exp(-z));
        }
        double e = StrictMath.exp(z);
        return e / (1 + e);
    }

    /** log(1 + e^z), without overflow for large z and without losing precision for very negative z. */
    public static double log1pExp(double z) {
        if (z > 0) {
            return z + StrictMath.log1p(StrictMath.exp(-z));
        }
        return StrictMath.log1p(StrictMath.exp(z));
    }

    /**
     * {@code e^{−|z|}}, the one exponential that {@link #sigmoid(double, double)} and {@link #log1pExp(double, double)}
     * share: a kernel that needs both per row (the fused logistic gradients) pays one exponential instead of two.
     */
    public static double expNegAbs(double z) {
        return StrictMath.exp(-Math.abs(z));
    }

    /** {@link #sigmoid(double)} from {@code e = expNegAbs(z)}: bit for bit the same value. */
    public static double sigmoid(double z, double e) {
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /** {@link #log1pExp(double)} from {@code e = expNegAbs(z)}: bit for bit the same value. */
    public static double log1pExp(double z, double e) {
        return z > 0 ? z + StrictMath.log1p(e) : StrictMath.log1p(e);
    }
}
