package dev.linea.models.sparse;

import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.Dataset;
import dev.linea.models.SparseDesign;
import dev.linea.models.gd.GradientDescent;
import dev.linea.models.gd.GradientDescentOptions;
import dev.linea.models.gd.GradientDescentResult;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.lasso.ElasticNetPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Constant columns on sparse designs, end to end. The first two tests pin the fits' behaviour with a column stored in
 * every row with one value (coefficient 0, the dense fit's answer); they held before the zeros' share was made exact
 * too (the column was kept but inert), and the exclusion itself is tested in
 * {@link dev.linea.models.lasso.SparseStandardizationTest}. The last two fail without the fix of C93: gradient
 * descent, dense and sparse, decides constant columns by the one relative rule of every fit (Design.isConstant), so
 * a column in small units is fitted, not left out.
 */
class SparseConstantColumnTest {

    /** The weighted design of SparseData with one more column, 0.1 in every row (0.1 is not a binary fraction). */
    private static SparseDesign withConstant() {
        SparseDesign base = SparseData.design(150, 12, 0.3, "gaussian", true, 5);
        int m = base.rows();
        int n = base.cols() + 1;
        double[] bx = base.matrix().toDense();
        double[] dense = new double[m * n];
        for (int i = 0; i < m; i++) {
            System.arraycopy(bx, i * base.cols(), dense, i * n, base.cols());
            dense[i * n + base.cols()] = 0.1;
        }
        return SparseDesign.of(CsrMatrix.fromDense(m, n, dense), base.yUnsafe(), base.weightsUnsafe(), null, null,
                true);
    }

    @Test
    void theLassoPathLeavesAStoredConstantColumnOutAsTheDensePathDoes() {
        SparseDesign s = withConstant();
        int c = s.cols() - 1;
        ElasticNetOptions o = ElasticNetOptions.lasso().withPath(40, 1e-4);
        ElasticNetPath sparse = new ElasticNet(o).fit(s);
        ElasticNetPath dense = new ElasticNet(o.withMode(ElasticNetOptions.Mode.NAIVE)).fit(Dataset.wrap(s.rows(),
                s.cols(), s.matrix().toDense(), s.yUnsafe(), s.weightsUnsafe(), null, null));
        assertThat(sparse.size()).isEqualTo(dense.size());
        for (int k = 0; k < sparse.size(); k++) {
            assertThat(sparse.coefficients(k)[c]).as("λ index " + k).isZero();
            assertThat(sparse.coefficients(k)).as("λ index " + k).containsExactly(dense.coefficients(k),
                    within(1e-7));
            assertThat(sparse.intercept(k)).as("λ index " + k).isCloseTo(dense.intercept(k), within(1e-7));
        }
    }

    @Test
    void gradientDescentLeavesAStoredConstantColumnOutAsTheDenseFitDoes() {
        SparseDesign s = withConstant();
        int c = s.cols() - 1;
        GradientDescentOptions o = GradientDescentOptions.defaults().withStandardize(true).withIntercept(true)
                .withAlpha(0.1).withMaxEpochs(200);
        GradientDescentResult sparse = new GradientDescent(o).fit(s);
        GradientDescentResult dense = new GradientDescent(o).fit(SparseGradientDescentTest.densified(s));
        assertThat(sparse.model().coefficient(c)).isZero();
        assertThat(dense.model().coefficient(c)).isZero();
        assertThat(SparseGradientDescentTest.error(sparse.model(), dense.model())).isLessThan(1e-9);
    }

    @Test
    void gradientDescentFitsAColumnInSmallUnitsLikeTheSameColumnInUnitsOfOne() {
        int m = 80;
        double[] unit = new double[2 * m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            unit[2 * i] = Math.sin(1.3 * i);
            unit[2 * i + 1] = Math.cos(0.7 * i);
            y[i] = 2 * unit[2 * i] + unit[2 * i + 1] + 0.1 * Math.sin(5.0 * i);
        }
        double[] small = unit.clone();
        for (int i = 0; i < m; i++) {
            small[2 * i] *= 0x1p-50; // a power of two: standardized, the two problems are the same bits
        }
        GradientDescentOptions o = GradientDescentOptions.defaults().withStandardize(true).withIntercept(true)
                .withMaxEpochs(300);
        GradientDescentResult a = new GradientDescent(o).fit(Dataset.of(m, 2, unit, y.clone()));
        GradientDescentResult b = new GradientDescent(o).fit(Dataset.of(m, 2, small, y.clone()));
        assertThat(a.model().coefficient(0)).isGreaterThan(1.5);
        assertThat(b.model().coefficient(0) * 0x1p-50).isCloseTo(a.model().coefficient(0),
                within(1e-9 * Math.abs(a.model().coefficient(0))));
        assertThat(b.model().coefficient(1)).isCloseTo(a.model().coefficient(1), within(1e-9));
    }

    @Test
    void sparseGradientDescentFitsAColumnInSmallUnitsLikeTheSameColumnInUnitsOfOne() {
        int m = 80;
        double[] unit = new double[2 * m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            unit[2 * i] = i % 3 == 0 ? 0 : Math.sin(1.3 * i); // some zeros: a sparse column
            unit[2 * i + 1] = Math.cos(0.7 * i);
            y[i] = 2 * unit[2 * i] + unit[2 * i + 1] + 0.1 * Math.sin(5.0 * i);
        }
        double[] small = unit.clone();
        for (int i = 0; i < m; i++) {
            small[2 * i] *= 0x1p-50;
        }
        GradientDescentOptions o = GradientDescentOptions.defaults().withStandardize(true).withIntercept(true)
                .withMaxEpochs(300);
        GradientDescentResult a = new GradientDescent(o).fit(SparseDesign.of(CsrMatrix.fromDense(m, 2, unit),
                y.clone(), null, null, null, true));
        GradientDescentResult b = new GradientDescent(o).fit(SparseDesign.of(CsrMatrix.fromDense(m, 2, small),
                y.clone(), null, null, null, true));
        assertThat(a.model().coefficient(0)).isGreaterThan(1.5);
        assertThat(b.model().coefficient(0) * 0x1p-50).isCloseTo(a.model().coefficient(0),
                within(1e-9 * Math.abs(a.model().coefficient(0))));
        assertThat(b.model().coefficient(1)).isCloseTo(a.model().coefficient(1), within(1e-9));
    }
}
