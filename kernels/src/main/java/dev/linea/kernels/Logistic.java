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
}
