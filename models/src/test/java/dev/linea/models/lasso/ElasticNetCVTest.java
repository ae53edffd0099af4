package dev.linea.models.lasso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.linea.models.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * cv.glmnet (glmnet 4.1.6) with explicit foldid (and the full path's lambda) on diabetes, lasso, unweighted and
 * weighted: cvm and cvsd per λ to 1e-6 relative,
 * lambda.min and lambda.1se exactly the same λ of the path.
 */
class ElasticNetCVTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void matchesCvGlmnetWithExplicitFolds(boolean weighted) {
        String suffix = weighted ? "_weights" : "";
        Dataset data = Goldens.dataset("diabetes.csv", weighted ? Goldens.vector("diabetes_weights_w.txt") : null);
        int[] foldIds = java.util.Arrays.stream(Goldens.vector("diabetes_cv_foldid.txt"))
                .mapToInt(v -> (int) v - 1).toArray();
        Goldens.Table golden = Goldens.table("diabetes_cv" + suffix + ".csv");
        double[] choice = Goldens.lines("diabetes_cv" + suffix + "_choice.csv").stream()
                .mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
        ElasticNetCV cv = new ElasticNetCV(ElasticNetOptions.lasso().withThreshold(1e-22, 10_000_000), 5, 1);
        ElasticNetCVResult r = cv.fit(data, foldIds);

        double[] lambdas = golden.values("lambda");
        double[] cvm = golden.values("cvm");
        double[] cvsd = golden.values("cvsd");
        assertThat(r.converged()).isTrue();
        assertThat(r.path().size()).isEqualTo(lambdas.length);
        double[] m = r.meanError();
        double[] s = r.standardError();
        for (int k = 0; k < lambdas.length; k++) {
            assertThat(r.path().lambda(k)).isCloseTo(lambdas[k], within(1e-12 * lambdas[k]));
            assertThat(m[k]).as("cvm %d", k).isCloseTo(cvm[k], within(1e-6 * cvm[k]));
            assertThat(s[k]).as("cvsd %d", k).isCloseTo(cvsd[k], within(1e-6 * cvsd[k]));
        }
        assertThat(r.lambdaMin()).isCloseTo(choice[0], within(1e-12 * choice[0]));
        assertThat(r.lambda1se()).isCloseTo(choice[1], within(1e-12 * choice[1]));
        assertThat(r.lambda1se()).isGreaterThanOrEqualTo(r.lambdaMin());
        assertThat(r.modelMin().coefficients()).containsExactly(r.path().coefficients(r.lambdaMinIndex()));
        assertThat(r.model1se().coefficients()).containsExactly(r.path().coefficients(r.lambda1seIndex()));
    }

    @Test
    void seededFoldsAreBalancedAndReproducible() {
        int[] a = ElasticNetCV.shuffledFolds(103, 7, 42);
        int[] b = ElasticNetCV.shuffledFolds(103, 7, 42);
        assertThat(a).containsExactly(b);
        int[] size = new int[7];
        for (int id : a) {
            size[id]++;
        }
        for (int c : size) {
            assertThat(c).isBetween(103 / 7, 103 / 7 + 1);
        }
        assertThat(ElasticNetCV.shuffledFolds(103, 7, 43)).isNotEqualTo(a);
        ElasticNetCVResult r = new ElasticNetCV(ElasticNetOptions.lasso().withPath(20, 1e-3), 4, 9)
                .fit(Goldens.diabetes());
        assertThat(r.foldIds()).containsExactly(ElasticNetCV.shuffledFolds(442, 4, 9));
        assertThat(r.meanError()).hasSize(20);
        assertThat(r.lambda1seIndex()).isLessThanOrEqualTo(r.lambdaMinIndex());
    }

    @Test
    void rejectsBadFolds() {
        Dataset data = Goldens.diabetes();
        ElasticNetCV cv = new ElasticNetCV(ElasticNetOptions.lasso(), 5, 1);
        assertThatThrownBy(() -> cv.fit(data, new int[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("foldIds has 3 values, expected 442");
        int[] gap = new int[442];
        for (int i = 0; i < 442; i++) {
            gap[i] = i % 2 == 0 ? 0 : 2;
        }
        assertThatThrownBy(() -> cv.fit(data, gap)).hasMessageContaining("fold 1 is empty");
        assertThatThrownBy(() -> new ElasticNetCV(ElasticNetOptions.lasso(), 1, 1))
                .hasMessageContaining("folds is 1, expected at least 2");
    }
}
