package dev.linea.kernels;

/** Overflow-free scalar pieces of the logistic loss, shared by the backends' tails and by the estimators. */
public final class Logistic {
    private Logistic() {
    }

    /** σ(z) = 1 / (1 + e^{−z}), without overflow for any z. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    /** log(1 + e^z), without overflow for large z and without losing precision for very negative z. */
    public static double log1pExp(double z) {
        if (z > 0) {
            return z + Math.log1p(Math.exp(-z));
        }
        return Math.log1p(Math.exp(z));
    }
}
