package dev.linea.kernels;

/**
 * The single-row dot product of a scorer, {@code Σ_j w[j]·x[xOff + j]} for j &lt; n, with x in double or float:
 * the innermost call of a latency-bound service, so it validates nothing (the caller checks its lengths once) and
 * allocates nothing. {@link #best()} is the Vector API kernel when {@code jdk.incubator.vector} is present, the
 * plain loop otherwise; both sum in a fixed order, so a row scores the same on every call and every thread.
 */
public abstract class RowDot {
    private static final RowDot BEST = load();

    /** For the implementations in this module. */
    protected RowDot() {
    }

    /**
     * @param w not modified; at least n coefficients
     * @param x not modified; at least xOff + n values
     * @return Σ w[j]·x[xOff + j]
     */
    public abstract double dot(double[] w, double[] x, int xOff, int n);

    /**
     * The same with a float row: each x is widened to double exactly, then multiplied and summed in double.
     *
     * @param w not modified
     * @param x not modified
     */
    public abstract double dot(double[] w, float[] x, int xOff, int n);

    /** @return "vector" or "scalar" */
    public abstract String name();

    /** @return the fastest implementation this JVM can run */
    public static RowDot best() {
        return BEST;
    }

    /** @return the plain-loop reference */
    public static RowDot scalar() {
        return ScalarRowDot.INSTANCE;
    }

    private static RowDot load() {
        if (ModuleLayer.boot().findModule(VectorSupport.MODULE).isEmpty()) {
            return ScalarRowDot.INSTANCE;
        }
        try {
            return (RowDot) Class.forName("dev.linea.kernels.vector.VectorRowDot").getField("INSTANCE").get(null);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return ScalarRowDot.INSTANCE;
        }
    }

    /** Textbook loops, left to right. */
    private static final class ScalarRowDot extends RowDot {
        static final ScalarRowDot INSTANCE = new ScalarRowDot();

        @Override
        public double dot(double[] w, double[] x, int xOff, int n) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += w[j] * x[xOff + j];
            }
            return s;
        }

        @Override
        public double dot(double[] w, float[] x, int xOff, int n) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += w[j] * x[xOff + j];
            }
            return s;
        }

        @Override
        public String name() {
            return "scalar";
        }
    }
}
