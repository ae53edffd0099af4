package dev.linea.models.linalg;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Residual, orthogonality and closed-form spectra, at sizes that exercise every vector tail. */
class SymmetricEigenTest {
    static Stream<Arguments> cases() {
        return Backends.available().stream().flatMap(b -> Stream.of(0, 1, 2, 3, 7, 17, 103)
                .map(n -> Arguments.of(b.name(), n)));
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void decomposesRandomSymmetricMatrices(String backend, int n) {
        Backend b = Backends.named(backend);
        Random rnd = new Random(31L * n + 7);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i * n + j] = rnd.nextGaussian();
                a[j * n + i] = a[i * n + j];
            }
        }
        SymmetricEigen e = SymmetricEigen.of(b, n, a);
        double norm = frobenius(a);
        double[] vt = e.vectorsTransposedUnsafe();
        for (int j = 0; j < n; j++) {
            if (j > 0) {
                assertThat(e.value(j)).isGreaterThanOrEqualTo(e.value(j - 1));
            }
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int k = 0; k < n; k++) {
                    av += a[i * n + k] * vt[j * n + k];
                }
                assertThat(Math.abs(av - e.value(j) * vt[j * n + i])).as("residual (%d, %d)", i, j)
                        .isLessThan(50 * n * Math.ulp(1.0) * norm);
            }
            for (int k = 0; k < n; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += vt[j * n + i] * vt[k * n + i];
                }
                assertThat(Math.abs(dot - (j == k ? 1 : 0))).as("orthogonality (%d, %d)", j, k)
                        .isLessThan(50 * n * Math.ulp(1.0));
            }
        }
    }

    @Test
    void secondDifferenceMatrixHasItsKnownSpectrum() {
        // tridiag(−1, 2, −1) of order n has eigenvalues 2 − 2·cos(kπ/(n+1)), k = 1..n.
        int n = 50;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = 2;
            if (i > 0) {
                a[i * n + i - 1] = -1;
                a[(i - 1) * n + i] = -1;
            }
        }
        double[] v = SymmetricEigen.of(Backends.named("scalar"), n, a).values();
        for (int k = 1; k <= n; k++) {
            assertThat(v[k - 1]).isCloseTo(2 - 2 * Math.cos(k * Math.PI / (n + 1)),
                    org.assertj.core.data.Offset.offset(1e-13));
        }
    }

    @Test
    void readsOnlyTheLowerTriangleAndHandlesRepeatedEigenvalues() {
        int n = 9;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = i < 4 ? 3 : -1;
            for (int j = i + 1; j < n; j++) {
                a[i * n + j] = Double.NaN; // never read
            }
        }
        double[] v = SymmetricEigen.of(Backends.named("vector"), n, a).values();
        assertThat(v).containsExactly(-1, -1, -1, -1, -1, 3, 3, 3, 3);
    }

    @Test
    void nanIsReportedNotLooped() {
        double[] a = {1, 0, Double.NaN, 1};
        assertThatThrownBy(() -> SymmetricEigen.of(Backends.named("scalar"), 2, a))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("no convergence");
    }

    private static double frobenius(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(Math.max(s, 1e-300));
    }
}
