package dev.linea.models.lasso;

import dev.linea.models.Dataset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No column and no intercept is misuse for the lasso as for every other estimator (issue 13, item 10). */
class ElasticNetEmptyModelTest {
    private static final Dataset EMPTY = Dataset.of(5, 0, new double[0], new double[] {1, 2, 3, 4, 5});

    @Test
    void pathCvAndSingleLambdaRefuseAnEmptyModel() {
        ElasticNetOptions none = ElasticNetOptions.lasso().withIntercept(false);
        assertThatThrownBy(() -> new ElasticNet(none).fit(EMPTY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing to fit: the dataset has 0 columns and fitIntercept is false");
        assertThatThrownBy(() -> new ElasticNet(none.withLambdas(new double[] {0.1})).fit(EMPTY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to fit");
        assertThatThrownBy(() -> new ElasticNetCV(none, 5, 1L, dev.linea.kernels.Backends.defaultBackend())
                .fit(EMPTY)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to fit");
    }
}
