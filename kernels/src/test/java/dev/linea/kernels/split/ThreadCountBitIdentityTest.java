package dev.linea.kernels.split;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Threads;
import dev.linea.kernels.Transpose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The row-split kernels give the same bits on 1, 2 and 3 threads, and the right answer: for the scalar and vector
 * backends, Gram (weighted and not), GEMV (both transposes), GEMM (all four transpose pairs, rows of C split) and
 * the fused least-squares and logistic gradients (with and without intercept and weights), at widths 1, 7 and 103
 * and at row counts that make several blocks: a whole number of blocks, one row past it (a last block of one row)
 * and the many-block cap. Each shape is first checked to really split ({@link RowSplit#rowsPerBlock} &lt; m), so
 * the test cannot pass by running one block. Results are compared with {@link Arrays#equals(double[], double[])}
 * (bitwise, -0.0 ≠ 0.0) and, for correctness of the block offsets, with plain double loops written here.
 */
class ThreadCountBitIdentityTest {
    private static final int[] THREADS = {1, 2, 3};

    @BeforeAll
    static void warm() {
        Backends.warmUp(); // the vector kernels interpreted are 10–100× slower: compile them before the big shapes
    }

    static Stream<Backend> backends() {
        List<Backend> list = new ArrayList<>();
        list.add(Backends.named("scalar"));
        if (Backends.status("vector").isAvailable()) {
            list.add(Backends.named("vector"));
        }
        return list.stream();
    }

    /** Row counts that split streaming kernels (GEMV, fused) of width n: k blocks exactly, k blocks + 1 row. */
    private static int[] streamRows(int n) {
        int least = (int) Math.max(RowSplit.STREAM_MIN_ROWS, (RowSplit.STREAM_MIN_ELEMENTS + n - 1) / n);
        int exact = RowSplit.rowsPerBlock(3 * least, n, RowSplit.STREAM_MIN_ELEMENTS, RowSplit.STREAM_MIN_ROWS,
                RowSplit.STREAM_MAX_BLOCKS) * 3;
        return new int[] {exact, exact + 1};
    }

    private static int streamBlocks(int m, int n) {
        return RowSplit.blocks(m, RowSplit.rowsPerBlock(m, n, RowSplit.STREAM_MIN_ELEMENTS, RowSplit.STREAM_MIN_ROWS,
                RowSplit.STREAM_MAX_BLOCKS));
    }

    /** Runs {@code f} on each thread count; asserts the results are bitwise equal; returns the first. */
    private static double[] sameOnEveryCount(String what, Function<Integer, double[]> f) {
        double[] first = null;
        for (int t : THREADS) {
            double[] r = Threads.call(t, () -> f.apply(t));
            if (first == null) {
                first = r;
            } else {
                assertThat(Arrays.equals(first, r)).as("%s: %d threads vs 1 thread", what, t).isTrue();
            }
        }
        return first;
    }

    private static double[] gaussian(int len, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }

    private static double[] weights(int m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            w[i] = r.nextDouble(0, 2);
        }
        return w;
    }

    private static void close(String what, double[] got, double[] want, double scale) {
        for (int i = 0; i < want.length; i++) {
            assertThat(Math.abs(got[i] - want[i])).as("%s at %d: %s vs %s", what, i, got[i], want[i])
                    .isLessThanOrEqualTo(1e-10 * scale);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gemvBothTransposes(Backend b) {
        for (int n : new int[] {1, 7, 103}) {
            List<Integer> ms = new ArrayList<>();
            for (int m : streamRows(n)) {
                ms.add(m);
            }
            if (n == 103) {
                ms.add(100_003); // the block-count cap
                assertThat(streamBlocks(100_003, n)).isEqualTo(RowSplit.STREAM_MAX_BLOCKS);
            }
            for (int m : ms) {
                assertThat(streamBlocks(m, n)).as("blocks of %d×%d", m, n).isGreaterThan(1);
                double[] a = gaussian(m * n + 3, m + n);
                double[] xn = gaussian(n, 5);
                double[] xt = gaussian(m, 6);
                double[] y0 = gaussian(Math.max(m, n) + 1, 7);
                String at = b.name() + " " + m + "×" + n;
                double[] yn = sameOnEveryCount("gemv N " + at, t -> {
                    double[] y = y0.clone();
                    b.gemv(Transpose.NONE, m, n, 1.5, a, 3, n, xn, 0, -0.5, y, 1);
                    return y;
                });
                double[] yt = sameOnEveryCount("gemv T " + at, t -> {
                    double[] y = y0.clone();
                    b.gemv(Transpose.TRANSPOSE, m, n, 1.5, a, 3, n, xt, 0, -0.5, y, 1);
                    return y;
                });
                double[] wantN = y0.clone();
                for (int i = 0; i < m; i++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += a[3 + i * n + j] * xn[j];
                    }
                    wantN[1 + i] = 1.5 * s - 0.5 * y0[1 + i];
                }
                double[] wantT = y0.clone();
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int i = 0; i < m; i++) {
                        s += a[3 + i * n + j] * xt[i];
                    }
                    wantT[1 + j] = 1.5 * s - 0.5 * y0[1 + j];
                }
                close("gemv N " + at, yn, wantN, n);
                close("gemv T " + at, yt, wantT, Math.sqrt(m) * 10);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void fusedGradients(Backend b) {
        for (int n : new int[] {1, 7, 103}) {
            for (int m : streamRows(n)) {
                assertThat(streamBlocks(m, n)).isGreaterThan(1);
                double[] x = gaussian(m * (n + 2), m * 31L + n);
                double[] w = gaussian(n + 1, 8);
                for (int j = 0; j <= n; j++) {
                    w[j] *= 0.3;
                }
                double[] yReal = gaussian(m, 9);
                double[] yLabel = new double[m];
                for (int i = 0; i < m; i++) {
                    yLabel[i] = yReal[i] > 0 ? 1 : 0;
                }
                double[] s = weights(m, 10);
                for (boolean intercept : new boolean[] {false, true}) {
                    for (double[] sw : new double[][] {null, s}) {
                        int p = intercept ? n + 1 : n;
                        int ldx = n + 2;
                        String at = b.name() + " " + m + "×" + n + (intercept ? " +b" : "") + (sw != null ? " w" : "");
                        double[] ls = sameOnEveryCount("least squares " + at, t -> {
                            double[] g = new double[p + 1];
                            g[p] = b.leastSquaresGradient(m, n, x, 1, ldx, w, 0, intercept, yReal, 0, sw, 0, g, 0);
                            return g;
                        });
                        double[] lg = sameOnEveryCount("logistic " + at, t -> {
                            double[] g = new double[p + 1];
                            g[p] = b.logisticGradient(m, n, x, 1, ldx, w, 0, intercept, yLabel, 0, sw, 0, g, 0);
                            return g;
                        });
                        double[] wantLs = new double[p + 1];
                        double[] wantLg = new double[p + 1];
                        for (int i = 0; i < m; i++) {
                            double z = intercept ? w[n] : 0;
                            for (int j = 0; j < n; j++) {
                                z += x[1 + i * ldx + j] * w[j];
                            }
                            double si = sw == null ? 1 : sw[i];
                            double r = z - yReal[i];
                            double q = si * (1 / (1 + Math.exp(-z)) - yLabel[i]);
                            wantLs[p] += 0.5 * si * r * r;
                            wantLg[p] += si * (Math.log1p(Math.exp(z)) - yLabel[i] * z);
                            for (int j = 0; j < n; j++) {
                                wantLs[j] += x[1 + i * ldx + j] * si * r;
                                wantLg[j] += x[1 + i * ldx + j] * q;
                            }
                            if (intercept) {
                                wantLs[n] += si * r;
                                wantLg[n] += q;
                            }
                        }
                        close("least squares " + at, ls, wantLs, m);
                        close("logistic " + at, lg, wantLg, m);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gramWeightedAndNot(Backend b) {
        for (int n : new int[] {7, 103}) {
            long nn = (long) n * n;
            int maxBlocks = (int) Math.min(RowSplit.GRAM_MAX_BLOCKS, RowSplit.GRAM_MAX_SCRATCH / nn);
            int least = (int) Math.max(RowSplit.GRAM_MIN_ROWS, (RowSplit.GRAM_MIN_WORK + nn - 1) / nn);
            int rows = RowSplit.rowsPerBlock(3 * least, nn, RowSplit.GRAM_MIN_WORK, RowSplit.GRAM_MIN_ROWS, maxBlocks);
            int[] ms = n == 7 ? new int[] {3 * rows, 3 * rows + 1} : new int[] {3 * rows + 1, 10_007};
            for (int m : ms) {
                int r = RowSplit.rowsPerBlock(m, nn, RowSplit.GRAM_MIN_WORK, RowSplit.GRAM_MIN_ROWS, maxBlocks);
                assertThat(RowSplit.blocks(m, r)).as("gram blocks of %d×%d", m, n).isGreaterThan(1);
                int lda = n + 1;
                double[] a = gaussian(m * lda, m + 3L * n);
                double[] s = weights(m + 2, 11);
                for (double[] w : new double[][] {null, s}) {
                    String at = b.name() + " " + m + "×" + n + (w != null ? " weighted" : "");
                    int ldc = n + 3;
                    double[] c = sameOnEveryCount("gram " + at, t -> {
                        double[] out = new double[n * ldc + 2];
                        Arrays.fill(out, Double.NaN);
                        b.gram(m, n, a, 0, lda, w, 2, out, 2, ldc);
                        return out;
                    });
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double sum = 0;
                            for (int k = 0; k < m; k++) {
                                sum += a[k * lda + i] * (w == null ? 1 : w[2 + k]) * a[k * lda + j];
                            }
                            double got = c[2 + i * ldc + j];
                            assertThat(Math.abs(got - sum)).as("gram %s (%d, %d)", at, i, j)
                                    .isLessThanOrEqualTo(1e-10 * m);
                            assertThat(got).isEqualTo(c[2 + j * ldc + i]);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gemmOverRowsOfC(Backend b) {
        int[][] shapes = {{8731, 7, 103}, {1001, 103, 103}, {2 * 2048 + 1, 1, 1031}};
        for (int[] sh : shapes) {
            int m = sh[0];
            int n = sh[1];
            int k = sh[2];
            int rows = RowSplit.rowsPerBlock(m, (long) n * k, RowSplit.GEMM_MIN_WORK, RowSplit.GEMM_MIN_ROWS,
                    RowSplit.GEMM_MAX_BLOCKS);
            assertThat(RowSplit.blocks(m, rows)).as("gemm blocks of %s", Arrays.toString(sh)).isGreaterThan(1);
            double[] a = gaussian(m * k, m + k);
            double[] bb = gaussian(k * n, n + k);
            double[] c0 = gaussian(m * n, 12);
            for (Transpose ta : Transpose.values()) {
                for (Transpose tb : Transpose.values()) {
                    int lda = ta == Transpose.NONE ? k : m;
                    int ldb = tb == Transpose.NONE ? n : k;
                    String at = b.name() + " " + Arrays.toString(sh) + " " + ta + "/" + tb;
                    double[] c = sameOnEveryCount("gemm " + at, t -> {
                        double[] out = c0.clone();
                        b.gemm(ta, tb, m, n, k, 0.75, a, 0, lda, bb, 0, ldb, 0.5, out, 0, n);
                        return out;
                    });
                    for (int i = 0; i < m; i += 97) { // a sample of rows, in every block
                        for (int j = 0; j < n; j++) {
                            double sum = 0;
                            for (int p = 0; p < k; p++) {
                                double aip = ta == Transpose.NONE ? a[i * lda + p] : a[p * lda + i];
                                double bpj = tb == Transpose.NONE ? bb[p * ldb + j] : bb[j * ldb + p];
                                sum += aip * bpj;
                            }
                            double want = 0.75 * sum + 0.5 * c0[i * n + j];
                            assertThat(Math.abs(c[i * n + j] - want)).as("gemm %s (%d, %d)", at, i, j)
                                    .isLessThanOrEqualTo(1e-10 * k);
                        }
                    }
                }
            }
        }
    }

    @Test
    void oneBlockCallsNeverReadTheCount() {
        // Width 1, 7 and 103 at small m are one block: the single-thread kernel runs as before, on any count.
        Backend v = Backends.named("scalar");
        double[] a = gaussian(103 * 103, 1);
        double[] c1 = new double[103 * 103];
        double[] c3 = new double[103 * 103];
        Threads.run(1, () -> v.gram(103, 103, a, 0, 103, null, 0, c1, 0, 103));
        Threads.run(3, () -> v.gram(103, 103, a, 0, 103, null, 0, c3, 0, 103));
        assertThat(Arrays.equals(c1, c3)).isTrue();
        assertThat(RowSplit.rowsPerBlock(103, 103 * 103, RowSplit.GRAM_MIN_WORK, RowSplit.GRAM_MIN_ROWS, 24))
                .isGreaterThanOrEqualTo(103);
    }

    @Test
    void helpersArePooledDaemonThreads() {
        double[] a = gaussian(100_003 * 7, 2);
        double[] y = new double[7];
        Threads.run(2, () -> Backends.named("scalar").gemv(Transpose.TRANSPOSE, 100_003, 7, 1, a, 0, 7,
                gaussian(100_003, 3), 0, 0, y, 0));
        List<Thread> helpers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("linea-kernels-")).toList();
        assertThat(helpers).isNotEmpty().allMatch(Thread::isDaemon);
    }

    @Test
    void countsOutsideTheRangeAreRefusedWithTheValue() {
        assertThatThrownBy(() -> Threads.setDefault(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads = 0, expected a whole number from 1 to 256");
        assertThatThrownBy(() -> Threads.run(257, () -> { })).hasMessageContaining("threads = 257");
        String old = System.getProperty(Threads.PROPERTY);
        try {
            System.setProperty(Threads.PROPERTY, "two");
            assertThatThrownBy(Threads::defaultCount).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("linea.threads = 'two', expected a whole number from 1 to 256");
            System.setProperty(Threads.PROPERTY, "3");
            assertThat(Threads.defaultCount()).isEqualTo(3);
            assertThat(Threads.source()).isEqualTo("-Dlinea.threads");
            assertThat(Threads.call(1, Threads::count)).isEqualTo(1);
        } finally {
            if (old == null) {
                System.clearProperty(Threads.PROPERTY);
            } else {
                System.setProperty(Threads.PROPERTY, old);
            }
        }
    }
}
