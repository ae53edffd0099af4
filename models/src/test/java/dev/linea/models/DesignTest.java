package dev.linea.models;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.ScalarBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link Design} is a view: it shares the caller's arrays, and what it computes through its affine map (centred
 * Gram, Zᵀv, the bordered Gram of the implicit intercept) equals the same computation on the explicitly mapped
 * matrix that it never builds. {@link Dataset#wrap} keeps arrays, {@link Dataset#splitOffColumn} moves a column out
 * in place.
 */
class DesignTest {

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    /** m×n with column means far from zero (1000·(j + 1), as Longley's), so that centring matters. */
    static Dataset data(int m, int n, boolean weighted, long seed) {
        return SufficientStatisticsTest.data(m, n, weighted, seed);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void centredGramAndProductsEqualThoseOfTheExplicitlyCentredMatrix(String name) {
        Backend b = Backends.named(name);
        for (boolean weighted : new boolean[] {false, true}) {
            for (int[] shape : new int[][] {{1, 1}, {7, 3}, {103, 9}, {1000, 17}}) {
                int m = shape[0];
                int n = shape[1];
                Dataset d = data(m, n, weighted, 31L * m + n);
                double[] scale = new double[n];
                for (int j = 0; j < n; j++) {
                    scale[j] = 0.5 + j;
                }
                Design z = d.design(true).centred().withScale(scale);
                double[] w = d.weightsUnsafe();
                double sw = 0;
                double[] mean = new double[n];
                for (int i = 0; i < m; i++) {
                    double wi = w == null ? 1 : w[i];
                    sw += wi;
                    for (int j = 0; j < n; j++) {
                        mean[j] += wi * d.x(i, j);
                    }
                }
                double[] explicit = new double[m * n];
                for (int j = 0; j < n; j++) {
                    mean[j] /= sw;
                    assertThat(z.centre()[j]).isEqualTo(mean[j]);
                }
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        explicit[i * n + j] = (d.x(i, j) - mean[j]) * scale[j];
                    }
                }
                double[] want = new double[n * n];
                ScalarBackend.INSTANCE.gram(m, n, explicit, 0, n, w, 0, want, 0, n);
                double[] got = new double[n * n];
                z.gram(b, got, 0, n);
                for (int k = 0; k < n * n; k++) {
                    assertThat(got[k]).as("%s gram m=%d n=%d weighted=%s [%d]", name, m, n, weighted, k)
                            .isCloseTo(want[k], within(1e-12 * (Math.abs(want[k]) + m * 1e3)));
                }
                double[] v = new double[m];
                for (int i = 0; i < m; i++) {
                    v[i] = Math.sin(i);
                }
                double[] zv = new double[n];
                z.transposeTimes(b, v, 0, zv, 0);
                double[] ref = new double[n];
                ScalarBackend.INSTANCE.gemv(dev.linea.kernels.Transpose.TRANSPOSE, m, n, 1, explicit, 0, n, v, 0, 0,
                        ref, 0);
                for (int j = 0; j < n; j++) {
                    assertThat(zv[j]).isCloseTo(ref[j], within(1e-11 * (1 + m * scale[j])));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void borderedGramIsTheGramOfTheDesignWithALeadingOnesColumn(String name) {
        Backend b = Backends.named(name);
        int m = 57;
        int n = 5;
        Dataset d = data(m, n, true, 7);
        double[] a = new double[m * (n + 1)];
        for (int i = 0; i < m; i++) {
            a[i * (n + 1)] = 1;
            for (int j = 0; j < n; j++) {
                a[i * (n + 1) + 1 + j] = d.x(i, j);
            }
        }
        double[] w = d.copyWeights();
        int k = n + 1;
        double[] want = new double[k * k];
        ScalarBackend.INSTANCE.gram(m, k, a, 0, k, w, 0, want, 0, k);
        double[] got = new double[k * k];
        Design z = d.design(true);
        z.borderedGram(b, w, got, 0, k);
        for (int t = 0; t < k * k; t++) {
            assertThat(got[t]).isCloseTo(want[t], within(1e-12 * Math.abs(want[t]) + 1e-9));
        }
        double[] beta = {0.5, 1, -2, 3, -4, 5};
        double[] eta = new double[m];
        z.predictLinear(b, beta, eta);
        double[] rhs = new double[k];
        z.borderedTransposeTimes(b, eta, rhs);
        for (int i = 0; i < m; i++) {
            double e = 0;
            for (int j = 0; j < k; j++) {
                e += a[i * k + j] * beta[j];
            }
            assertThat(eta[i]).isCloseTo(e, within(1e-9 * (1 + Math.abs(e))));
        }
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += eta[i];
        }
        assertThat(rhs[0]).isEqualTo(sum);
    }

    @Test
    void aDesignSharesTheDatasetsArrays() {
        Dataset d = data(10, 3, true, 1);
        Design z = d.design(false);
        assertThat(z.xUnsafe()).isSameAs(d.xUnsafe());
        assertThat(z.yUnsafe()).isSameAs(d.yUnsafe());
        assertThat(z.weightsUnsafe()).isSameAs(d.weightsUnsafe());
        assertThat(z.centred()).isSameAs(z);
        assertThat(z.centred().centre()).isNull();
    }

    @Test
    void wrapKeepsTheArraysAndOfCopiesThem() {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] y = {1, 2, 3};
        assertThat(Dataset.wrap(3, 2, x, y, null, null, "y").xUnsafe()).isSameAs(x);
        assertThat(Dataset.of(3, 2, x, y).xUnsafe()).isNotSameAs(x);
        // A reader's growing buffer may be longer than rows × cols.
        double[] longer = {1, 2, 3, 4, 5, 6, 0, 0};
        Dataset w = Dataset.wrap(3, 2, longer, y, null, null, "y");
        assertThat(w.copyX()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThatThrownBy(() -> Dataset.of(3, 2, longer, y)).hasMessageContaining("x has 8 values, expected rows × "
                + "cols = 3 × 2 = 6");
        assertThatThrownBy(() -> Dataset.wrap(3, 2, new double[] {1, 2, 3, 4, 5, Double.NaN}, y, null, null, "y"))
                .hasMessageContaining("row 2, column 1");
    }

    @Test
    void withWeightsSharesXAndY() {
        Dataset d = data(5, 2, false, 3);
        Dataset w = d.withWeights(new double[] {1, 2, 3, 4, 5});
        assertThat(w.xUnsafe()).isSameAs(d.xUnsafe());
        assertThat(w.weight(4)).isEqualTo(5);
        assertThat(d.weighted()).isFalse();
    }

    @Test
    void splitOffColumnMovesTheColumnOutInPlace() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        Dataset d = Dataset.wrap(3, 3, x, new double[] {1, 2, 3}, new double[] {1, 1, 2}, List.of("a", "off", "c"),
                "t");
        Dataset.ColumnSplit s = d.splitOffColumn(1);
        assertThat(s.column()).containsExactly(2, 5, 8);
        Dataset rest = s.rest();
        assertThat(rest.xUnsafe()).isSameAs(x);
        assertThat(rest.cols()).isEqualTo(2);
        assertThat(rest.copyX()).containsExactly(1, 3, 4, 6, 7, 9);
        assertThat(rest.featureNames()).containsExactly("a", "c");
        assertThat(rest.weight(2)).isEqualTo(2);
        assertThat(rest.targetName()).isEqualTo("t");
        assertThatThrownBy(() -> d.splitOffColumn(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("consumed");
        assertThatThrownBy(() -> rest.splitOffColumn(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 0 ≤ c < 2");
    }

    @Test
    void oneRuleForConstantColumns() {
        assertThat(Design.isConstant(0, 5)).isTrue();
        assertThat(Design.isConstant(1e-30, 1e3)).isTrue();
        assertThat(Design.isConstant(1e-20, 1)).isFalse();
        assertThat(Design.isConstant(Double.NaN, 1)).isTrue();
        // small units are data, not rounding: values near 1e-15 about a mean of 0 or of 1e-15
        assertThat(Design.isConstant(1e-30, 0)).isFalse();
        assertThat(Design.isConstant(1e-30, 1e-15)).isFalse();
        assertThat(Design.isConstant(1e-60, 1e-15)).isTrue();
    }

    @Test
    void offsetsAreARoleCheckedForLengthAndFiniteness() {
        Dataset d = data(4, 2, false, 5);
        assertThatThrownBy(() -> d.design(true).withOffsets(new double[3]))
                .hasMessageContaining("offsets have 3 values, expected 4");
        assertThatThrownBy(() -> d.design(true).withOffsets(new double[] {0, 0, Double.NaN, 0}))
                .hasMessageContaining("row 2");
        double[] o = {1, 2, 3, 4};
        assertThat(d.design(true).withOffsets(o).offsetsUnsafe()).isSameAs(o);
    }
}
