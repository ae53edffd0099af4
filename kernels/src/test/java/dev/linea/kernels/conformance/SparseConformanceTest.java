package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Logistic;
import dev.linea.kernels.sparse.CsrMatrix;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static dev.linea.kernels.conformance.Tolerance.EPS;
import static dev.linea.kernels.conformance.Tolerance.GAMMA;
import static dev.linea.kernels.conformance.Tolerance.TRANSCENDENTAL;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sparse CSR kernels against a <em>dense</em> truth the test computes itself from the explicitly mapped matrix
 * {@code z_ij = (x_ij − c_j)·d_j} (so the implicit-centring identity is tested too, not only backend against
 * backend): every m, n in {0, 1, 7, 103}, random patterns at densities 5 %, 30 % and 100 % with an empty first
 * column and an empty second row, no map / centre only / centre and scale, intercept on and off, weights absent and
 * present (with exact zeros), offsets on every vector, outputs pre-filled with NaN (they are overwritten, never
 * read). Tolerances are {@link Tolerance#sum} bounds on the magnitudes of the terms each identity adds.
 */
class SparseConformanceTest {
    private static final int[] SIZES = {0, 1, 7, 103};
    private static final double[] DENSITIES = {0.05, 0.3, 1.0};
    private static final int OFF = 3;

    @ForEachBackend
    void sparseTimesAndTransposeTimes(Backend b) {
        Failures f = new Failures();
        forEachCase((m, n, density, map) -> {
            Case c = new Case(m, n, density, map);
            String ctx = Ctx.of(b, "sparseTimes", "m", m, "n", n, "density", density, "map", map);
            double[] v = c.random(n, -1, 1, 1);
            double bias = 0.75;
            double[] out = nan(OFF + m);
            b.sparseTimes(c.x, c.centre, c.scale, pad(v), OFF, bias, out, OFF);
            for (int i = 0; i < m; i++) {
                double t = bias;
                double mag = Math.abs(bias);
                for (int j = 0; j < n; j++) {
                    t += c.z(i, j) * v[j];
                    mag += (Math.abs(c.xd(i, j)) + Math.abs(c.c(j))) * Math.abs(c.d(j) * v[j]) + Math.abs(c.z(i, j) * v[j]);
                }
                expect(f, ctx + " out[" + i + "]", out[OFF + i], t, Tolerance.sum(2 * n + 2, mag));
            }
            double[] u = c.random(m, -1, 1, 2);
            double[] o2 = nan(OFF + n);
            b.sparseTransposeTimes(c.x, c.centre, c.scale, pad(u), OFF, o2, OFF);
            String ctx2 = Ctx.of(b, "sparseTransposeTimes", "m", m, "n", n, "density", density, "map", map);
            for (int j = 0; j < n; j++) {
                double t = 0;
                double mag = 0;
                for (int i = 0; i < m; i++) {
                    t += c.z(i, j) * u[i];
                    mag += (Math.abs(c.xd(i, j)) + Math.abs(c.c(j))) * Math.abs(c.d(j) * u[i]);
                }
                expect(f, ctx2 + " out[" + j + "]", o2[OFF + j], t, Tolerance.sum(2 * m + 2, mag));
            }
        });
        f.assertNone();
    }

    @ForEachBackend
    void sparseLeastSquaresGradient(Backend b) {
        fused(b, false);
    }

    @ForEachBackend
    void sparseLogisticGradient(Backend b) {
        fused(b, true);
    }

    private static void fused(Backend b, boolean logistic) {
        Failures f = new Failures();
        forEachCase((m, n, density, map) -> {
            for (boolean intercept : new boolean[] {false, true}) {
                for (boolean weighted : new boolean[] {false, true}) {
                    Case c = new Case(m, n, density, map);
                    int p = intercept ? n + 1 : n;
                    double[] w = c.random(p, -1, 1, 3);
                    double[] y = logistic ? c.labels(m) : c.random(m, -2, 2, 4);
                    double[] s = weighted ? c.weights(m) : null;
                    double[] g = nan(OFF + p);
                    String k = logistic ? "sparseLogisticGradient" : "sparseLeastSquaresGradient";
                    double loss = logistic
                            ? b.sparseLogisticGradient(c.x, c.centre, c.scale, pad(w), OFF, intercept, pad(y), OFF,
                            s == null ? null : pad(s), OFF, g, OFF)
                            : b.sparseLeastSquaresGradient(c.x, c.centre, c.scale, pad(w), OFF, intercept, pad(y),
                            OFF, s == null ? null : pad(s), OFF, g, OFF);
                    String ctx = Ctx.of(b, k, "m", m, "n", n, "density", density, "map", map, "intercept",
                            intercept, "weighted", weighted);
                    double[] r = new double[m];
                    double[] dr = new double[m];
                    double lossT = 0;
                    double lossTol = 0;
                    double[] gT = new double[p];
                    double[] gMag = new double[p];
                    double[] gDelta = new double[p];
                    for (int i = 0; i < m; i++) {
                        double z = intercept ? w[n] : 0;
                        double mag = Math.abs(z);
                        for (int j = 0; j < n; j++) {
                            z += c.z(i, j) * w[j];
                            mag += (Math.abs(c.xd(i, j)) + Math.abs(c.c(j))) * Math.abs(c.d(j) * w[j])
                                    + Math.abs(c.z(i, j) * w[j]);
                        }
                        double dz = Tolerance.sum(2 * n + 2, mag);
                        double si = s == null ? 1 : s[i];
                        double li;
                        if (logistic) {
                            r[i] = Logistic.sigmoid(z) - y[i];
                            li = Logistic.log1pExp(z) - y[i] * z;
                            dr[i] = 0.25 * dz + TRANSCENDENTAL * EPS;
                            lossTol += si * (dz * (1 + Math.abs(y[i])) + TRANSCENDENTAL * EPS * (1 + Math.abs(li)));
                        } else {
                            r[i] = z - y[i];
                            li = 0.5 * r[i] * r[i];
                            dr[i] = dz;
                            lossTol += si * Math.abs(r[i]) * dz;
                        }
                        lossT += si * li;
                        lossTol += Tolerance.sum(m, si * Math.abs(li));
                        for (int j = 0; j < p; j++) {
                            double zij = j == n ? 1 : c.z(i, j);
                            double aij = j == n ? 1 : (Math.abs(c.xd(i, j)) + Math.abs(c.c(j))) * Math.abs(c.d(j));
                            gT[j] += zij * si * r[i];
                            gMag[j] += aij * si * Math.abs(r[i]);
                            gDelta[j] += aij * si * dr[i];
                        }
                    }
                    expect(f, ctx + " loss", loss, lossT, lossTol);
                    for (int j = 0; j < p; j++) {
                        expect(f, ctx + " g[" + j + "]", g[OFF + j], gT[j],
                                GAMMA * gDelta[j] + Tolerance.sum(2 * m + 2, gMag[j]));
                    }
                }
            }
        });
        f.assertNone();
    }

    @ForEachBackend
    void sparseGram(Backend b) {
        Failures f = new Failures();
        forEachCase((m, n, density, map) -> {
            for (boolean weighted : new boolean[] {false, true}) {
                Case c = new Case(m, n, density, map);
                double[] s = weighted ? c.weights(m) : null;
                int ldc = n + 2;
                double[] out = nan(OFF + n * ldc + 1);
                b.sparseGram(c.x, c.centre, c.scale, s == null ? null : pad(s), OFF, out, OFF, ldc);
                String ctx = Ctx.of(b, "sparseGram", "m", m, "n", n, "density", density, "map", map, "weighted",
                        weighted);
                for (int j = 0; j < n; j++) {
                    for (int l = 0; l < n; l++) {
                        double t = 0;
                        double mag = 0;
                        for (int i = 0; i < m; i++) {
                            double si = s == null ? 1 : s[i];
                            t += si * c.z(i, j) * c.z(i, l);
                            mag += si * (Math.abs(c.xd(i, j)) + Math.abs(c.c(j)))
                                    * (Math.abs(c.xd(i, l)) + Math.abs(c.c(l))) * Math.abs(c.d(j) * c.d(l));
                        }
                        expect(f, ctx + " c[" + j + "," + l + "]", out[OFF + j * ldc + l], t,
                                Tolerance.sum(2 * m + 6, mag));
                    }
                }
            }
        });
        f.assertNone();
    }

    @Test
    void misuseIsRejectedNamingTheParameter() {
        Backend b = BackendsUnderTest.list().get(0);
        CsrMatrix x = new CsrMatrix(2, 3, new int[] {0, 1, 2}, new int[] {0, 2}, new double[] {1, 2});
        assertThatThrownBy(() -> b.sparseTimes(null, null, null, new double[3], 0, 0, new double[2], 0))
                .hasMessageContaining("sparseTimes: x is null");
        assertThatThrownBy(() -> b.sparseTimes(x, null, null, new double[2], 0, 0, new double[2], 0))
                .hasMessageContaining("sparseTimes: v has length 2, expected at least 3");
        assertThatThrownBy(() -> b.sparseTransposeTimes(x, new double[2], null, new double[2], 0, new double[3], 0))
                .hasMessageContaining("centre has length 2, expected at least 3");
        assertThatThrownBy(() -> b.sparseLogisticGradient(x, null, null, new double[3], 0, true, new double[2], 0,
                null, 0, new double[4], 0)).hasMessageContaining("w has length 3, expected at least 4");
        assertThatThrownBy(() -> b.sparseGram(x, null, null, new double[] {1, -1}, 0, new double[9], 0, 3))
                .hasMessageContaining("sparseGram: w[1] = -1.0");
        assertThatThrownBy(() -> b.sparseGram(x, null, null, null, 0, new double[8], 0, 3))
                .hasMessageContaining("sparseGram: c has length 8");
    }

    // ------------------------------------------------------------------ cases

    private interface CaseBody {
        void run(int m, int n, double density, String map);
    }

    private static void forEachCase(CaseBody body) {
        for (int m : SIZES) {
            for (int n : SIZES) {
                for (double density : DENSITIES) {
                    for (String map : new String[] {"none", "centre", "centre+scale"}) {
                        body.run(m, n, density, map);
                    }
                }
            }
        }
    }

    /** A random CSR matrix and map, with data seeded by the case. */
    private static final class Case {
        final int m;
        final int n;
        final double[] dense;
        final CsrMatrix x;
        final double[] centre;
        final double[] scale;
        final Random r;

        Case(int m, int n, double density, String map) {
            this.m = m;
            this.n = n;
            this.r = Ctx.random(m, n, density, map);
            dense = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    // An empty first column and an empty second row (when there are more than one).
                    boolean empty = (j == 0 && n > 1) || (i == 1 && m > 2);
                    if (!empty && r.nextDouble() < density) {
                        dense[i * n + j] = r.nextGaussian() * 3 + 1;
                    }
                }
            }
            x = CsrMatrix.fromDense(m, n, dense);
            centre = map.equals("none") ? null : random(n, -1, 2, 7);
            scale = map.equals("centre+scale") ? random(n, 0.25, 4, 8) : null;
        }

        double xd(int i, int j) {
            return dense[i * n + j];
        }

        double c(int j) {
            return centre == null ? 0 : centre[j];
        }

        double d(int j) {
            return scale == null ? 1 : scale[j];
        }

        double z(int i, int j) {
            return (xd(i, j) - c(j)) * d(j);
        }

        double[] random(int k, double lo, double hi, int salt) {
            Random q = new Random(r.nextLong() + salt);
            double[] v = new double[k];
            for (int i = 0; i < k; i++) {
                v[i] = lo + (hi - lo) * q.nextDouble();
            }
            return v;
        }

        double[] labels(int k) {
            double[] v = new double[k];
            for (int i = 0; i < k; i++) {
                v[i] = r.nextBoolean() ? 1 : 0;
            }
            return v;
        }

        /** Weights in [0, 2) with every fifth exactly zero. */
        double[] weights(int k) {
            double[] v = random(k, 0, 2, 9);
            for (int i = 0; i < k; i += 5) {
                v[i] = 0;
            }
            return v;
        }
    }

    private static double[] pad(double[] v) {
        double[] p = new double[OFF + v.length + 2];
        Arrays.fill(p, Double.NaN);
        System.arraycopy(v, 0, p, OFF, v.length);
        return p;
    }

    private static double[] nan(int k) {
        double[] v = new double[k + 2];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    private static void expect(Failures f, String what, double got, double want, double tol) {
        if (!(Math.abs(got - want) <= tol)) {
            f.add(what + ": got " + got + ", expected " + want + " ± " + tol);
        }
    }
}
