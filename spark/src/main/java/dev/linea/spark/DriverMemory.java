package dev.linea.spark;

/**
 * The one real limit on the number of features: the driver holds k×k matrices (k ≈ features). Checked before any
 * job, so that a too-wide problem fails in a second with the sizes named instead of after an hour with an
 * {@code OutOfMemoryError}. Spark MLlib stops at 4096 features for its normal-equation and IRLS solvers; here the
 * limit is whatever the driver's heap allows.
 */
final class DriverMemory {
    private DriverMemory() {
    }

    /**
     * @param k       matrix order
     * @param copies  k×k matrices alive at once on the driver
     */
    static void check(int k, int copies, String what) {
        long need = 8L * k * k * copies;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need > free) {
            throw new IllegalArgumentException(what + " with " + k + " columns needs about " + mib(need)
                    + " MiB on the driver (" + copies + " matrices of " + k + "×" + k + " doubles), but only "
                    + mib(free) + " MiB of its heap (max " + mib(rt.maxMemory()) + " MiB) is free: raise"
                    + " spark.driver.memory or use fewer features");
        }
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }
}
