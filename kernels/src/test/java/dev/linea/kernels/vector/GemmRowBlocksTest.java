package dev.linea.kernels.vector;

import dev.linea.kernels.Threads;
import dev.linea.kernels.Transpose;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Gemm#gemmOverThreads} splits the rows of C by the thread count, which is only right because no value of
 * the vector GEMM depends on the split: the same C must come out of one call over all rows and of calls over row
 * blocks cut anywhere (through a 6-row strip, one row at a time), bit for bit, for the α and β that take the
 * micro-tile's direct paths into C (α = 1 with β = 0: C overwritten; α = 1, β = 1: added; α = −1: subtracted) and
 * the general one, in all four transpose pairs; and {@code gemmOverThreads} on 1, 2 and 3 threads must give that C.
 */
class GemmRowBlocksTest {

    @Test
    void rowBlocksCutAnywhereGiveTheSameBits() {
        Random rnd = new Random(31);
        int m = 389; // 389 / 128 = 3: three threads make three blocks, the last one shorter
        int n = 45;
        int k = 803; // three depth blocks: the first overwrites C when β = 0, the next two add to it
        double[] a = gaussian(rnd, m * k);
        double[] b = gaussian(rnd, k * n);
        double[] c0 = gaussian(rnd, m * n);
        double[][] alphaBeta = {{1, 0}, {1, 1}, {-1, 1}, {-1, 0}, {0.75, 0.5}};
        int[][] cuts = {{0, 389}, {0, 7, 13, 150, 389}, {0, 1, 2, 3, 4, 5, 6, 388, 389}, {0, 144, 288, 389}};
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                int lda = ta == Transpose.NONE ? k : m;
                int ldb = tb == Transpose.NONE ? n : k;
                for (double[] ab : alphaBeta) {
                    double[] whole = null;
                    for (int[] cut : cuts) {
                        double[] c = c0.clone();
                        for (int s = 0; s + 1 < cut.length; s++) {
                            int r0 = cut[s];
                            int rows = cut[s + 1] - r0;
                            Gemm.gemm(ta, tb, rows, n, k, ab[0], a, ta == Transpose.NONE ? r0 * lda : r0, lda,
                                    b, 0, ldb, ab[1], c, r0 * n, n);
                        }
                        if (whole == null) {
                            whole = c;
                            checkAgainstSums(whole, a, lda, ta, b, ldb, tb, c0, m, n, k, ab[0], ab[1]);
                        } else {
                            assertThat(Arrays.equals(whole, c)).as("%s/%s α = %s β = %s, cut at %s", ta, tb, ab[0],
                                    ab[1], Arrays.toString(cut)).isTrue();
                        }
                    }
                    for (int t = 1; t <= 3; t++) {
                        double[] c = c0.clone();
                        Threads.run(t, () -> Gemm.gemmOverThreads(ta, tb, m, n, k, ab[0], a, 0, lda, b, 0, ldb, ab[1],
                                c, 0, n));
                        assertThat(Arrays.equals(whole, c)).as("%s/%s α = %s β = %s on %d threads", ta, tb, ab[0],
                                ab[1], t).isTrue();
                    }
                }
            }
        }
    }

    private static void checkAgainstSums(double[] c, double[] a, int lda, Transpose ta, double[] b, int ldb,
                                         Transpose tb, double[] c0, int m, int n, int k, double alpha, double beta) {
        for (int i = 0; i < m; i += 37) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double mag = 0;
                for (int p = 0; p < k; p++) {
                    double t = (ta == Transpose.NONE ? a[i * lda + p] : a[p * lda + i])
                            * (tb == Transpose.NONE ? b[p * ldb + j] : b[j * ldb + p]);
                    sum += t;
                    mag += Math.abs(t);
                }
                double want = alpha * sum + beta * c0[i * n + j];
                assertThat(Math.abs(c[i * n + j] - want)).as("C(%d, %d)", i, j)
                        .isLessThanOrEqualTo(1e-14 * k * (mag + Math.abs(c0[i * n + j])));
            }
        }
    }

    private static double[] gaussian(Random rnd, int len) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = rnd.nextGaussian();
        }
        return x;
    }
}
