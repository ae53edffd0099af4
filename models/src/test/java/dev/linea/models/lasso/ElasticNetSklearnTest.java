package dev.linea.models.lasso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linea.models.Dataset;
import dev.linea.models.lasso.ElasticNetOptions.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scikit-learn mapping: sklearn {@code ElasticNet(alpha, l1_ratio)} / {@code Lasso(alpha)} (1.2.1, tol 1e-15,
 * goldens by make_lasso_goldens.py on raw diabetes) equals Linea at λ = alpha, α = l1_ratio, standardize = false,
 * unit weights. Tolerance: max_j |β_j − β_j^sklearn| ≤ 1e-8·max(max_j |β_j^sklearn|, |b^sklearn|) (reached:
 * below 1e-10 at all nine points).
 */
class ElasticNetSklearnTest {

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"COVARIANCE", "NAIVE"})
    void matchesScikitLearn(Mode mode) {
        Dataset data = Goldens.diabetes();
        Goldens.Table golden = Goldens.table("diabetes_sklearn.csv");
        assertThat(golden.rows().length).isEqualTo(9);
        for (double[] row : golden.rows()) {
            double alpha = row[0];
            double l1Ratio = row[1];
            ElasticNetOptions o = ElasticNetOptions.elasticNet(l1Ratio).withStandardize(false)
                    .withLambdas(new double[] {alpha}).withThreshold(1e-24, 10_000_000).withMode(mode);
            ElasticNetPath path = new ElasticNet(o).fit(data);
            assertThat(path.converged(0)).isTrue();
            double scale = Math.abs(row[2]);
            for (int j = 3; j < row.length; j++) {
                scale = Math.max(scale, Math.abs(row[j]));
            }
            double err = Math.abs(path.intercept(0) - row[2]);
            double[] b = path.coefficients(0);
            for (int j = 0; j < b.length; j++) {
                err = Math.max(err, Math.abs(b[j] - row[j + 3]));
            }
            assertThat(err).as("alpha %s l1_ratio %s", alpha, l1Ratio).isLessThanOrEqualTo(1e-8 * scale);
        }
    }
}
