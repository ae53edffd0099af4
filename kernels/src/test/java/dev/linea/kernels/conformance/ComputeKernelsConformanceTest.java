package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Diagonal;
import dev.linea.kernels.ScalarBackend;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Quick safety net for the compute-bound vector kernels against the scalar reference. */
class ComputeKernelsConformanceTest {
    static final Backend R = ScalarBackend.INSTANCE;

    static double[] random(Random rnd, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
        }
        return a;
    }

    static void assertClose(double[] got, double[] want, double tol, String what) {
        assertThat(got.length).isEqualTo(want.length);
        for (int i = 0; i < got.length; i++) {
            if (Double.isNaN(want[i])) {
                assertThat(got[i]).as(what + " [" + i + "]").isNaN();
            } else {
                assertThat(Math.abs(got[i] - want[i])).as(what + " [" + i + "]: got " + got[i] + " want " + want[i])
                        .isLessThanOrEqualTo(tol * Math.max(1, Math.abs(want[i])));
            }
        }
    }

    /** Random SPD matrix of order n, row-major with leading dimension ld. */
    static double[] spd(Random rnd, int n, int ld, int off) {
        double[] b = random(rnd, n * n);
        double[] a = new double[off + n * ld];
        Arrays.fill(a, 7.5);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? n : 0;
                for (int k = 0; k < n; k++) {
                    s += b[i * n + k] * b[j * n + k];
                }
                a[off + i * ld + j] = s;
            }
        }
        return a;
    }

    @ParameterizedTest(name = "{0}, size {1}")
    @MethodSource("gramCases")
    void gram(Backend backend, int n) {
        for (int m : new int[]{0, 1, 7, 103, 1500}) {
            Random rnd = new Random(m * 131L + n);
            int lda = n + 2;
            double[] a = random(rnd, 3 + m * lda);
            double[] w = new double[m + 1];
            for (int i = 0; i < w.length; i++) {
                w[i] = rnd.nextDouble();
            }
            for (double[] ww : new double[][]{null, w}) {
                int ldc = n + 1;
                double[] c1 = new double[2 + n * ldc];
                Arrays.fill(c1, Double.NaN);
                double[] c2 = c1.clone();
                backend.gram(m, n, a, 3, lda, ww, 1, c1, 2, ldc);
                R.gram(m, n, a, 3, lda, ww, 1, c2, 2, ldc);
                assertClose(c1, c2, 1e-12 * Math.max(1, m), "gram m=" + m + " n=" + n);
            }
        }
    }

    @ParameterizedTest(name = "{0}, size {1}")
    @MethodSource("gemmAllTransposesCases")
    void gemmAllTransposes(Backend backend, int size) {
        Random rnd = new Random(size);
        int m = size;
        int n = size + 3;
        int k = size + 1;
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                int lda = (ta == Transpose.NONE ? k : m) + 1;
                int ldb = (tb == Transpose.NONE ? n : k) + 2;
                double[] a = random(rnd, 1 + (ta == Transpose.NONE ? m : k) * lda);
                double[] b = random(rnd, 2 + (tb == Transpose.NONE ? k : n) * ldb);
                for (double beta : new double[]{0, 0.5}) {
                    int ldc = n + 1;
                    double[] c1 = random(rnd, 1 + m * ldc);
                    if (beta == 0) {
                        Arrays.fill(c1, 1, c1.length, Double.NaN);
                        for (int i = 0; i < m; i++) {
                            c1[1 + i * ldc + n] = 3; // padding stays
                        }
                    }
                    double[] c2 = c1.clone();
                    backend.gemm(ta, tb, m, n, k, 1.5, a, 1, lda, b, 2, ldb, beta, c1, 1, ldc);
                    R.gemm(ta, tb, m, n, k, 1.5, a, 1, lda, b, 2, ldb, beta, c2, 1, ldc);
                    assertClose(c1, c2, 1e-12 * Math.max(1, k), "gemm " + ta + tb + " size " + size);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}, size {1}")
    @MethodSource("choleskyAndSolvesMatchScalarCases")
    void choleskyAndSolvesMatchScalar(Backend backend, int n) {
        Random rnd = new Random(n);
        int ld = n + 3;
        double[] a1 = spd(rnd, n, ld, 2);
        double[] a2 = a1.clone();
        assertThat(backend.cholesky(n, a1, 2, ld)).isZero();
        assertThat(R.cholesky(n, a2, 2, ld)).isZero();
        assertClose(a1, a2, 1e-12, "cholesky n=" + n);
        for (int nrhs : new int[]{1, 3}) {
            int ldb = nrhs + (nrhs == 1 ? 0 : 2);
            double[] b1 = random(rnd, 1 + n * ldb);
            double[] b2 = b1.clone();
            backend.choleskySolve(n, nrhs, a2, 2, ld, b1, 1, ldb);
            R.choleskySolve(n, nrhs, a2, 2, ld, b2, 1, ldb);
            assertClose(b1, b2, 1e-10, "choleskySolve n=" + n + " nrhs=" + nrhs);
            for (Triangle u : Triangle.values()) {
                for (Transpose t : Transpose.values()) {
                    for (Diagonal d : Diagonal.values()) {
                        // A well-conditioned triangle: the Cholesky factor, mirrored for UPPER.
                        double[] tri = a2.clone();
                        if (u == Triangle.UPPER) {
                            for (int i = 0; i < n; i++) {
                                for (int j = 0; j < i; j++) {
                                    tri[2 + j * ld + i] = a2[2 + i * ld + j];
                                    tri[2 + i * ld + j] = Double.NaN; // the other triangle must not be read
                                }
                            }
                        } else {
                            for (int i = 0; i < n; i++) {
                                for (int j = i + 1; j < n; j++) {
                                    tri[2 + i * ld + j] = Double.NaN;
                                }
                            }
                        }
                        if (d == Diagonal.UNIT) {
                            for (int i = 0; i < n; i++) {
                                tri[2 + i * ld + i] = Double.NaN;
                            }
                        }
                        double[] x1 = b1.clone();
                        double[] x2 = b1.clone();
                        assertThat(backend.triangularSolve(u, t, d, n, nrhs, tri, 2, ld, x1, 1, ldb)).isZero();
                        assertThat(R.triangularSolve(u, t, d, n, nrhs, tri, 2, ld, x2, 1, ldb)).isZero();
                        assertClose(x1, x2, 1e-9, "trsm " + u + t + d + " n=" + n + " nrhs=" + nrhs);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}, size {1}")
    @MethodSource("choleskyNotPositiveDefiniteReportsTheSameMinorCases")
    void choleskyNotPositiveDefiniteReportsTheSameMinor(Backend backend, int n) {
        Random rnd = new Random(n);
        double[] a = spd(rnd, n, n, 0);
        int bad = n / 2;
        a[bad * n + bad] = -1;
        double[] b = a.clone();
        assertThat(backend.cholesky(n, a, 0, n)).isEqualTo(R.cholesky(n, b, 0, n)).isEqualTo(bad + 1);
    }

    @ParameterizedTest(name = "{0}, size {1}")
    @MethodSource("qrStorageAndMultiplyMatchScalarCases")
    void qrStorageAndMultiplyMatchScalar(Backend backend, int n) {
        for (int m : new int[]{n, n + 1, n + 7, 3 * n + 5}) {
            Random rnd = new Random(m * 7L + n);
            int lda = n + 2;
            double[] a1 = random(rnd, 1 + m * lda);
            if (n > 2) {
                for (int i = 0; i < m; i++) {
                    a1[1 + i * lda + 1] = 0; // an exactly zero column: tau 0 path below the first row
                }
            }
            double[] a2 = a1.clone();
            double[] t1 = new double[n];
            double[] t2 = new double[n];
            backend.qr(m, n, a1, 1, lda, t1, 0);
            R.qr(m, n, a2, 1, lda, t2, 0);
            assertClose(a1, a2, 1e-11, "qr storage m=" + m + " n=" + n);
            assertClose(t1, t2, 1e-11, "qr tau m=" + m + " n=" + n);
            for (Transpose t : Transpose.values()) {
                for (int nrhs : new int[]{1, 4}) {
                    double[] b1 = random(rnd, m * nrhs);
                    double[] b2 = b1.clone();
                    backend.qrMultiplyQ(t, m, n, nrhs, a2, 1, lda, t2, 0, b1, 0, nrhs);
                    R.qrMultiplyQ(t, m, n, nrhs, a2, 1, lda, t2, 0, b2, 0, nrhs);
                    assertClose(b1, b2, 1e-11, "multiplyQ " + t + " m=" + m + " n=" + n);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void qrOfHugeAndTinyColumnsDoesNotOverflow(Backend backend) {
        double[] a = {1e300, 1, 1e300, 1, 1e300, 1};
        double[] tau = new double[2];
        backend.qr(3, 2, a, 0, 2, tau, 0);
        assertThat(Math.abs(a[0])).isCloseTo(Math.sqrt(3) * 1e300, org.assertj.core.data.Percentage.withPercentage(1e-10));
        double[] b = {1e-310, 0, 1e-310, 0};
        backend.qr(2, 2, b, 0, 2, new double[2], 0);
        assertThat(Math.abs(b[0])).isCloseTo(Math.sqrt(2) * 1e-310, org.assertj.core.data.Percentage.withPercentage(1e-6));
    }

    static java.util.stream.Stream<Arguments> gramCases() {
        return BackendsUnderTest.list().stream().flatMap(b -> java.util.stream.IntStream.of(0, 1, 5, 6, 7, 8, 9, 16, 17, 33, 103)
                .mapToObj(n -> Arguments.of(b, n)));
    }

    static java.util.stream.Stream<Arguments> gemmAllTransposesCases() {
        return BackendsUnderTest.list().stream().flatMap(b -> java.util.stream.IntStream.of(0, 1, 4, 7, 9, 33)
                .mapToObj(n -> Arguments.of(b, n)));
    }

    static java.util.stream.Stream<Arguments> choleskyAndSolvesMatchScalarCases() {
        return BackendsUnderTest.list().stream().flatMap(b -> java.util.stream.IntStream.of(0, 1, 4, 5, 7, 8, 9, 17, 103)
                .mapToObj(n -> Arguments.of(b, n)));
    }

    static java.util.stream.Stream<Arguments> choleskyNotPositiveDefiniteReportsTheSameMinorCases() {
        return BackendsUnderTest.list().stream().flatMap(b -> java.util.stream.IntStream.of(1, 2, 5, 8, 17)
                .mapToObj(n -> Arguments.of(b, n)));
    }

    static java.util.stream.Stream<Arguments> qrStorageAndMultiplyMatchScalarCases() {
        return BackendsUnderTest.list().stream().flatMap(b -> java.util.stream.IntStream.of(1, 3, 7, 8, 9, 33, 103)
                .mapToObj(n -> Arguments.of(b, n)));
    }

    static java.util.List<Backend> backends() {
        return BackendsUnderTest.list();
    }
}
