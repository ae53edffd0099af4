package dev.linea.models.linalg;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RefinedQr's two refinement steps against exact least squares (the normal equations of the double data solved in
 * 80-digit BigDecimal arithmetic, nothing of ours): the corrected semi-normal step on well-conditioned designs, the
 * augmented system's on ill-conditioned ones, both with small and large residuals, reach the solution correctly
 * rounded to within an ulp or two; and the solve has the same bits on 1, 2 and 3 threads.
 */
class RefinedQrTest {
    private static final MathContext MC = new MathContext(80);

    /** {backend, residual noise, the step expected (from the design's conditioning)}. */
    static Stream<Arguments> cases() {
        return Stream.of("scalar", "vector").flatMap(b -> Stream.of(
                Arguments.of(b, 0.0, RefinedQr.SEMI_NORMAL),
                Arguments.of(b, 1e3, RefinedQr.SEMI_NORMAL),
                Arguments.of(b, 0.0, RefinedQr.AUGMENTED),
                Arguments.of(b, 1e3, RefinedQr.AUGMENTED)));
    }

    /**
     * Columns 1, t, u, v of independent normals (κ ≈ 1), or with u replaced by t + 10⁻⁶·u (κ ≈ 10⁶: the
     * semi-normal contraction 2·n·κ²·2⁻⁵³ is far above its limit, the augmented one's 2·n·κ·2⁻⁵³ far below 1).
     */
    private static double[] design(int m, boolean illConditioned, Random rnd) {
        int n = 4;
        double[] a = new double[m * n];
        for (int i = 0; i < m; i++) {
            double t = rnd.nextGaussian();
            double u = rnd.nextGaussian();
            a[i * n] = 1;
            a[i * n + 1] = t;
            a[i * n + 2] = illConditioned ? t + 1e-6 * u : u;
            a[i * n + 3] = rnd.nextGaussian();
        }
        return a;
    }

    @ParameterizedTest(name = "{0}: noise {1}, {2}")
    @MethodSource("cases")
    void refinementReachesTheExactSolution(String backend, double noise, String method) {
        int m = 500;
        int n = 4;
        Random rnd = new Random(Double.hashCode(noise) * 31 + method.hashCode());
        double[] a = design(m, method.equals(RefinedQr.AUGMENTED), rnd);
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            b[i] = 0.5 * a[i * n] - 2 * a[i * n + 1] + 3 * a[i * n + 2] + 0.25 * a[i * n + 3]
                    + 1e-3 * rnd.nextGaussian() + noise * rnd.nextGaussian();
        }
        RefinedQr qr = new RefinedQr(Backends.named(backend), m, n, a.clone());
        RefinedQr.Solution sol = qr.solve(b, 10);
        assertThat(sol.method()).isEqualTo(method);
        assertThat(sol.converged()).isTrue();
        double[] exact = exactLeastSquares(m, n, a, b);
        for (int j = 0; j < n; j++) {
            assertThat(Math.abs(sol.x()[j] - exact[j]))
                    .as("x_%d = %s, exact %s (%s)", j, sol.x()[j], exact[j], method)
                    .isLessThanOrEqualTo(2 * Math.ulp(exact[j]));
        }
    }

    /** Exact normal equations AᵀA·x = Aᵀb of the double data, solved by elimination in 80 digits, rounded. */
    private static double[] exactLeastSquares(int m, int n, double[] a, double[] b) {
        BigDecimal[][] g = new BigDecimal[n][n + 1];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k <= n; k++) {
                BigDecimal s = BigDecimal.ZERO;
                for (int i = 0; i < m; i++) {
                    BigDecimal other = new BigDecimal(k < n ? a[i * n + k] : b[i]);
                    s = s.add(new BigDecimal(a[i * n + j]).multiply(other));
                }
                g[j][k] = s;
            }
        }
        for (int p = 0; p < n; p++) {
            for (int i = p + 1; i < n; i++) {
                BigDecimal f = g[i][p].divide(g[p][p], MC);
                for (int k = p; k <= n; k++) {
                    g[i][k] = g[i][k].subtract(f.multiply(g[p][k], MC), MC);
                }
            }
        }
        BigDecimal[] x = new BigDecimal[n];
        for (int i = n - 1; i >= 0; i--) {
            BigDecimal s = g[i][n];
            for (int k = i + 1; k < n; k++) {
                s = s.subtract(g[i][k].multiply(x[k], MC), MC);
            }
            x[i] = s.divide(g[i][i], MC);
        }
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            out[j] = x[j].doubleValue();
        }
        return out;
    }

    /** The semi-normal residual pass merges its row blocks in a fixed tree: x has the same bits on 1, 2, 3 threads. */
    @org.junit.jupiter.api.Test
    void sameBitsOnAnyThreadCount() {
        int m = 640_000;
        int n = 9;
        Random rnd = new Random(23);
        double[] a = new double[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextGaussian();
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            y[i] = a[i * n] - a[i * n + 4] + rnd.nextGaussian();
        }
        Backend vector = Backends.available().stream().filter(b -> b.name().equals("vector")).findFirst()
                .orElse(Backends.named("scalar"));
        double[] first = null;
        for (int threads : new int[] {1, 2, 3}) {
            RefinedQr.Solution sol = dev.linea.kernels.Threads.call(threads,
                    () -> new RefinedQr(vector, m, n, a.clone()).solve(y, 3));
            assertThat(sol.method()).isEqualTo(RefinedQr.SEMI_NORMAL);
            assertThat(sol.steps()).isEqualTo(1);
            // Built block by block, Qᵀy formed during the factorization: the same bits too.
            RefinedQr.Solution byRows = dev.linea.kernels.Threads.call(threads,
                    () -> RefinedQr.ofRows(vector, m, n, (from, to, dst, off) -> System.arraycopy(a, from * n, dst,
                            off, (to - from) * n), null, y).solve(y, 3));
            assertThat(byRows.x()).as("x of ofRows on %d threads", threads).isEqualTo(sol.x());
            if (first == null) {
                first = sol.x();
            } else {
                assertThat(sol.x()).as("x on %d threads", threads).isEqualTo(first);
            }
        }
    }

    /**
     * {@link RefinedQr#ofRows} (A written block by block, Qᵀb formed during the factorization, the reflectors formed
     * again only when the augmented step needs them) gives the same bits as the constructor on the whole array: the
     * solution, a refined column of (AᵀA)⁻¹, R; and the rows writer fills the kept A exactly (the residuals see it).
     */
    @ParameterizedTest(name = "{0}: noise {1}, {2}")
    @MethodSource("cases")
    void ofRowsHasTheSameBits(String backend, double noise, String method) {
        int n = 4;
        int m = 3 * Backends.named(backend).stackedQrBlockRows(n) + 5;
        Random rnd = new Random(41);
        double[] a = design(m, method.equals(RefinedQr.AUGMENTED), rnd);
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            b[i] = a[i * n] - a[i * n + 2] + noise * rnd.nextGaussian();
        }
        Backend be = Backends.named(backend);
        RefinedQr whole = new RefinedQr(be, m, n, a.clone());
        RefinedQr rows = RefinedQr.ofRows(be, m, n,
                (from, to, dst, off) -> System.arraycopy(a, from * n, dst, off, (to - from) * n), null, b);
        assertThat(rows.r()).isEqualTo(whole.r());
        RefinedQr.Solution x0 = whole.solve(b, 10);
        RefinedQr.Solution x1 = rows.solve(b, 10);
        assertThat(x1.method()).isEqualTo(method);
        assertThat(x1.x()).isEqualTo(x0.x());
        assertThat(x1.steps()).isEqualTo(x0.steps());
        // Another right-hand side (no Qᵀb formed for it up front) and a covariance column.
        double[] b2 = b.clone();
        b2[0] += 1;
        assertThat(rows.solve(b2, 10).x()).isEqualTo(whole.solve(b2, 10).x());
        assertThat(rows.inverseGramColumn(2, 10)).isEqualTo(whole.inverseGramColumn(2, 10));
    }
}
