package dev.linea.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link CentredMoments#pool}, the one implementation of Chan, Golub and LeVeque's pairwise update: two parts pooled
 * equal the moments of the rows taken together (computed directly, two-pass), the lower-triangle form equals the full
 * one where it writes, and an empty part is the identity on either side.
 */
class CentredMomentsPoolTest {
    private static final int K = 5;

    /** [W, μ (k), C (k×k)] of rows [from, to) of z (k columns) with weights w, by two passes. */
    private static double[] moments(double[][] z, double[] w, int from, int to) {
        double sw = 0;
        double[] mu = new double[K];
        for (int i = from; i < to; i++) {
            sw += w[i];
            for (int j = 0; j < K; j++) {
                mu[j] += w[i] * z[i][j];
            }
        }
        double[] out = new double[1 + K + K * K];
        out[0] = sw;
        for (int j = 0; j < K; j++) {
            out[1 + j] = sw > 0 ? mu[j] / sw : 0;
        }
        for (int i = from; i < to; i++) {
            for (int a = 0; a < K; a++) {
                for (int b = 0; b < K; b++) {
                    out[1 + K + a * K + b] += w[i] * (z[i][a] - out[1 + a]) * (z[i][b] - out[1 + b]);
                }
            }
        }
        return out;
    }

    private static double[][] rows(int m, Random r) {
        double[][] z = new double[m][K];
        for (double[] row : z) {
            for (int j = 0; j < K; j++) {
                row[j] = 1e3 * j + r.nextGaussian();
            }
        }
        return z;
    }

    private static double pool(double[] a, double[] b, boolean lowerOnly) {
        double w = CentredMoments.pool(K, lowerOnly, a[0], a, 1, a, 1 + K, b[0], b, 1, b, 1 + K);
        a[0] = w;
        return w;
    }

    @Test
    void twoPartsPooledAreTheMomentsOfAllRows() {
        Random r = new Random(11);
        double[][] z = rows(200, r);
        double[] w = new double[200];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble() * 2;
        }
        double[] all = moments(z, w, 0, 200);
        double[] full = moments(z, w, 0, 73);
        double[] lower = full.clone();
        double[] b = moments(z, w, 73, 200);
        pool(full, b, false);
        pool(lower, b, true);
        for (int t = 0; t < all.length; t++) {
            assertThat(full[t]).as("entry %d", t).isCloseTo(all[t], within(1e-9 * (1 + Math.abs(all[t]))));
        }
        for (int i = 0; i < K; i++) {
            for (int j = 0; j <= i; j++) {
                int at = 1 + K + i * K + j;
                assertThat(lower[at]).isEqualTo(full[at]);
            }
            for (int j = i + 1; j < K; j++) {
                int at = 1 + K + i * K + j;
                assertThat(lower[at]).as("upper triangle untouched").isEqualTo(moments(z, w, 0, 73)[at]);
            }
        }
    }

    @Test
    void anEmptyPartIsTheIdentityOnEitherSide() {
        Random r = new Random(12);
        double[][] z = rows(40, r);
        double[] w = new double[40];
        java.util.Arrays.fill(w, 1);
        double[] b = moments(z, w, 0, 40);
        double[] empty = new double[b.length];
        double[] a = empty.clone();
        assertThat(pool(a, b, false)).isEqualTo(40);
        assertThat(a).containsExactly(b);
        double[] c = b.clone();
        assertThat(pool(c, empty, false)).isEqualTo(40);
        assertThat(c).containsExactly(b);
        double[] lower = empty.clone();
        pool(lower, b, true);
        assertThat(lower[1 + K + 1]).as("upper triangle not copied").isZero();
        assertThat(lower[1 + K + K]).isEqualTo(b[1 + K + K]);
    }

    /** {@link CentredMoments#poolDiagonal} gives exactly {@link CentredMoments#pool}'s means and diagonal; empty parts. */
    @Test
    void theDiagonalFormIsThePoolsDiagonalBitForBit() {
        Random r = new Random(13);
        double[][] z = rows(120, r);
        double[] w = new double[120];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + r.nextDouble();
        }
        double[] full = moments(z, w, 0, 50);
        double[] b = moments(z, w, 50, 120);
        double[] meanA = java.util.Arrays.copyOfRange(full, 1, 1 + K);
        double[] sqA = new double[K];
        double[] sqB = new double[K];
        for (int j = 0; j < K; j++) {
            sqA[j] = full[1 + K + j * K + j];
            sqB[j] = b[1 + K + j * K + j];
        }
        double wd = CentredMoments.poolDiagonal(K, full[0], meanA, 0, sqA, 0, b[0], b, 1, sqB, 0);
        pool(full, b, false);
        assertThat(wd).isEqualTo(full[0]);
        for (int j = 0; j < K; j++) {
            assertThat(meanA[j]).isEqualTo(full[1 + j]);
            assertThat(sqA[j]).isEqualTo(full[1 + K + j * K + j]);
        }
        double[] emptyMean = new double[K];
        double[] emptySq = new double[K];
        assertThat(CentredMoments.poolDiagonal(K, 0, emptyMean, 0, emptySq, 0, b[0], b, 1, sqB, 0)).isEqualTo(b[0]);
        assertThat(emptyMean).containsExactly(java.util.Arrays.copyOfRange(b, 1, 1 + K));
        assertThat(emptySq).containsExactly(sqB);
        double[] keep = sqA.clone();
        assertThat(CentredMoments.poolDiagonal(K, wd, meanA, 0, sqA, 0, 0, emptyMean, 0, emptySq, 0)).isEqualTo(wd);
        assertThat(sqA).containsExactly(keep);
    }
}
