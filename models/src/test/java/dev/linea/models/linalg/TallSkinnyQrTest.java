package dev.linea.models.linalg;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tall-skinny QR over several row blocks (the NIST sets fit in one): on every backend, R equals the plain
 * Householder R of the scalar backend up to the signs of its rows, Qᵀ maps A's columns onto R's (and nothing else),
 * Q undoes Qᵀ, and the refined least-squares solution recovers coefficients that generated the data.
 */
class TallSkinnyQrTest {

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Backend b : Backends.available()) {
            for (int n : new int[] {1, 9, 37}) {
                // Three full blocks and a short one, so the fold, the block edges and a partial last block all run.
                list.add(Arguments.of(b.name(), 3 * b.stackedQrBlockRows(n) + 17, n));
            }
            // Several chunks merged in the tree: five (a level with an odd one out), and two.
            list.add(Arguments.of(b.name(), 640_000, 9));
            list.add(Arguments.of(b.name(), 70_000, 33));
        }
        return list.stream();
    }

    private static double[] matrix(int m, int n, long seed) {
        Random rnd = new Random(seed);
        double[] a = new double[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextGaussian() + (i % n == 0 ? 3 : 0);
        }
        return a;
    }

    @ParameterizedTest(name = "{0}: {1}×{2}")
    @MethodSource("cases")
    void rIsHouseholdersR(String backend, int m, int n) {
        double[] a = matrix(m, n, 7);
        TallSkinnyQr qr = new TallSkinnyQr(Backends.named(backend), m, n, a.clone());
        double[] ref = a.clone();
        Backends.named("scalar").qr(m, n, ref, 0, n, new double[n], 0);
        double[] r = qr.r();
        for (int i = 0; i < n; i++) {
            double sign = Math.signum(r[i * n + i]) * Math.signum(ref[i * n + i]);
            for (int j = 0; j < n; j++) {
                double expected = j < i ? 0 : sign * ref[i * n + j];
                assertThat(r[i * n + j]).as("R(%d, %d)", i, j)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-11 * Math.sqrt(m)));
            }
        }
    }

    @ParameterizedTest(name = "{0}: {1}×{2}")
    @MethodSource("cases")
    void qTransposeMapsColumnsOntoR(String backend, int m, int n) {
        double[] a = matrix(m, n, 11);
        TallSkinnyQr qr = new TallSkinnyQr(Backends.named(backend), m, n, a.clone());
        double[] r = qr.r();
        double tol = 1e-11 * Math.sqrt(m);
        for (int c = 0; c < n; c++) {
            double[] f = new double[m];
            for (int i = 0; i < m; i++) {
                f[i] = a[i * n + c];
            }
            double[] original = f.clone();
            double[] top = new double[n];
            double[] extra = new double[qr.extraLength()];
            qr.multiplyQt(f, top, extra);
            for (int i = 0; i < n; i++) {
                assertThat(top[i]).as("(Qᵀa_%d)(%d)", c, i).isCloseTo(r[i * n + c],
                        org.assertj.core.data.Offset.offset(tol));
            }
            for (int i = 0; i < m; i++) {
                assertThat(f[i]).as("(Qᵀa_%d) below R, row %d", c, i).isCloseTo(0,
                        org.assertj.core.data.Offset.offset(tol));
            }
            for (int i = 0; i < extra.length; i++) {
                assertThat(extra[i]).as("(Qᵀa_%d) in the virtual rows of later chunks, %d", c, i).isCloseTo(0,
                        org.assertj.core.data.Offset.offset(tol));
            }
            qr.multiplyQ(top, extra, f);
            for (int i = 0; i < m; i++) {
                assertThat(f[i]).as("Q·Qᵀ·a_%d row %d", c, i).isCloseTo(original[i],
                        org.assertj.core.data.Offset.offset(tol));
            }
            for (int i = 0; i < n; i++) {
                assertThat(top[i]).as("virtual row %d", i).isCloseTo(0, org.assertj.core.data.Offset.offset(tol));
            }
            for (int i = 0; i < extra.length; i++) {
                assertThat(extra[i]).as("virtual row %d of a later chunk", n + i).isCloseTo(0,
                        org.assertj.core.data.Offset.offset(tol));
            }
        }
    }

    /**
     * Factoring without keeping the reflectors (each block written into one reused buffer, Qᵀ·f formed block by
     * block) gives R and Qᵀ·f's top with the same bits as the factorization in place and its multiplyQt, and leaves
     * f unmodified; Q itself is then refused.
     */
    @ParameterizedTest(name = "{0}: {1}×{2}")
    @MethodSource("cases")
    void withoutReflectorsHasTheSameBits(String backend, int m, int n) {
        double[] a = matrix(m, n, 23);
        double[] y = matrix(m, 1, 29);
        Backend be = Backends.named(backend);
        TallSkinnyQr full = new TallSkinnyQr(be, m, n, a.clone());
        double[] top = new double[n];
        full.multiplyQt(y.clone(), top, new double[full.extraLength()]);
        double[] f = y.clone();
        TallSkinnyQr lean = TallSkinnyQr.withoutReflectors(be, m, n,
                (from, to, dst, off) -> System.arraycopy(a, from * n, dst, off, (to - from) * n), f);
        assertThat(lean.r()).isEqualTo(full.r());
        assertThat(lean.qtTop()).isEqualTo(top);
        assertThat(f).isEqualTo(y);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lean.multiplyQt(f, new double[n],
                        new double[lean.extraLength()]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("reflectors were not kept");
    }

    /** The chunks are fixed by the shape: R and Qᵀ·f have the same bits on 1, 2 and 3 threads. */
    @org.junit.jupiter.api.Test
    void sameBitsOnAnyThreadCount() {
        int m = 640_000;
        int n = 9;
        double[] a = matrix(m, n, 17);
        double[] y = matrix(m, 1, 19);
        Backend vector = Backends.available().stream().filter(b -> b.name().equals("vector")).findFirst()
                .orElse(Backends.named("scalar"));
        assertThat(TallSkinnyQr.chunks(m, n, vector.stackedQrBlockRows(n))).isEqualTo(5);
        double[][] first = null;
        for (int threads : new int[] {1, 2, 3}) {
            double[][] out = dev.linea.kernels.Threads.call(threads, () -> {
                TallSkinnyQr qr = new TallSkinnyQr(vector, m, n, a.clone());
                double[] f = y.clone();
                double[] top = new double[n];
                double[] extra = new double[qr.extraLength()];
                qr.multiplyQt(f, top, extra);
                return new double[][] {qr.r(), top, extra, f};
            });
            if (first == null) {
                first = out;
            } else {
                for (int k = 0; k < out.length; k++) {
                    assertThat(out[k]).as("output %d on %d threads", k, threads).isEqualTo(first[k]);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}: {1}×{2}")
    @MethodSource("cases")
    void refinedSolutionRecoversTheCoefficients(String backend, int m, int n) {
        double[] a = matrix(m, n, 13);
        double[] beta = new double[n];
        for (int j = 0; j < n; j++) {
            beta[j] = (j % 5) - 2.5;
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += a[i * n + j] * beta[j];
            }
            y[i] = s;
        }
        RefinedQr qr = new RefinedQr(Backends.named(backend), m, n, a);
        RefinedQr.Solution sol = qr.solve(y, 3);
        for (int j = 0; j < n; j++) {
            assertThat(sol.x()[j]).as("β_%d", j).isCloseTo(beta[j], org.assertj.core.data.Offset.offset(1e-13));
        }
    }

    /**
     * On a well-conditioned design with a large residual, one double-double step is enough and the refinement stops
     * there (the contraction bound predicts the next correction below rounding), converged, and the solution
     * satisfies the normal equations Aᵀ(b − A·x) = 0 to rounding.
     */
    @ParameterizedTest(name = "{0}: {1}×{2}")
    @MethodSource("cases")
    void wellConditionedFitStopsAfterOneStep(String backend, int m, int n) {
        double[] a = matrix(m, n, 31);
        double[] y = matrix(m, 1, 37);
        for (int i = 0; i < m; i++) {
            y[i] *= 10;
            for (int j = 0; j < n; j++) {
                y[i] += a[i * n + j] * ((j % 5) - 2);
            }
        }
        RefinedQr.Solution sol = new RefinedQr(Backends.named(backend), m, n, a.clone()).solve(y, 5);
        assertThat(sol.steps()).isEqualTo(1);
        assertThat(sol.converged()).isTrue();
        double scale = 0;
        for (int j = 0; j < n; j++) {
            double g = 0;
            double mag = 0;
            for (int i = 0; i < m; i++) {
                double r = y[i];
                for (int k = 0; k < n; k++) {
                    r -= a[i * n + k] * sol.x()[k];
                }
                g += a[i * n + j] * r;
                mag += Math.abs(a[i * n + j] * y[i]);
            }
            scale = Math.max(scale, Math.abs(g) / mag);
        }
        assertThat(scale).as("max_j |(Aᵀr)_j| / Σ_i |a_ij·y_i|").isLessThan(1e-12);
    }
}
