package dev.linea.models;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.sparse.CsrMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link SparseDesign} computes through its implicit intercept and affine map what {@link Design} computes on the
 * densified matrix: products, bordered Gram, centred Gram, fused gradients, moments.
 */
class SparseDesignTest {

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    /** m×n with about {@code density} of the entries non-zero, column 0 left empty, row 1 (if any) left empty. */
    static CsrMatrix random(int m, int n, double density, long seed) {
        Random r = new Random(seed);
        double[] d = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 1; j < n; j++) {
                if (i != 1 && r.nextDouble() < density) {
                    d[i * n + j] = r.nextGaussian() * 2 + 0.5;
                }
            }
        }
        return CsrMatrix.fromDense(m, n, d);
    }

    static SparseDesign design(int m, int n, boolean weighted, long seed) {
        Random r = new Random(seed + 1);
        double[] y = new double[m];
        double[] w = weighted ? new double[m] : null;
        for (int i = 0; i < m; i++) {
            y[i] = r.nextGaussian();
            if (weighted) {
                w[i] = 0.25 + r.nextDouble();
            }
        }
        return SparseDesign.of(random(m, n, 0.2, seed), y, w, null, null, true);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void productsAndGramsEqualThoseOfTheDensifiedDesign(String name) {
        Backend b = Backends.named(name);
        for (boolean weighted : new boolean[] {false, true}) {
            for (int[] shape : new int[][] {{1, 1}, {7, 3}, {103, 9}}) {
                int m = shape[0];
                int n = shape[1];
                SparseDesign s = design(m, n, weighted, 17L * m + n);
                Design d = s.densified();
                double[] beta = new Random(3).doubles(n + 1, -1, 1).toArray();
                double[] ps = new double[m];
                double[] pd = new double[m];
                s.predictLinear(b, beta, ps);
                d.predictLinear(b, beta, pd);
                assertThat(ps).containsExactly(pd, within(1e-12));

                double[] v = new Random(4).doubles(m, -1, 1).toArray();
                double[] ts = new double[n + 1];
                double[] td = new double[n + 1];
                s.borderedTransposeTimes(b, v, ts);
                d.borderedTransposeTimes(b, v, td);
                assertThat(ts).containsExactly(td, within(1e-12));

                double[] wts = weighted ? s.weightsUnsafe() : new Random(5).doubles(m, 0, 2).toArray();
                int k = n + 1;
                double[] gs = new double[k * k];
                double[] gd = new double[k * k];
                s.borderedGram(b, wts, gs, 0, k);
                d.borderedGram(b, wts, gd, 0, k);
                assertThat(gs).containsExactly(gd, within(1e-10));

                double[] scale = new Random(6).doubles(n, 0.5, 2).toArray();
                SparseDesign sc = s.centred().withScale(scale);
                Design dc = d.centred().withScale(scale);
                assertThat(sc.centre()).containsExactly(dc.centre(), within(1e-12));
                assertThat(sc.targetCentre()).isCloseTo(dc.targetCentre(), within(1e-12));
                double[] cs = new double[n * n];
                double[] cd = new double[n * n];
                sc.gram(b, cs, 0, n);
                dc.gram(b, cd, 0, n);
                assertThat(cs).containsExactly(cd, within(1e-9));
                double[] zs = new double[n];
                double[] zd = new double[n];
                sc.transposeTimes(b, v, 0, zs, 0);
                dc.transposeTimes(b, v, 0, zd, 0);
                assertThat(zs).containsExactly(zd, within(1e-11));
            }
        }
    }

    @Test
    void momentsAreTheWeightedMeansAndVariancesOfTheColumnsZerosIncluded() {
        SparseDesign s = design(103, 9, true, 5);
        double[] x = s.matrix().toDense();
        SparseDesign.Moments mo = s.moments();
        for (int j = 0; j < 9; j++) {
            double sw = 0;
            double sx = 0;
            for (int i = 0; i < 103; i++) {
                sw += s.weight(i);
                sx += s.weight(i) * x[i * 9 + j];
            }
            double mean = sx / sw;
            double ss = 0;
            for (int i = 0; i < 103; i++) {
                ss += s.weight(i) * (x[i * 9 + j] - mean) * (x[i * 9 + j] - mean);
            }
            assertThat(mo.mean()[j]).isCloseTo(mean, within(1e-12));
            assertThat(mo.variance()[j]).isCloseTo(ss / sw, within(1e-12));
        }
        assertThat(mo.variance()[0]).isZero();
    }

    @Test
    void defaultNamesAreMadeOnDemandAndGivenNamesMustBeDistinct() {
        CsrMatrix x = new CsrMatrix(1, 1 << 20, new int[] {0, 1}, new int[] {5}, new double[] {1});
        SparseDesign s = SparseDesign.of(x, new double[] {1}, null, null, null, true);
        assertThat(s.featureNames()).hasSize(1 << 20);
        assertThat(s.featureNames().get(5)).isEqualTo("x6");
        CsrMatrix two = new CsrMatrix(1, 2, new int[] {0, 0}, new int[0], new double[0]);
        assertThatThrownBy(() -> SparseDesign.of(two, new double[] {1}, null, List.of("a", "a"), null, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both named 'a'");
    }

    @Test
    void badRolesAreRejectedNamingWhatWasFoundAndExpected() {
        CsrMatrix x = new CsrMatrix(2, 1, new int[] {0, 1, 1}, new int[] {0}, new double[] {1});
        assertThatThrownBy(() -> SparseDesign.of(x, new double[] {1}, null, null, null, true))
                .hasMessageContaining("y has 1 values, expected 2");
        assertThatThrownBy(() -> SparseDesign.of(x, new double[] {1, Double.NaN}, null, null, null, true))
                .hasMessageContaining("y has NaN at row 1");
        assertThatThrownBy(() -> SparseDesign.of(x, new double[] {1, 2}, new double[] {1, -1}, null, null, true))
                .hasMessageContaining("weights has -1.0 at row 1");
        assertThatThrownBy(() -> SparseDesign.of(x, new double[] {1, 2}, new double[] {0, 0}, null, null, true))
                .hasMessageContaining("all zero");
        SparseDesign s = SparseDesign.of(x, new double[] {1, 2}, null, null, null, true);
        assertThatThrownBy(() -> s.withOffsets(new double[] {1}))
                .hasMessageContaining("offsets have 1 values, expected 2");
        assertThatThrownBy(() -> s.withScale(new double[] {1, 2}))
                .hasMessageContaining("scale has 2 values, expected 1");
    }
}
