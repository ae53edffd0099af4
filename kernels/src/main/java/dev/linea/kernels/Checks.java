package dev.linea.kernels;

/**
 * Argument validation shared by every backend: the one place where shapes, offsets, leading dimensions and
 * array lengths are checked before a kernel runs. Each failure is an {@link IllegalArgumentException} whose message
 * names the kernel, the parameter, the value found and what was expected.
 */
public final class Checks {
    private Checks() {
    }

    /** Requires {@code value >= 0}. */
    public static void nonNegative(String kernel, String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(kernel + ": " + name + " = " + value + ", expected >= 0");
        }
    }

    /** Requires a non-null array. */
    public static void notNull(String kernel, String name, Object array) {
        if (array == null) {
            throw new IllegalArgumentException(kernel + ": " + name + " is null, expected an array");
        }
    }

    /** Requires a non-null enum argument. */
    public static <E extends Enum<E>> void notNull(String kernel, String name, E value) {
        if (value == null) {
            throw new IllegalArgumentException(kernel + ": " + name + " is null, expected one of the enum's values");
        }
    }

    /** Checks that {@code array} holds a contiguous vector of {@code n} elements starting at {@code off}. */
    public static void vector(String kernel, String name, double[] array, int off, int n) {
        nonNegative(kernel, name + " length", n);
        notNull(kernel, name, array);
        nonNegative(kernel, name + " offset", off);
        long needed = (long) off + n;
        if (needed > array.length) {
            throw new IllegalArgumentException(kernel + ": " + name + " has length " + array.length
                    + ", expected at least " + needed + " (offset " + off + " + " + n + " elements)");
        }
    }

    /**
     * Checks that {@code array} holds a row-major {@code rows × cols} matrix at {@code off} with leading dimension
     * {@code ld}: element (i, j) at {@code off + i*ld + j}.
     */
    public static void matrix(String kernel, String name, double[] array, int off, int ld, int rows, int cols) {
        notNull(kernel, name, array);
        nonNegative(kernel, name + " offset", off);
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(kernel + ": leading dimension of " + name + " = " + ld
                    + ", expected >= " + Math.max(1, cols) + " (the number of columns of the row-major "
                    + rows + "×" + cols + " matrix)");
        }
        long needed = rows == 0 || cols == 0 ? off : (long) off + (long) (rows - 1) * ld + cols;
        if (needed > array.length) {
            throw new IllegalArgumentException(kernel + ": " + name + " has length " + array.length
                    + ", expected at least " + needed + " for a " + rows + "×" + cols + " matrix at offset "
                    + off + " with leading dimension " + ld);
        }
    }

    /** Optional non-negative weights: null means all ones; otherwise n finite values ≥ 0. */
    public static void weights(String kernel, String name, double[] w, int off, int n) {
        if (w == null) {
            return;
        }
        vector(kernel, name, w, off, n);
        for (int i = 0; i < n; i++) {
            double v = w[off + i];
            if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(kernel + ": " + name + "[" + i + "] = " + v
                        + ", expected a finite weight >= 0");
            }
        }
    }

    /** Requires {@code rows >= cols} (a tall or square matrix). */
    public static void tall(String kernel, int m, int n) {
        if (m < n) {
            throw new IllegalArgumentException(kernel + ": m = " + m + " rows < n = " + n
                    + " columns, expected a tall or square matrix (m >= n)");
        }
    }
}
