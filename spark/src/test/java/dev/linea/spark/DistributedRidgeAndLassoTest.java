package dev.linea.spark;

import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.LinearModel;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.lasso.ElasticNetPath;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Ridge and the elastic-net path from one distributed pass equal the single-machine fits on the same rows:
 * ridge to 1e-9 relative (the Gram matrices differ only in summation order), the path to 1e-7 (coordinate descent
 * stops at the same threshold on both, from Gram matrices equal to rounding).
 */
class DistributedRidgeAndLassoTest {

    @Test
    void ridgeEqualsTheSingleMachineCholeskyFit() {
        Dataset d = DistributedLinearRegressionTest.data(777, 12, true, 5);
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, LocalSpark.uneven(777, 4)),
                "features", "label").withWeights("weight").withBlockRows(64);
        for (boolean icpt : new boolean[] {true, false}) {
            RidgeOptions o = RidgeOptions.defaults().withAlpha(3.0).withIntercept(icpt);
            LinearModel got = new DistributedRidge(o).fit(dd).model();
            LinearModel expected = new Ridge(o, Backends.named("vector")).fit(d).model();
            DistributedLinearRegressionTest.assertSameModel(got, expected, 1e-9);
        }
    }

    @Test
    void elasticNetPathEqualsTheSingleMachinePath() {
        Dataset d = DistributedLinearRegressionTest.data(600, 15, true, 8);
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, LocalSpark.uneven(600, 3)),
                "features", "label").withWeights("weight");
        for (double alpha : new double[] {1.0, 0.5}) {
            ElasticNetOptions o = ElasticNetOptions.lasso().withAlpha(alpha).withPath(40, 1e-3)
                    .withMode(ElasticNetOptions.Mode.COVARIANCE);
            ElasticNetPath got = new DistributedElasticNet(o).fit(dd);
            ElasticNetPath expected = new ElasticNet(o, Backends.named("vector")).fit(d);
            assertThat(got.size()).isEqualTo(expected.size());
            for (int k = 0; k < expected.size(); k++) {
                assertThat(got.lambda(k)).isCloseTo(expected.lambda(k), within(1e-9 * expected.lambda(k)));
                assertThat(got.intercept(k)).isCloseTo(expected.intercept(k),
                        within(1e-7 * (1 + Math.abs(expected.intercept(k)))));
                for (int j = 0; j < 15; j++) {
                    double e = expected.coefficients(k)[j];
                    assertThat(got.coefficients(k)[j]).as("λ%d β%d", k, j).isCloseTo(e, within(1e-7 * (1 + Math.abs(e))));
                }
            }
            assertThat(got.report().notes()).anyMatch(s -> s.startsWith("covariance updates from moments (600 rows"));
        }
    }

    /**
     * MLlib's normal-equation and IRLS solvers refuse more than 4096 features; here the only limit is the driver's
     * heap: ridge with 4100 features (a 4101×4101 moment matrix per partition, merged and solved on the driver), and
     * a clear error, before any job, when the matrices could not fit.
     */
    @Test
    void moreFeaturesThanMllibAllowsLimitedOnlyByTheDriversHeap() {
        int p = 4100;
        int m = 60;
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        double[] x = new double[m * p];
        double[] y = new double[m];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        for (int i = 0; i < m; i++) {
            y[i] = x[i * p] - 2 * x[i * p + 7] + 0.1 * r.nextGaussian();
        }
        Dataset d = Dataset.of(m, p, x, y);
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, 25, 35), "features", "label");
        RidgeOptions o = RidgeOptions.defaults().withAlpha(1.0);
        LinearModel got = new DistributedRidge(o).fit(dd).model();
        LinearModel expected = new Ridge(o, Backends.named("vector")).fit(d).model();
        assertThat(got.featureCount()).isEqualTo(p);
        for (int j : new int[] {0, 7, 100, 4099}) {
            assertThat(got.coefficient(j)).isCloseTo(expected.coefficient(j), within(1e-9));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriverMemory.check(200_000, 4, "least squares"))
                .hasMessageContaining("least squares with 200000 columns needs about 1220703 MiB on the driver");
    }
}
