package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.ScalarBackend;
import dev.linea.kernels.Transpose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Quick safety net for the memory-bound vector kernels against the scalar reference at sizes crossing every tail. */
class MemoryKernelsConformanceTest {
    static final Backend R = ScalarBackend.INSTANCE;

    static double[] random(Random rnd, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
        }
        return a;
    }

    static void close(double got, double want, double scale, String what) {
        assertThat(Math.abs(got - want)).as(what + ": got " + got + ", want " + want)
                .isLessThanOrEqualTo(1e-13 * Math.max(1, scale));
    }

    @ParameterizedTest(name = "{0}, size {1}")
    @MethodSource("dotAxpyScalCases")
    void dotAxpyScal(Backend backend, int n) {
        Random rnd = new Random(n);
        double[] x = random(rnd, n + 3);
        double[] y = random(rnd, n + 5);
        close(backend.dot(n, x, 3, y, 5), R.dot(n, x, 3, y, 5), n, "dot n=" + n);
        double[] y1 = y.clone();
        double[] y2 = y.clone();
        backend.axpy(n, -0.7, x, 3, y1, 5);
        R.axpy(n, -0.7, x, 3, y2, 5);
        for (int i = 0; i < y1.length; i++) {
            close(y1[i], y2[i], 1, "axpy n=" + n + " i=" + i);
        }
        backend.scal(n, 1.5, y1, 5);
        R.scal(n, 1.5, y2, 5);
        for (int i = 0; i < y1.length; i++) {
            close(y1[i], y2[i], 1, "scal n=" + n + " i=" + i);
        }
    }

    @ParameterizedTest(name = "{0}, size {1}")
    @MethodSource("gemvBothTransposesWithOffsetsAndPaddingCases")
    void gemvBothTransposesWithOffsetsAndPadding(Backend backend, int size) {
        for (int n : new int[]{size, 1, 7, 10, 33}) {
            int m = size;
            Random rnd = new Random(31L * m + n);
            int lda = n + 3;
            double[] a = random(rnd, 2 + m * lda);
            for (Transpose t : Transpose.values()) {
                int xl = t == Transpose.NONE ? n : m;
                int yl = t == Transpose.NONE ? m : n;
                double[] x = random(rnd, xl + 1);
                for (double beta : new double[]{0, 1, -0.5}) {
                    double[] y1 = random(rnd, yl + 2);
                    if (beta == 0) {
                        java.util.Arrays.fill(y1, Double.NaN);
                    }
                    double[] y2 = y1.clone();
                    backend.gemv(t, m, n, 1.3, a, 2, lda, x, 1, beta, y1, 2);
                    R.gemv(t, m, n, 1.3, a, 2, lda, x, 1, beta, y2, 2);
                    for (int i = 2; i < 2 + yl; i++) {
                        close(y1[i], y2[i], Math.max(m, n), "gemv " + t + " " + m + "x" + n + " beta " + beta);
                    }
                    assertThat(Double.doubleToRawLongBits(y1[0])).as("untouched before y").isEqualTo(Double.doubleToRawLongBits(y2[0]));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}, size {1}")
    @MethodSource("fusedGradientsMatchScalarCases")
    void fusedGradientsMatchScalar(Backend backend, int m) {
        for (int n : new int[]{1, 7, 8, 10, 17, 100}) {
            Random rnd = new Random(7L * m + n);
            int ldx = n + 2;
            double[] x = random(rnd, 1 + m * ldx);
            double[] y = random(rnd, m + 1);
            double[] labels = new double[m + 1];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = rnd.nextBoolean() ? 1 : 0;
            }
            double[] s = new double[m + 1];
            for (int i = 0; i < s.length; i++) {
                s[i] = rnd.nextDouble() * 2;
            }
            double[] w = random(rnd, n + 2);
            for (boolean intercept : new boolean[]{false, true}) {
                for (double[] sw : new double[][]{null, s}) {
                    int p = intercept ? n + 1 : n;
                    double[] g1 = new double[p + 1];
                    double[] g2 = new double[p + 1];
                    double l1 = backend.leastSquaresGradient(m, n, x, 1, ldx, w, 1, intercept, y, 1, sw, 1, g1, 1);
                    double l2 = R.leastSquaresGradient(m, n, x, 1, ldx, w, 1, intercept, y, 1, sw, 1, g2, 1);
                    close(l1, l2, m * n, "ls loss");
                    for (int j = 0; j <= p; j++) {
                        close(g1[j], g2[j], m * n, "ls g[" + j + "] m=" + m + " n=" + n);
                    }
                    l1 = backend.logisticGradient(m, n, x, 1, ldx, w, 1, intercept, labels, 1, sw, 1, g1, 1);
                    l2 = R.logisticGradient(m, n, x, 1, ldx, w, 1, intercept, labels, 1, sw, 1, g2, 1);
                    close(l1, l2, m * n, "logistic loss");
                    for (int j = 0; j <= p; j++) {
                        close(g1[j], g2[j], m * n, "logistic g[" + j + "] m=" + m + " n=" + n);
                    }
                }
            }
        }
    }

    static java.util.stream.Stream<Arguments> dotAxpyScalCases() {
        return BackendsUnderTest.list().stream().flatMap(b -> java.util.stream.IntStream.of(0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 103, 1000)
                .mapToObj(n -> Arguments.of(b, n)));
    }

    static java.util.stream.Stream<Arguments> gemvBothTransposesWithOffsetsAndPaddingCases() {
        return BackendsUnderTest.list().stream().flatMap(b -> java.util.stream.IntStream.of(0, 1, 3, 4, 5, 7, 8, 9, 17, 103)
                .mapToObj(n -> Arguments.of(b, n)));
    }

    static java.util.stream.Stream<Arguments> fusedGradientsMatchScalarCases() {
        return BackendsUnderTest.list().stream().flatMap(b -> java.util.stream.IntStream.of(0, 1, 3, 4, 5, 7, 9, 103, 1000)
                .mapToObj(n -> Arguments.of(b, n)));
    }
}
