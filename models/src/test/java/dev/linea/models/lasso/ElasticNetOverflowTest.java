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

    /**
     * A column in small units (values near 1e-15, variance 1e-30) used to pass for constant under an absolute floor
     * (v ≤ 1e-28·max(1, m²)) and was left out with exit 0. Standardized, it is an ordinary column: the lasso
     * coefficient must be the same as for the column in units of 1, divided by 1e-15.
     */
    @Test
    void aColumnInSmallUnitsIsFittedNotLeftOut() {
        int m = 60;
        double[] x = new double[2 * m];
        double[] small = new double[2 * m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[2 * i] = Math.sin(1.3 * i);
            x[2 * i + 1] = Math.cos(0.7 * i);
            small[2 * i] = x[2 * i] * 0x1p-50; // a power of two: the scaled problem is the same bits
            small[2 * i + 1] = x[2 * i + 1];
            y[i] = 2 * x[2 * i] + x[2 * i + 1] + 0.1 * Math.sin(5.0 * i);
        }
        ElasticNet lasso = new ElasticNet(ElasticNetOptions.lasso().withLambdas(new double[] {0.01}));
        double[] unit = lasso.fit(Dataset.of(m, 2, x, y.clone())).model(0).coefficients();
        double[] tiny = lasso.fit(Dataset.of(m, 2, small, y.clone())).model(0).coefficients();
        org.assertj.core.api.Assertions.assertThat(unit[0]).isGreaterThan(1.5);
        org.assertj.core.api.Assertions.assertThat(tiny[0] * 0x1p-50)
                .isCloseTo(unit[0], org.assertj.core.api.Assertions.within(1e-9 * Math.abs(unit[0])));
        org.assertj.core.api.Assertions.assertThat(tiny[1])
                .isCloseTo(unit[1], org.assertj.core.api.Assertions.within(1e-9));
    }

    /** A column varying only at 1e-170: its squared spread underflows to 0, so it must be refused, not dropped. */
    @Test
    void aColumnWhoseSpreadUnderflowsIsRefused() {
        double[] x = X.clone();
        for (int i = 0; i < 6; i++) {
            x[3 * i + 2] = (i % 3) * 1e-170;
        }
        Dataset d = Dataset.of(6, 3, x, Y.clone());
        assertThatThrownBy(() -> new ElasticNet(ElasticNetOptions.lasso()).fit(d))
                .isInstanceOf(FitException.class)
                .hasMessageContaining("the spread of column '" + d.featureNames().get(2) + "' underflows")
                .hasMessageContaining("rescale the column");
        // a constant column, even a tiny one, is still just left out
        for (int i = 0; i < 6; i++) {
            x[3 * i + 2] = 1e-170;
        }
        Dataset c = Dataset.of(6, 3, x, Y.clone());
        org.assertj.core.api.Assertions.assertThat(new ElasticNet(ElasticNetOptions.lasso().withLambdas(
                new double[] {0.01})).fit(c).model(0).coefficients()[2]).isZero();
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
