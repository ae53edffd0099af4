package dev.linea.kernels.vector;

import dev.linea.kernels.Backend;
import dev.linea.kernels.ScalarBackend;
import dev.linea.kernels.Transpose;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The SIMD gemv (both transposes) against the scalar reference, over all pairs of odd sizes. */
class MemGemvTest {
    private static final Backend VEC = VectorBackend.INSTANCE;
    private static final Backend REF = ScalarBackend.INSTANCE;
    private static final double TOL = 1e-13;

    @Test
    void notTransposedMatchesScalarWithOffsetsAndPaddedRows() {
        check(Transpose.NONE, 11);
    }

    @Test
    void transposedMatchesScalarWithOffsetsAndPaddedRows() {
        check(Transpose.TRANSPOSE, 12);
    }

    @Test
    void betaZeroNeverReadsY() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (Transpose t : Transpose.values()) {
            for (int m : new int[] {1, 9, 17, 103}) {
                for (int n : new int[] {1, 8, 9, 103}) {
                    double[] a = MemTestData.matrix(rnd, 2, n + 1, m, n);
                    int xLen = t == Transpose.NONE ? n : m;
                    int yLen = t == Transpose.NONE ? m : n;
                    double[] x = MemTestData.vector(rnd, 0, xLen);
                    double[] y = new double[yLen + 1];
                    Arrays.fill(y, Double.NaN);
                    double[] expected = y.clone();
                    REF.gemv(t, m, n, 1.5, a, 2, n + 1, x, 0, 0.0, expected, 1);
                    VEC.gemv(t, m, n, 1.5, a, 2, n + 1, x, 0, 0.0, y, 1);
                    assertThat(y[0]).isNaN();
                    for (int i = 0; i < yLen; i++) {
                        assertThat(y[1 + i]).as("%s m=%d n=%d i=%d", t, m, n, i).isFinite()
                                .isCloseTo(expected[1 + i], within(1e-12 * Math.max(1, Math.abs(expected[1 + i]))));
                    }
                }
            }
        }
    }

    @Test
    void arraysEndingExactlyWhereTheDataEnds() {
        // no slack after the last element: partial chunks near an array's end must not read or write past it
        SplittableRandom rnd = new SplittableRandom(15);
        for (Transpose t : Transpose.values()) {
            for (int m : new int[] {1, 8, 9, 17, 31}) {
                for (int n : new int[] {1, 3, 7, 9, 10, 17, 103}) {
                    double[] a = new double[m * n];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = rnd.nextDouble(-1, 1);
                    }
                    double[] x = new double[t == Transpose.NONE ? n : m];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = rnd.nextDouble(-1, 1);
                    }
                    double[] y = new double[t == Transpose.NONE ? m : n];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = rnd.nextDouble(-1, 1);
                    }
                    double[] expected = y.clone();
                    REF.gemv(t, m, n, 0.5, a, 0, n, x, 0, 2.0, expected, 0);
                    double[] actual = y.clone();
                    VEC.gemv(t, m, n, 0.5, a, 0, n, x, 0, 2.0, actual, 0);
                    for (int i = 0; i < y.length; i++) {
                        assertThat(actual[i]).as("%s m=%d n=%d i=%d", t, m, n, i)
                                .isCloseTo(expected[i], within(1e-13 * (2 + m + n)));
                    }
                }
            }
        }
    }

    @Test
    void isBitIdenticalOnEveryCallThroughWarmUp() {
        SplittableRandom rnd = new SplittableRandom(14);
        int m = 17;
        int n = 19;
        double[] a = MemTestData.matrix(rnd, 1, 21, m, n);
        double[] x = MemTestData.vector(rnd, 0, Math.max(m, n));
        for (Transpose t : Transpose.values()) {
            int yLen = t == Transpose.NONE ? m : n;
            double[] y0 = MemTestData.vector(rnd, 0, yLen);
            double[] first = y0.clone();
            VEC.gemv(t, m, n, 0.7, a, 1, 21, x, 0, -0.3, first, 0);
            for (int call = 0; call < 10_000; call++) {
                double[] again = y0.clone();
                VEC.gemv(t, m, n, 0.7, a, 1, 21, x, 0, -0.3, again, 0);
                if (!Arrays.equals(again, first)) {
                    assertThat(again).as("%s call %d", t, call).isEqualTo(first);
                }
            }
        }
    }

    private static void check(Transpose t, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int m : MemTestData.SIZES) {
            for (int n : MemTestData.SIZES) {
                int lda = Math.max(1, n + (m % 3));
                int aOff = n % 4;
                double alpha = rnd.nextDouble(-2, 2);
                double beta = switch ((m + n) % 3) {
                    case 0 -> 0.0;
                    case 1 -> 1.0;
                    default -> rnd.nextDouble(-2, 2);
                };
                int xLen = t == Transpose.NONE ? n : m;
                int yLen = t == Transpose.NONE ? m : n;
                double[] a = MemTestData.matrix(rnd, aOff, lda, m, n);
                double[] x = MemTestData.vector(rnd, 3, xLen);
                double[] y = MemTestData.vector(rnd, 1, yLen);
                double[] expected = y.clone();
                REF.gemv(t, m, n, alpha, a, aOff, lda, x, 3, beta, expected, 1);
                double[] actual = y.clone();
                VEC.gemv(t, m, n, alpha, a, aOff, lda, x, 3, beta, actual, 1);
                MemLevel1Test.assertNaNOutside(actual, 1, yLen);
                for (int i = 0; i < yLen; i++) {
                    double bound = Math.abs(beta * y[1 + i]);
                    int len = t == Transpose.NONE ? n : m;
                    for (int k = 0; k < len; k++) {
                        double aik = t == Transpose.NONE ? a[aOff + i * lda + k] : a[aOff + k * lda + i];
                        bound += Math.abs(alpha * aik * x[3 + k]);
                    }
                    assertThat(actual[1 + i]).as("%s m=%d n=%d lda=%d i=%d", t, m, n, lda, i)
                            .isCloseTo(expected[1 + i], within(TOL * bound + 1e-300));
                }
            }
        }
    }
}
