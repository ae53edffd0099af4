package dev.linea.kernels.vector;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Logistic;
import dev.linea.kernels.ScalarBackend;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The fused least-squares and logistic gradients against the scalar reference: every pair of odd sizes, offsets,
 * padded rows, intercept on and off, weights absent and present. Tolerances are relative to the sum of absolute
 * terms, which is what a change of summation order can move.
 */
class MemFusedGradientsTest {
    private static final Backend VEC = VectorBackend.INSTANCE;
    private static final Backend REF = ScalarBackend.INSTANCE;
    private static final double TOL = 1e-13;

    @Test
    void leastSquaresMatchesScalar() {
        sweep(false, 21, 1.0);
    }

    @Test
    void logisticMatchesScalar() {
        sweep(true, 22, 1.0);
    }

    @Test
    void logisticMatchesScalarAtHugeMarginsWithoutOverflow() {
        // |z| up to several hundred: e^z overflows for z > 709, the loss must stay finite and σ exact 0 or 1
        sweep(true, 23, 300.0);
    }

    @Test
    void rowByRowPathMatchesScalarForEveryRow() {
        // the path taken on machines whose vectors are not 8 lanes wide, and for the rows after the last block
        SplittableRandom rnd = new SplittableRandom(24);
        for (boolean logistic : new boolean[] {false, true}) {
            for (int n : new int[] {0, 1, 9, 17, 103}) {
                int m = 37;
                Case c = new Case(rnd, logistic, m, n, n + 2, true, true, 1.0);
                double[] g = new double[n + 1];
                double[] totals = new double[2];
                FusedGradients.rowByRow(logistic, 0, m, n, c.x, c.xOff, c.ldx, c.w, c.wOff, c.w[c.wOff + n],
                        c.y, c.yOff, c.s, c.sOff, g, 0, totals);
                double loss = logistic ? totals[0] : 0.5 * totals[0];
                g[n] = totals[1];
                c.check(Arrays.copyOf(g, n + 1), 0, loss, "rowByRow");
            }
        }
    }

    @Test
    void arraysEndingExactlyWhereTheDataEnds() {
        // x, w, y, g sized exactly: partial chunks near an array's end must not read or write past it
        SplittableRandom rnd = new SplittableRandom(26);
        for (boolean logistic : new boolean[] {false, true}) {
            for (int m : new int[] {1, 8, 9, 16, 17, 40}) {
                for (int n : new int[] {1, 3, 8, 9, 10, 16, 17, 103}) {
                    double[] x = new double[m * n];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = rnd.nextDouble(-1, 1);
                    }
                    double[] w = new double[n + 1];
                    for (int j = 0; j <= n; j++) {
                        w[j] = rnd.nextDouble(-1, 1);
                    }
                    double[] y = new double[m];
                    for (int i = 0; i < m; i++) {
                        y[i] = logistic ? (rnd.nextBoolean() ? 1 : 0) : rnd.nextDouble(-1, 1);
                    }
                    double[] expected = new double[n + 1];
                    double[] actual = new double[n + 1];
                    double le = logistic
                            ? REF.logisticGradient(m, n, x, 0, n, w, 0, true, y, 0, null, 0, expected, 0)
                            : REF.leastSquaresGradient(m, n, x, 0, n, w, 0, true, y, 0, null, 0, expected, 0);
                    double la = logistic
                            ? VEC.logisticGradient(m, n, x, 0, n, w, 0, true, y, 0, null, 0, actual, 0)
                            : VEC.leastSquaresGradient(m, n, x, 0, n, w, 0, true, y, 0, null, 0, actual, 0);
                    double scale = (1 + m) * (1 + n);
                    assertThat(la).as("loss logistic=%s m=%d n=%d", logistic, m, n)
                            .isCloseTo(le, within(1e-13 * scale));
                    for (int j = 0; j <= n; j++) {
                        assertThat(actual[j]).as("g[%d] logistic=%s m=%d n=%d", j, logistic, m, n)
                                .isCloseTo(expected[j], within(1e-13 * scale));
                    }
                }
            }
        }
    }

    @Test
    void isBitIdenticalOnEveryCallThroughWarmUp() {
        SplittableRandom rnd = new SplittableRandom(25);
        for (boolean logistic : new boolean[] {false, true}) {
            for (int n : new int[] {5, 10, 19}) {
                Case c = new Case(rnd, logistic, 27, n, n + 1, true, true, 2.0);
                double[] first = new double[n + 1];
                double firstLoss = c.run(VEC, first, 0);
                for (int call = 0; call < 5_000; call++) {
                    double[] g = new double[n + 1];
                    double loss = c.run(VEC, g, 0);
                    if (Double.doubleToRawLongBits(loss) != Double.doubleToRawLongBits(firstLoss)
                            || !Arrays.equals(g, first)) {
                        assertThat(g).as("logistic=%s n=%d call %d", logistic, n, call).isEqualTo(first);
                        assertThat(loss).isEqualTo(firstLoss);
                    }
                }
            }
        }
    }

    private static void sweep(boolean logistic, long seed, double scale) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int m : MemTestData.SIZES) {
            for (int n : MemTestData.SIZES) {
                for (int variant = 0; variant < 4; variant++) {
                    boolean intercept = (variant & 1) != 0;
                    boolean weighted = (variant & 2) != 0;
                    int ldx = Math.max(1, n + (variant == 3 ? 3 : variant));
                    Case c = new Case(rnd, logistic, m, n, ldx, intercept, weighted, scale);
                    int p = intercept ? n + 1 : n;
                    double[] g = MemTestData.vector(rnd, 2, p);
                    Arrays.fill(g, 2, 2 + p, Double.NaN); // g is written, never read
                    double loss = c.run(VEC, g, 2);
                    MemLevel1Test.assertNaNOutside(g, 2, p);
                    c.check(g, 2, loss, "m=" + m + " n=" + n + " variant=" + variant);
                }
            }
        }
    }

    /** One problem, with the reference answer and its error bounds. */
    private static final class Case {
        final boolean logistic;
        final int m;
        final int n;
        final int ldx;
        final int xOff;
        final int wOff = 1;
        final int yOff = 2;
        final int sOff = 3;
        final boolean intercept;
        final double[] x;
        final double[] w;
        final double[] y;
        final double[] s;

        Case(SplittableRandom rnd, boolean logistic, int m, int n, int ldx, boolean intercept, boolean weighted,
             double scale) {
            this.logistic = logistic;
            this.m = m;
            this.n = n;
            this.ldx = ldx;
            this.xOff = (m + n) % 5;
            this.intercept = intercept;
            this.x = MemTestData.matrix(rnd, xOff, ldx, m, n);
            this.w = MemTestData.vector(rnd, wOff, n + 1);
            for (int j = 0; j <= n; j++) {
                w[wOff + j] *= scale;
            }
            if (!intercept) {
                w[wOff + n] = Double.NaN; // must not be read
            }
            this.y = logistic ? MemTestData.labels(rnd, yOff, m) : MemTestData.vector(rnd, yOff, m);
            this.s = weighted ? MemTestData.weights(rnd, sOff, m) : null;
        }

        double run(Backend be, double[] g, int gOff) {
            return logistic
                    ? be.logisticGradient(m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff, g, gOff)
                    : be.leastSquaresGradient(m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
        }

        void check(double[] g, int gOff, double loss, String what) {
            int p = intercept ? n + 1 : n;
            double[] expected = new double[p];
            double expectedLoss = run(REF, expected, 0);
            double[] gBound = new double[p];
            double lossBound = 0;
            double b = intercept ? w[wOff + n] : 0;
            for (int i = 0; i < m; i++) {
                // |z| summed term by term: how far a reordered sum may move z, and through it c_i and the loss
                double zAbs = Math.abs(b);
                double z = b;
                for (int j = 0; j < n; j++) {
                    zAbs += Math.abs(x[xOff + i * ldx + j] * w[wOff + j]);
                    z += x[xOff + i * ldx + j] * w[wOff + j];
                }
                double si = s == null ? 1 : s[sOff + i];
                double yi = y[yOff + i];
                double cAbs = logistic ? si * (1 + zAbs) : si * (Math.abs(z - yi) + zAbs + Math.abs(yi));
                double lossTerm = logistic ? Logistic.log1pExp(z) + Math.abs(yi * z) : 0.5 * (z - yi) * (z - yi);
                lossBound += si * (lossTerm + (1 + Math.abs(z - yi)) * (zAbs + Math.abs(yi)));
                for (int j = 0; j < n; j++) {
                    gBound[j] += cAbs * Math.abs(x[xOff + i * ldx + j]);
                }
                if (intercept) {
                    gBound[n] += cAbs;
                }
            }
            assertThat(loss).as("loss %s", what).isCloseTo(expectedLoss, within(TOL * lossBound + 1e-300));
            for (int j = 0; j < p; j++) {
                assertThat(g[gOff + j]).as("g[%d] %s", j, what)
                        .isCloseTo(expected[j], within(TOL * gBound[j] + 1e-300));
            }
        }
    }
}
