package dev.linea.spark;

import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.lasso.ElasticNetCV;
import dev.linea.models.lasso.ElasticNetCVResult;
import dev.linea.models.lasso.ElasticNetOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * One-pass cross-validation on Spark equals the single machine's row-based cross-validation with the same folds
 * (recomputed here from the documented hash): mean errors to 1e-7 relative, standard errors to 1e-6, the same
 * λ.min and λ.1se.
 */
class DistributedElasticNetCVTest {

    @Test
    void equalsRowBasedCvWithTheSameFolds() {
        int m = 900;
        Dataset d = DistributedLinearRegressionTest.data(m, 10, true, 12);
        int[] sizes = LocalSpark.uneven(m, 4);
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, sizes), "features", "label")
                .withWeights("weight").withBlockRows(128);
        ElasticNetOptions o = ElasticNetOptions.lasso().withAlpha(0.7).withPath(30, 1e-3)
                .withMode(ElasticNetOptions.Mode.COVARIANCE);
        ElasticNetCVResult got = new DistributedElasticNetCV(o, 5, 99).fit(dd);
        assertSameAsRowBasedCv(got, d, sizes, o, 5, 99);
        assertThat(got.modelMin().coefficients()).hasSize(10);
    }

    /**
     * Compares a distributed CV with the single machine's row-based CV on the same folds, recomputed from the
     * documented hash over the partition sizes the data were split into.
     */
    static void assertSameAsRowBasedCv(ElasticNetCVResult got, Dataset d, int[] sizes, ElasticNetOptions o, int k,
                                       long seed) {
        int[] folds = new int[d.rows()];
        int i = 0;
        for (int p = 0; p < sizes.length; p++) {
            for (int r = 0; r < sizes[p]; r++, i++) {
                folds[i] = DistributedElasticNetCV.fold(seed, p, r, k);
            }
        }
        ElasticNetCVResult expected = new ElasticNetCV(o, k, seed, Backends.named("vector")).fit(d, folds);
        assertThat(got.lambdaMinIndex()).isEqualTo(expected.lambdaMinIndex());
        assertThat(got.lambda1seIndex()).isEqualTo(expected.lambda1seIndex());
        for (int l = 0; l < expected.meanError().length; l++) {
            assertThat(got.meanError()[l]).isCloseTo(expected.meanError()[l], within(1e-7 * expected.meanError()[l]));
            assertThat(got.standardError()[l]).isCloseTo(expected.standardError()[l],
                    within(1e-6 * expected.standardError()[l] + 1e-12));
        }
    }

    @Test
    void tooFewRowsForTheFoldsIsNamed() {
        Dataset d = DistributedLinearRegressionTest.data(3, 2, false, 1);
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, 3), "features", "label");
        assertThatThrownBy(() -> new DistributedElasticNetCV(ElasticNetOptions.lasso(), 10, 1).fit(dd))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("received no rows of positive weight");
        assertThatThrownBy(() -> new DistributedElasticNetCV(ElasticNetOptions.lasso(), 1, 1))
                .hasMessage("folds is 1, expected at least 2");
    }
}
