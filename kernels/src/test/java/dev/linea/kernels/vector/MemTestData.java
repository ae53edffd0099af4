package dev.linea.kernels.vector;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Test data for the memory-bound kernels: arrays whose every cell outside the region a kernel may read (before the
 * offset, after the end, between n and the leading dimension) holds NaN, so that any read out of place shows up as
 * NaN in the result.
 */
final class MemTestData {
    static final int[] SIZES = {0, 1, 7, 8, 9, 15, 16, 17, 103, 1000};

    private MemTestData() {
    }

    /** A vector of n values in [−1, 1) at offset {@code off}, NaN around it. */
    static double[] vector(SplittableRandom rnd, int off, int n) {
        double[] v = new double[off + n + 5];
        Arrays.fill(v, Double.NaN);
        for (int i = 0; i < n; i++) {
            v[off + i] = rnd.nextDouble(-1, 1);
        }
        return v;
    }

    /** An m×n row-major matrix at {@code off} with leading dimension {@code ld}, NaN in the padding. */
    static double[] matrix(SplittableRandom rnd, int off, int ld, int m, int n) {
        double[] a = new double[off + m * ld + 5];
        Arrays.fill(a, Double.NaN);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[off + i * ld + j] = rnd.nextDouble(-1, 1);
            }
        }
        return a;
    }

    /** Weights in [0, 3) at offset {@code off}, a few exactly zero. */
    static double[] weights(SplittableRandom rnd, int off, int m) {
        double[] s = vector(rnd, off, m);
        for (int i = 0; i < m; i++) {
            s[off + i] = i % 11 == 3 ? 0 : rnd.nextDouble(0, 3);
        }
        return s;
    }

    /** Labels in {0, 1} plus a few fractional ones (the contract allows y ∈ [0, 1]). */
    static double[] labels(SplittableRandom rnd, int off, int m) {
        double[] y = vector(rnd, off, m);
        for (int i = 0; i < m; i++) {
            y[off + i] = i % 13 == 5 ? 0.25 : (rnd.nextBoolean() ? 1 : 0);
        }
        return y;
    }

    static double[] copy(double[] a) {
        return a.clone();
    }
}
