package dev.linea.models.sparse;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.Dataset;
import dev.linea.models.Design;
import dev.linea.models.SparseDesign;
import dev.linea.models.logistic.LogisticModel;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.Penalty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Logistic L2 by L-BFGS on a sparse design equals the fit of the densified data, on every backend. */
class SparseLogisticTest {

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    static Dataset dense(SparseDesign s) {
        return Dataset.wrap(s.rows(), s.cols(), s.matrix().toDense(), s.yUnsafe(), s.weightsUnsafe(), null, null);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void l2FitEqualsTheDensifiedFit(String name) {
        Backend b = Backends.named(name);
        for (boolean weighted : new boolean[] {false, true}) {
            for (int[] shape : new int[][] {{7, 3}, {103, 9}, {400, 250}}) {
                SparseDesign s = SparseData.design(shape[0], shape[1], 0.1, "logistic", weighted,
                        31L * shape[0] + shape[1]);
                LogisticOptions o = LogisticOptions.defaults().withPenalty(Penalty.L2).withC(0.7).withTol(1e-10)
                        .withMaxIterations(5000);
                LogisticRegression fit = new LogisticRegression(o, b);
                LogisticModel sp = fit.fit(s).model();
                LogisticModel de = fit.fit(dense(s)).model();
                assertThat(sp.report().converged()).isTrue();
                assertThat(sp.intercept()).isCloseTo(de.intercept(), within(1e-7));
                assertThat(sp.coefficients()).containsExactly(de.coefficients(), within(1e-7));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void anAffineMapDefinesTheFeatures(String name) {
        Backend b = Backends.named(name);
        SparseDesign s = SparseData.design(103, 9, 0.3, "logistic", false, 5);
        double[] c = new double[9];
        double[] d = new double[9];
        for (int j = 0; j < 9; j++) {
            c[j] = 0.1 * j;
            d[j] = 1 + 0.5 * j;
        }
        SparseDesign mapped = s.withAffine(c, d);
        double[] x = s.matrix().toDense();
        for (int i = 0; i < 103; i++) {
            for (int j = 0; j < 9; j++) {
                x[i * 9 + j] = (x[i * 9 + j] - c[j]) * d[j];
            }
        }
        LogisticRegression fit = new LogisticRegression(LogisticOptions.defaults().withTol(1e-10), b);
        LogisticModel sp = fit.fit(mapped).model();
        LogisticModel de = fit.fit(Dataset.wrap(103, 9, x, s.yUnsafe(), null, null, null)).model();
        assertThat(sp.intercept()).isCloseTo(de.intercept(), within(1e-7));
        assertThat(sp.coefficients()).containsExactly(de.coefficients(), within(1e-7));
    }

    @Test
    void labelsOtherThanZeroOrOneAndOffsetsAreRejected() {
        CsrMatrix x = new CsrMatrix(2, 1, new int[] {0, 1, 2}, new int[] {0, 0}, new double[] {1, 2});
        LogisticRegression fit = new LogisticRegression();
        assertThatThrownBy(() -> fit.fit(SparseDesign.of(x, new double[] {0, 2}, null, null, null, true)))
                .hasMessageContaining("y has 2.0 at row 2 (1-based), expected a binary label 0 or 1");
        assertThatThrownBy(() -> fit.fit(SparseDesign.of(x, new double[] {1, 1}, null, null, null, true)))
                .hasMessageContaining("y has no row of class 0");
        SparseDesign withOffsets = SparseDesign.of(x, new double[] {0, 1}, null, null, null, true)
                .withOffsets(new double[] {0, 1});
        assertThatThrownBy(() -> fit.fit(withOffsets)).hasMessageContaining("offsets, expected none");
    }

    @Test
    void densifiedDesignHasTheSameRoles() {
        SparseDesign s = SparseData.design(7, 3, 0.5, "logistic", true, 1);
        Design d = s.densified();
        assertThat(d.weightsUnsafe()).isSameAs(s.weightsUnsafe());
        assertThat(d.intercept()).isTrue();
    }

    @Test
    void solversThatFormTheHessianRefuseHashedWidths() {
        int n = LogisticRegression.MAX_SPARSE_HESSIAN_COLUMNS + 1;
        double[] d = new double[2 * n];
        d[0] = 1;
        d[n + 1] = 1;
        SparseDesign wide = SparseDesign.of(CsrMatrix.fromDense(2, n, d), new double[] {0, 1}, null, null, null,
                true);
        assertThatThrownBy(() -> new LogisticRegression(LogisticOptions.defaults().withPenalty(Penalty.L1))
                .fit(wide)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has " + n + " columns, expected at most 46339 for penalty L1");
        // L2 by L-BFGS takes it (O(columns) memory)
        assertThat(new LogisticRegression(LogisticOptions.defaults()).fit(wide).report().converged()).isTrue();
    }
}
