package dev.linea.models.lasso;

import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.Dataset;
import dev.linea.models.FitException;
import dev.linea.models.GeneratedNames;
import dev.linea.models.SparseDesign;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A column of finite values too large to square (1e300) has an infinite spread; the standardization's constant-column
 * test (v ≤ 1e-28·m²) is true of ∞ and ∞², so before this check the column was left out as "constant" and the fit
 * exited 0 with its coefficient 0. Dense, sparse and moment fits now refuse it alike, naming the column.
 */
class ElasticNetOverflowTest {
    // f3 holds 1e300: finite, but its square overflows; f1 and f2 are ordinary
    private static final double[] X = {
            1e-300, 0, 1e300,
            0, 1, 0,
            1, 0.5, 0,
            0, 0, 2,
            0.7, 0, 0,
            0, 0.3, 1};
    private static final double[] Y = {1, 0, 1, 0, 1, 0};

    @Test
    void denseFitRefusesAColumnWhoseSpreadOverflows() {
        Dataset d = Dataset.of(6, 3, X.clone(), Y.clone());
        assertThatThrownBy(() -> new ElasticNet(ElasticNetOptions.lasso()).fit(d))
                .isInstanceOf(FitException.class)
                .hasMessageContaining("column '" + d.featureNames().get(2) + "'")
                .hasMessageContaining("overflow");
    }

    @Test
    void sparseFitRefusesItTheSameWay() {
        SparseDesign d = SparseDesign.of(CsrMatrix.fromDense(6, 3, X.clone()), Y.clone(), null,
                GeneratedNames.numbered("f", 1, 3), "y", true);
        assertThatThrownBy(() -> new ElasticNet(ElasticNetOptions.lasso()).fit(d))
                .isInstanceOf(FitException.class)
                .hasMessageContaining("column 'f3'")
                .hasMessageContaining("overflow");
    }

    @Test
    void aTargetWhoseSpreadOverflowsIsRefusedToo() {
        double[] y = Y.clone();
        y[0] = 1e300;
        Dataset d = Dataset.of(6, 3, new double[] {
                1, 0, 0, 0, 1, 0, 1, 0.5, 0, 0, 0, 2, 0.7, 0, 0, 0, 0.3, 1}, y);
        assertThatThrownBy(() -> new ElasticNet(ElasticNetOptions.lasso()).fit(d))
                .isInstanceOf(FitException.class)
                .hasMessageContaining("the target");
    }
}
