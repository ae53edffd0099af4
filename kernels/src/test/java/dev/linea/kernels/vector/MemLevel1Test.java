package dev.linea.kernels.vector;

import dev.linea.kernels.Backend;
import dev.linea.kernels.ScalarBackend;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The SIMD level-1 kernels against the scalar reference, at every tail length and with offsets. */
class MemLevel1Test {
    private static final Backend VEC = VectorBackend.INSTANCE;
    private static final Backend REF = ScalarBackend.INSTANCE;
    private static final double TOL = 1e-14;

    @Test
    void dotMatchesScalarWithinTheSummationBound() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int n : sizes()) {
            for (int xOff : new int[] {0, 3}) {
                int yOff = 5 - xOff;
                double[] x = MemTestData.vector(rnd, xOff, n);
                double[] y = MemTestData.vector(rnd, yOff, n);
                double bound = 0;
                for (int i = 0; i < n; i++) {
                    bound += Math.abs(x[xOff + i] * y[yOff + i]);
                }
                double expected = REF.dot(n, x, xOff, y, yOff);
                double actual = VEC.dot(n, x, xOff, y, yOff);
                assertThat(actual).as("dot n=%d xOff=%d", n, xOff).isCloseTo(expected, within(TOL * bound + 1e-300));
            }
        }
    }

    @Test
    void longDotsMatchScalarWithinTheSummationBound() {
        // the 8-stream path of long dots: around its threshold, every tail length of it
        SplittableRandom rnd = new SplittableRandom(11);
        int min = Level1.QUARTERS_MIN;
        int lanes = MemLanes.L;
        for (int n : new int[] {min - 1, min, min + 1, min + 4 * lanes - 1, min + 4 * lanes + 3, 100_003}) {
            for (int xOff : new int[] {0, 3}) {
                int yOff = 5 - xOff;
                double[] x = MemTestData.vector(rnd, xOff, n);
                double[] y = MemTestData.vector(rnd, yOff, n);
                double bound = 0;
                for (int i = 0; i < n; i++) {
                    bound += Math.abs(x[xOff + i] * y[yOff + i]);
                }
                double expected = REF.dot(n, x, xOff, y, yOff);
                double actual = VEC.dot(n, x, xOff, y, yOff);
                assertThat(actual).as("dot n=%d xOff=%d", n, xOff).isCloseTo(expected, within(TOL * bound + 1e-300));
                assertThat(VEC.dot(n, x, xOff, y, yOff)).as("same bits again").isEqualTo(actual);
            }
        }
    }

    @Test
    void dotOfZeroElementsIsZero() {
        assertThat(VEC.dot(0, new double[0], 0, new double[0], 0)).isEqualTo(0.0);
    }

    @Test
    void axpyMatchesScalarAndLeavesTheRestAlone() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int n : sizes()) {
            double alpha = rnd.nextDouble(-3, 3);
            double[] x = MemTestData.vector(rnd, 2, n);
            double[] y = MemTestData.vector(rnd, 7, n);
            double[] expected = MemTestData.copy(y);
            REF.axpy(n, alpha, x, 2, expected, 7);
            VEC.axpy(n, alpha, x, 2, y, 7);
            assertNaNOutside(y, 7, n);
            for (int i = 0; i < n; i++) {
                double scale = Math.abs(alpha * x[2 + i]) + Math.abs(expected[7 + i]);
                assertThat(y[7 + i]).as("axpy n=%d i=%d", n, i).isCloseTo(expected[7 + i], within(TOL * scale));
            }
        }
    }

    @Test
    void scalIsExactLikeScalar() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n : sizes()) {
            double alpha = rnd.nextDouble(-3, 3);
            double[] x = MemTestData.vector(rnd, 4, n);
            double[] expected = MemTestData.copy(x);
            REF.scal(n, alpha, expected, 4);
            VEC.scal(n, alpha, x, 4);
            assertNaNOutside(x, 4, n);
            for (int i = 0; i < n; i++) {
                assertThat(x[4 + i]).isEqualTo(expected[4 + i]);
            }
        }
    }

    @Test
    void arraysEndingExactlyWhereTheDataEnds() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int n : sizes()) {
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextDouble(-1, 1);
                y[i] = rnd.nextDouble(-1, 1);
            }
            assertThat(VEC.dot(x, y)).as("dot n=%d", n).isCloseTo(REF.dot(x, y), within(TOL * n + 1e-300));
            double[] ye = y.clone();
            double[] ya = y.clone();
            REF.axpy(n, 0.75, x, 0, ye, 0);
            VEC.axpy(n, 0.75, x, 0, ya, 0);
            double[] xe = x.clone();
            double[] xa = x.clone();
            REF.scal(n, -1.5, xe, 0);
            VEC.scal(n, -1.5, xa, 0);
            for (int i = 0; i < n; i++) {
                assertThat(ya[i]).isCloseTo(ye[i], within(TOL * 2));
                assertThat(xa[i]).isEqualTo(xe[i]);
            }
        }
    }

    @Test
    void dotIsBitIdenticalOnEveryCallThroughWarmUp() {
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 103;
        double[] x = MemTestData.vector(rnd, 1, n);
        double[] y = MemTestData.vector(rnd, 0, n);
        long first = Double.doubleToRawLongBits(VEC.dot(n, x, 1, y, 0));
        for (int call = 0; call < 30_000; call++) {
            long again = Double.doubleToRawLongBits(VEC.dot(n, x, 1, y, 0));
            if (again != first) {
                assertThat(again).as("call %d", call).isEqualTo(first);
            }
        }
    }

    static void assertNaNOutside(double[] v, int off, int n) {
        for (int i = 0; i < v.length; i++) {
            if (i < off || i >= off + n) {
                assertThat(v[i]).as("untouched cell %d", i).isNaN();
            }
        }
    }

    private static int[] sizes() {
        int[] s = new int[MemTestData.SIZES.length + 4];
        System.arraycopy(MemTestData.SIZES, 0, s, 0, MemTestData.SIZES.length);
        // around the 4-vector unrolling of dot (32 lanes on AVX-512) as well
        s[s.length - 4] = 31;
        s[s.length - 3] = 32;
        s[s.length - 2] = 33;
        s[s.length - 1] = 71;
        return s;
    }
}
