package dev.linea.cli;

import java.util.Locale;

/**
 * Checks, before allocating, that a request the user sized (a polynomial degree, a path length) fits in this JVM's
 * heap, so that it fails up front with exit 2 and the size it would need instead of an {@link OutOfMemoryError}
 * half way through.
 */
final class MemoryBudget {
    private MemoryBudget() {
    }

    /**
     * @param what   what needs the memory, e.g. "--poly 50 (23426 columns)"
     * @param doubles how many doubles it would allocate
     * @param advice how to ask for less
     * @throws IllegalArgumentException when that exceeds the JVM's maximum heap
     */
    static void require(String what, double doubles, String advice) {
        long limit = Runtime.getRuntime().maxMemory();
        double bytes = doubles * Double.BYTES;
        if (bytes > limit) {
            throw new IllegalArgumentException(what + " needs about " + size(bytes) + ", more than this JVM's "
                    + "maximum heap of " + size(limit) + "; " + advice + " (or raise the limit: "
                    + "LINEA_JAVA_OPTS=-Xmx…)");
        }
    }

    static String size(double bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB", "PB", "EB"};
        int u = 0;
        while (bytes >= 1024 && u < units.length - 1) {
            bytes /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f bytes", bytes)
                : String.format(Locale.ROOT, "%.1f %s", bytes, units[u]);
    }
}
