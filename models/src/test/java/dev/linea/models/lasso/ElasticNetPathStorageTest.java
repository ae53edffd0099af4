package dev.linea.models.lasso;

import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The path stores its coefficients sparsely (the non-zeros of each λ, indices increasing): every accessor must
 * agree with the dense view, and the dense view with the solver's coefficients (checked against glmnet and
 * scikit-learn elsewhere, through {@link ElasticNetPath#coefficients(int)}).
 */
class ElasticNetPathStorageTest {

    /** 80 × 25, 10 informative columns: the path goes from 0 to most columns non-zero. */
    private static Dataset data() {
        Random r = new Random(7);
        int n = 80;
        int p = 25;
        double[] x = new double[n * p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                x[i * p + j] = r.nextGaussian();
                s += j < 10 ? (j + 1) * 0.3 * x[i * p + j] : 0;
            }
            y[i] = 2 + s + r.nextGaussian();
        }
        return Dataset.of(n, p, x, y);
    }

    @Test
    void everyAccessorAgreesWithTheDenseCoefficients() {
        Dataset d = data();
        ElasticNetPath path = new ElasticNet(ElasticNetOptions.lasso().withPath(20, 1e-3), Backends.named("scalar"))
                .fit(d);
        int p = d.cols();
        assertThat(path.features()).isEqualTo(p);
        assertThat(path.nonZero(0)).isZero();
        assertThat(path.nonZero(path.size() - 1)).isGreaterThan(10);
        double[] x = d.xUnsafe();
        for (int k = 0; k < path.size(); k++) {
            double[] dense = path.coefficients(k);
            int[] idx = path.nonZeroIndices(k);
            double[] val = path.nonZeroValues(k);
            assertThat(idx).hasSize(path.nonZero(k)).isSorted().doesNotHaveDuplicates();
            assertThat(val).hasSize(idx.length).doesNotContain(0.0);
            int t = 0;
            for (int j = 0; j < p; j++) {
                assertThat(path.coefficient(k, j)).as("k=%d j=%d", k, j).isEqualTo(dense[j]);
                if (dense[j] != 0) {
                    assertThat(idx[t]).isEqualTo(j);
                    assertThat(val[t++]).isEqualTo(dense[j]);
                }
            }
            assertThat(t).isEqualTo(idx.length);
            for (int i = 0; i < d.rows(); i++) {
                double expected = path.intercept(k);
                for (int j = 0; j < p; j++) {
                    expected += dense[j] * x[i * p + j];
                }
                // the same terms in the same order, less the zeros: the same bits
                assertThat(path.predict(k, x, i * p)).isEqualTo(expected);
            }
            assertThat(path.model(k).coefficients()).containsExactly(dense);
            assertThat(path.model(k).intercept()).isEqualTo(path.intercept(k));
        }
    }

    @Test
    void arraysReturnedAreCopies() {
        ElasticNetPath path = new ElasticNet(ElasticNetOptions.lasso().withPath(5, 1e-2)).fit(data());
        int k = path.size() - 1;
        double before = path.coefficient(k, path.nonZeroIndices(k)[0]);
        path.coefficients(k)[path.nonZeroIndices(k)[0]] = 99;
        path.nonZeroValues(k)[0] = 99;
        path.nonZeroIndices(k)[0] = 24;
        path.lambdas()[k] = 99;
        assertThat(path.coefficient(k, path.nonZeroIndices(k)[0])).isEqualTo(before);
        assertThat(path.lambda(k)).isNotEqualTo(99);
    }

    @Test
    void outOfRangeFeaturesAndRowsAreRefused() {
        ElasticNetPath path = new ElasticNet(ElasticNetOptions.lasso().withPath(5, 1e-2)).fit(data());
        assertThatThrownBy(() -> path.coefficient(0, 25)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> path.coefficient(0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> path.predict(0, new double[30], 6)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
