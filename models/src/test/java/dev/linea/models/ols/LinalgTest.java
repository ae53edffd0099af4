package dev.linea.models.ols;

import dev.linea.kernels.Backends;
import dev.linea.models.linalg.DoubleDouble;
import dev.linea.models.linalg.PivotedQr;
import dev.linea.models.linalg.RefinedQr;
import dev.linea.models.linalg.SingularValues;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The solver-level helpers in dev.linea.models.linalg. */
class LinalgTest {

    @Test
    void doubleDoubleKeepsWhatDoublesLose() {
        // 1e16 + 1 − 1e16 is 0 in doubles, 1 in double-double; 0.1·3 − 0.3 keeps the product's rounding error.
        assertThat(new DoubleDouble().add(1e16).add(1).add(-1e16).value()).isEqualTo(1);
        double err = new DoubleDouble().addProduct(0.1, 3).add(-0.3).value();
        assertThat(err).isEqualTo(Math.fma(0.1, 3, -0.3));
        double[] x = {1e8, 1, -1e8, 1e-8};
        double[] y = {1e8, 1, 1e8, 1};
        assertThat(DoubleDouble.dot(4, x, 0, 1, y, 0, 1)).isEqualTo(1 + 1e-8);
    }

    /** Random m×n with rank r (product of m×r and r×n), odd sizes. */
    @Property(tries = 40)
    void pivotedQrFindsTheRank(@ForAll @IntRange(min = 1, max = 23) int m, @ForAll @IntRange(min = 1, max = 11) int n,
                               @ForAll @IntRange(min = 0, max = 11) int rWanted, @ForAll long seed) {
        int r = Math.min(rWanted, Math.min(m, n));
        Random rnd = new Random(seed);
        double[] a = new double[m * n];
        double[] u = new double[m * r];
        double[] v = new double[r * n];
        for (int i = 0; i < u.length; i++) {
            u[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < r; k++) {
                    s += u[i * r + k] * v[k * n + j];
                }
                a[i * n + j] = s;
            }
        }
        PivotedQr qr = PivotedQr.factor(m, n, a, 0, n, 0, 1e-10);
        assertThat(qr.rank()).isEqualTo(r);
        assertThat(qr.dependentColumns()).hasSize(n - r);
    }

    @Test
    void pivotedQrKeepsFixedColumnsAndValidates() {
        // Columns: [1, 2·1, x]: the fixed first column stays, its double goes.
        double[] a = {1, 2, 0.5, 1, 2, 1.5, 1, 2, -2, 1, 2, 7};
        PivotedQr qr = PivotedQr.factor(4, 3, a, 0, 3, 1, 1e-12);
        assertThat(qr.rank()).isEqualTo(2);
        assertThat(qr.dependentColumns()).containsExactly(1);
        assertThat(qr.permutation()[0]).isZero();
        assertThatThrownBy(() -> PivotedQr.factor(4, 3, a, 0, 3, 0, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tol is -1.0");
        assertThatThrownBy(() -> PivotedQr.factor(5, 3, a, 0, 3, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
    }

    @Test
    void jacobiSingularValues() {
        // Upper triangular [[3, 4], [0, 5]]: AᵀA = [[9, 12], [12, 41]], eigenvalues 45 and 5.
        double[] sv = SingularValues.of(2, 2, new double[] {3, 4, 0, 5});
        assertThat(sv[0]).isCloseTo(Math.sqrt(45), within(1e-14));
        assertThat(sv[1]).isCloseTo(Math.sqrt(5), within(1e-14));
        // A graded diagonal keeps its tiny singular value to full relative accuracy.
        double[] g = SingularValues.of(3, 3, new double[] {1, 0, 0, 0, 1e-9, 0, 0, 0, 1e-15});
        assertThat(g).containsExactly(1, 1e-9, 1e-15);
    }

    /** Refinement solves least squares to the last bit on a well-posed problem, and (AᵀA)⁻¹ columns too. */
    @Test
    void refinedQrAgreesWithTheNormalEquations() {
        double[] a = {1, 1, 1, 2, 1, 3, 1, 4, 1, 5};
        double[] b = {1.1, 1.9, 3.2, 3.9, 5.1};
        RefinedQr qr = new RefinedQr(Backends.named("scalar"), 5, 2, a.clone());
        RefinedQr.Solution s = qr.solve(b, 5);
        // In decimals: slope 1, intercept 0.04. For the doubles nearest 1.1, 1.9, … the exact least-squares solution
        // (Python fractions) rounds to these; refinement gets it to the last bit.
        assertThat(s.x()[1]).isEqualTo(0.9999999999999999);
        assertThat(s.x()[0]).isEqualTo(0.040000000000000216);
        assertThat(s.converged()).isTrue();
        // (AᵀA)⁻¹ = [[55, -15], [-15, 5]] / 50.
        double[] c0 = qr.inverseGramColumn(0, 5);
        assertThat(c0[0]).isCloseTo(1.1, within(1e-15));
        assertThat(c0[1]).isCloseTo(-0.3, within(1e-15));
        assertThat(qr.inverseGram()[3]).isCloseTo(0.1, within(1e-15));
        assertThatThrownBy(() -> new RefinedQr(Backends.named("scalar"), 1, 2, new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected m >= n");
    }

    /**
     * The QR path's working design, computed here from its definition: A(i, c) = fl(sqrt(w_i)·x̃(i, cols[c]))·2^{e_c}
     * with 2^{e_c} bringing the column's largest |·| into [1, 2) (a zero column unscaled), for all columns in order
     * and for a subset out of order, weighted and not, with and without the intercept.
     */
    @Test
    void qrDesignIsTheScaledWeightedDesign() {
        int m = 57;
        int n = 4;
        Random rnd = new Random(5);
        double[] x = new double[m * n];
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                x[i * n + j] = j == 2 ? 0 : rnd.nextGaussian() * Math.pow(10, 3 * j - 4);
            }
            w[i] = 0.1 + rnd.nextDouble() * 7;
        }
        double[] y = new double[m];
        for (double[] weights : new double[][] {null, w}) {
            dev.linea.models.Dataset data = dev.linea.models.Dataset.of(m, n, x, y, weights, null, "y");
            for (boolean intercept : new boolean[] {false, true}) {
                int shift = intercept ? 1 : 0;
                int[][] colSets = intercept ? new int[][] {{0, 1, 2, 3, 4}, {4, 0, 2}} : new int[][] {{0, 1, 2, 3},
                        {3, 1}};
                for (int[] cols : colSets) {
                    int r = cols.length;
                    double[] expected = new double[m * r];
                    double[] max = new double[r];
                    for (int i = 0; i < m; i++) {
                        double sq = weights == null ? 1 : Math.sqrt(weights[i]);
                        for (int c = 0; c < r; c++) {
                            double v = intercept && cols[c] == 0 ? 1 : x[i * n + cols[c] - shift];
                            expected[i * r + c] = sq * v;
                            max[c] = Math.max(max[c], Math.abs(sq * v));
                        }
                    }
                    double[] expectedScale = new double[r];
                    for (int c = 0; c < r; c++) {
                        double s = max[c] == 0 ? 1 : Math.scalb(1.0, -Math.getExponent(max[c]));
                        expectedScale[c] = s;
                        for (int i = 0; i < m; i++) {
                            expected[i * r + c] *= s;
                        }
                        if (max[c] != 0) {
                            assertThat(max[c] * s).isBetween(1.0, 2.0);
                        }
                    }
                    double[] scale = new double[r]; // design(…) writes its scales here
                    double[] a = QrPath.design(data, intercept, cols, scale);
                    assertThat(a).as("weights %s, intercept %s, cols %s", weights != null, intercept,
                            java.util.Arrays.toString(cols)).isEqualTo(expected);
                    assertThat(scale).isEqualTo(expectedScale);
                    assertThat(QrPath.scales(data, intercept, cols)).isEqualTo(expectedScale);
                }
            }
        }
    }
}
