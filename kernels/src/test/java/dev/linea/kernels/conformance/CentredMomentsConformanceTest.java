package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.CentredMoments;
import dev.linea.kernels.ScalarBackend;
import dev.linea.kernels.Threads;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link CentredMoments} (one pass: each sub-block centred on its own means, blocks merged by Chan–Golub–LeVeque)
 * against the two-pass reference: weighted means in double-double, the matrix [X, y] explicitly centred on them, and
 * the scalar backend's Gram of that. m and n at 1, 7 and 103 (one sub-block), and shapes of several sub-blocks and
 * several row blocks; weights absent and present (some zero); every column's mean far from zero (up to 1e3, y's up
 * to 1e4) with spread ≈ 1, so a one-pass formula that squared first and subtracted after would lose the digits this
 * checks. The results must also be the same bits on 1, 2 and 3 threads.
 */
class CentredMomentsConformanceTest {
    private static final ScalarBackend REF = ScalarBackend.INSTANCE;
    /** {m, n}: one sub-block at the odd sizes; then several sub-blocks (of 2^15 / (n + 1) rows) and row blocks. */
    private static final int[][] SHAPES = {{1, 1}, {1, 7}, {1, 103}, {7, 1}, {7, 7}, {7, 103}, {103, 1}, {103, 7},
        {103, 103}, {1300, 103}, {3001, 103}, {40_003, 7}, {9, 0}};

    @ForEachBackend
    void matchesTheTwoPassReference(Backend b) {
        Failures f = new Failures();
        for (int[] s : SHAPES) {
            for (boolean weighted : new boolean[]{false, true}) {
                check(b, s[0], s[1], weighted, f);
            }
        }
        f.assertNone();
    }

    @ForEachBackend
    void sameBitsOnOneTwoAndThreeThreads(Backend b) {
        int m = 150_001;
        int n = 7;
        Random rnd = Ctx.random("centredMoments-threads");
        double[] x = data(rnd, m, n);
        double[] y = data(rnd, m, 1);
        double[] w = weights(rnd, m);
        CentredMoments one = Threads.call(1, () -> CentredMoments.of(b, m, n, x, 0, n, y, 0, w, 0));
        for (int t : new int[]{2, 3}) {
            CentredMoments other = Threads.call(t, () -> CentredMoments.of(b, m, n, x, 0, n, y, 0, w, 0));
            assertThat(other.xx()).as("xx, %d threads", t).isEqualTo(one.xx());
            assertThat(other.xy()).as("xy, %d threads", t).isEqualTo(one.xy());
            assertThat(other.mean()).as("mean, %d threads", t).isEqualTo(one.mean());
            assertThat(Double.doubleToLongBits(other.yy())).isEqualTo(Double.doubleToLongBits(one.yy()));
            assertThat(Double.doubleToLongBits(other.targetMean()))
                    .isEqualTo(Double.doubleToLongBits(one.targetMean()));
            assertThat(Double.doubleToLongBits(other.weightSum()))
                    .isEqualTo(Double.doubleToLongBits(one.weightSum()));
        }
    }

    @ForEachBackend
    void refusesBadArgumentsNamingThem(Backend b) {
        double[] x = new double[6];
        double[] y = new double[3];
        assertThatThrownBy(() -> CentredMoments.of(b, -1, 2, x, 0, 2, y, 0, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("centredMoments")
                .hasMessageContaining("m");
        assertThatThrownBy(() -> CentredMoments.of(b, 4, 2, x, 0, 2, y, 0, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("centredMoments");
        assertThatThrownBy(() -> CentredMoments.of(b, 3, 2, x, 0, 2, y, 0, new double[]{1, -1, 1}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("centredMoments")
                .hasMessageContaining("w");
        assertThatThrownBy(() -> CentredMoments.of(null, 3, 2, x, 0, 2, y, 0, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backend");
    }

    @ForEachBackend
    void allZeroWeightsGiveUndefinedMeansAndZeroMoments(Backend b) {
        double[] x = {1, 2, 3, 4};
        double[] y = {5, 6};
        CentredMoments c = CentredMoments.of(b, 2, 2, x, 0, 2, y, 0, new double[]{0, 0}, 0);
        assertThat(c.weightSum()).isZero();
        assertThat(c.mean()).containsOnly(Double.NaN);
        assertThat(c.xx()).containsOnly(0.0);
    }

    private static double[] data(Random rnd, int m, int n) {
        double[] x = new double[m * n];
        for (int j = 0; j < n; j++) {
            double mean = (rnd.nextInt(3) - 1) * 1000 * rnd.nextDouble() * (n == 1 ? 10 : 1);
            for (int i = 0; i < m; i++) {
                x[i * n + j] = mean + (2 * rnd.nextDouble() - 1);
            }
        }
        return x;
    }

    /** Weights in [0, 2), about one in ten exactly zero. */
    private static double[] weights(Random rnd, int m) {
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            w[i] = rnd.nextInt(10) == 0 ? 0 : 2 * rnd.nextDouble();
        }
        if (m > 0 && Arrays.stream(w).allMatch(v -> v == 0)) {
            w[0] = 1;
        }
        return w;
    }

    private static void check(Backend b, int m, int n, boolean weighted, Failures f) {
        Random rnd = Ctx.random("centredMoments", m, n, weighted);
        int pad = 2;
        int ldx = n + pad;
        int xOff = 3;
        double[] dense = data(rnd, m, n);
        double[] x = new double[xOff + m * ldx];
        Arrays.fill(x, Double.NaN); // padding must not be read
        for (int i = 0; i < m; i++) {
            System.arraycopy(dense, i * n, x, xOff + i * ldx, n);
        }
        double[] y = new double[1 + m];
        System.arraycopy(data(rnd, m, 1), 0, y, 1, m);
        double[] w = weighted ? new double[2 + m] : null;
        if (weighted) {
            System.arraycopy(weights(rnd, m), 0, w, 2, m);
        }
        double[] x0 = x.clone();
        double[] y0 = y.clone();
        double[] w0 = weighted ? w.clone() : null;
        String ctx = Ctx.of(b, "centredMoments", "m", m, "n", n, "weights", weighted);
        CentredMoments got = CentredMoments.of(b, m, n, x, xOff, ldx, y, 1, w, 2);

        // Reference: double-double weighted means, then [X, y] centred explicitly, then the scalar Gram.
        int c = n + 1;
        double sw = 0;
        for (int i = 0; i < m; i++) {
            sw += weighted ? w[2 + i] : 1;
        }
        double[] mean = new double[c];
        for (int j = 0; j < c; j++) {
            double hi = 0;
            double lo = 0;
            for (int i = 0; i < m; i++) {
                double v = (weighted ? w[2 + i] : 1) * (j < n ? x[xOff + i * ldx + j] : y[1 + i]);
                double s = hi + v;
                double bb = s - hi;
                lo += (hi - (s - bb)) + (v - bb);
                hi = s;
            }
            mean[j] = (hi + lo) / sw;
        }
        double[] z = new double[m * c];
        double[] zAbs = new double[m * c];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < c; j++) {
                z[i * c + j] = (j < n ? x[xOff + i * ldx + j] : y[1 + i]) - mean[j];
                zAbs[i * c + j] = Math.abs(z[i * c + j]);
            }
        }
        double[] ref = new double[c * c];
        double[] mag = new double[c * c];
        REF.gram(m, c, z, 0, c, weighted ? w : null, 2, ref, 0, c);
        REF.gram(m, c, zAbs, 0, c, weighted ? w : null, 2, mag, 0, c);

        Worst worst = new Worst("moments");
        double[] xx = got.xx();
        double[] xy = got.xy();
        int terms = m + 64;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                worst.check(i, j, xx[i * n + j], ref[i * c + j], Tolerance.sum(terms, mag[i * c + j]));
                if (j < i && Double.compare(xx[i * n + j], xx[j * n + i]) != 0) {
                    f.add(ctx + ": xx not exactly symmetric at (" + i + ", " + j + ")");
                }
            }
            worst.check(i, n, xy[i], ref[n * c + i], Tolerance.sum(terms, mag[n * c + i]));
        }
        worst.check(n, n, got.yy(), ref[n * c + n], Tolerance.sum(terms, mag[n * c + n]));
        double[] gotMean = got.mean();
        for (int j = 0; j < c; j++) {
            double mj = j < n ? gotMean[j] : got.targetMean();
            worst.check(-1 - j, mj, mean[j], Tolerance.sum(terms, Math.abs(mean[j]) + 1));
        }
        worst.check(-100, got.weightSum(), sw, Tolerance.sum(terms, sw));
        worst.report(f, ctx);
        if (got.rows() != m || got.cols() != n) {
            f.add(ctx + ": rows/cols " + got.rows() + "/" + got.cols() + ", expected " + m + "/" + n);
        }
        if (!Arrays.equals(x, x0) && !Arrays.equals(Arrays.stream(x).map(v -> Double.isNaN(v) ? 0 : v).toArray(),
                Arrays.stream(x0).map(v -> Double.isNaN(v) ? 0 : v).toArray())) {
            f.add(ctx + ": x was modified");
        }
        if (!Arrays.equals(y, y0) || (weighted && !Arrays.equals(w, w0))) {
            f.add(ctx + ": y or w was modified");
        }
    }
}
