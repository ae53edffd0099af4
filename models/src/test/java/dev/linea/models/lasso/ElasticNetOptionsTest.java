package dev.linea.models.lasso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.linea.models.Dataset;
import dev.linea.models.lasso.ElasticNetOptions.Mode;
import org.junit.jupiter.api.Test;

/** Every error the options and the estimator promise, the reporting of non-convergence, and degenerate shapes. */
class ElasticNetOptionsTest {
    private static final ElasticNetOptions L = ElasticNetOptions.lasso();

    @Test
    void rejectsBadOptionsNamingTheValue() {
        assertThatThrownBy(() -> L.withAlpha(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("l1_ratio is 1.5 (the l1 share of the penalty: --l1-ratio, glmnet's alpha), expected a value in"
                        + " [0, 1]");
        assertThatThrownBy(() -> L.withAlpha(Double.NaN)).hasMessageContaining("l1_ratio is NaN");
        assertThatThrownBy(() -> L.withPath(0, 0.1)).hasMessageContaining("nLambda is 0");
        assertThatThrownBy(() -> L.withPath(10, 1)).hasMessageContaining("lambdaMinRatio is 1.0");
        assertThatThrownBy(() -> L.withLambdas(new double[0])).hasMessageContaining("lambdas is empty");
        assertThatThrownBy(() -> L.withLambdas(new double[] {1, -2})).hasMessageContaining("lambdas[1] is -2.0");
        assertThatThrownBy(() -> L.withPenaltyFactors(new double[] {1, -1}))
                .hasMessageContaining("penaltyFactors[1] is -1.0");
        assertThatThrownBy(() -> L.withPenaltyFactors(new double[] {0, 0}))
                .hasMessageContaining("penaltyFactors are all zero");
        assertThatThrownBy(() -> L.withThreshold(0, 10)).hasMessageContaining("threshold (--tol) is 0.0");
        assertThatThrownBy(() -> L.withThreshold(1e-7, 0)).hasMessageContaining("maxPasses (--max-iter) is 0");
        assertThatThrownBy(() -> L.withMode(null)).hasMessageContaining("mode is null");
        assertThatThrownBy(() -> new ElasticNet(L.withPenaltyFactors(new double[] {1, 2})).fit(Goldens.diabetes()))
                .hasMessage("penaltyFactors has 2 values, expected 10 (one per feature)");
        assertThatThrownBy(() -> ElasticNet.fromGlmnet(1, 0.5, 0)).hasMessageContaining("sdY is 0.0");
    }

    @Test
    void optionsAreImmutable() {
        double[] pf = {1, 2};
        ElasticNetOptions o = L.withPenaltyFactors(pf);
        pf[0] = 7;
        assertThat(o.penaltyFactors()).containsExactly(1, 2);
        o.penaltyFactors()[1] = 9;
        assertThat(o.penaltyFactors()).containsExactly(1, 2);
    }

    @Test
    void nonConvergenceIsReportedPerLambda() {
        ElasticNetPath path = new ElasticNet(L.withThreshold(1e-30, 1)).fit(Goldens.diabetes());
        assertThat(path.report().converged()).isFalse();
        assertThat(path.report().status()).contains("within maxPasses = 1").contains("maxPasses hit");
        assertThat(path.converged(0)).isTrue();
        assertThat(path.converged(path.size() - 1)).isFalse();
        // the certificate says how far it got: the worst λ's gap, above the tolerance
        assertThat(path.report().certificate().met()).isFalse();
        assertThat(path.report().certificate().value()).isGreaterThan(1e-30);
    }

    @Test
    void defaultsCertifyTheDualityGapAtEveryLambda() {
        ElasticNetPath lasso = new ElasticNet(L).fit(Goldens.diabetes());
        assertThat(lasso.report().converged()).isTrue();
        for (int k = 0; k < lasso.size(); k++) {
            assertThat(lasso.certificate(k).kind()).isEqualTo(dev.linea.models.Certificate.Kind.RELATIVE_DUALITY_GAP);
            assertThat(lasso.certificate(k).value()).isLessThanOrEqualTo(ElasticNetOptions.DEFAULT_TOL);
            // the lasso is not strongly convex: no distance bound
            assertThat(lasso.certificate(k).distanceBound()).isNaN();
        }
        assertThat(lasso.report().toString()).contains("certified: relative duality gap");
        ElasticNetPath en = new ElasticNet(ElasticNetOptions.elasticNet(0.5)).fit(Goldens.diabetes());
        assertThat(en.report().certificate().distanceBound()).isFinite().isPositive();
    }

    @Test
    void reportNamesSolverAndAutomaticChoice() {
        ElasticNetPath path = new ElasticNet(L).fit(Goldens.diabetes());
        assertThat(path.report().solver()).isEqualTo("cd-covariance");
        assertThat(path.report().notes().getFirst()).startsWith("auto mode: covariance updates");
        assertThat(path.report().estimator()).isEqualTo("lasso");
        assertThat(path.report().iterations()).isPositive();
        Dataset wide = ElasticNetPropertiesTest.randomData(9, 600, 3, false);
        ElasticNetPath w = new ElasticNet(ElasticNetOptions.elasticNet(0.3).withPath(5, 0.1)).fit(wide);
        assertThat(w.report().solver()).isEqualTo("cd-naive");
        assertThat(w.report().estimator()).isEqualTo("elasticnet");
    }

    @Test
    void modelAtALambdaPredictsWithItsCoefficients() {
        Dataset d = Goldens.diabetes();
        ElasticNetPath path = new ElasticNet(L.withThreshold(1e-20, 1_000_000)).fit(d);
        var model = path.model(50);
        double[] row = new double[10];
        for (int j = 0; j < 10; j++) {
            row[j] = d.x(3, j);
        }
        double expected = path.intercept(50);
        for (int j = 0; j < 10; j++) {
            expected += path.coefficients(50)[j] * row[j];
        }
        assertThat(model.predict(row)).isCloseTo(expected, within(1e-9));
        assertThat(model.featureNames()).containsExactlyElementsOf(d.featureNames());
    }

    @Test
    void degenerateShapes() {
        for (Mode mode : new Mode[] {Mode.COVARIANCE, Mode.NAIVE}) {
            // no features: the intercept is the weighted mean
            Dataset none = Dataset.of(3, 0, new double[0], new double[] {1, 2, 6}, new double[] {1, 1, 2}, null,
                    "y");
            ElasticNetPath p0 = new ElasticNet(L.withMode(mode).withPath(4, 0.1)).fit(none);
            assertThat(p0.intercept(3)).isCloseTo(3.75, within(1e-12));
            // one row: every column is constant, left out
            Dataset one = Dataset.of(1, 2, new double[] {3, 4}, new double[] {5});
            ElasticNetPath p1 = new ElasticNet(L.withMode(mode).withPath(3, 0.1)).fit(one);
            assertThat(p1.coefficients(2)).containsExactly(0, 0);
            assertThat(p1.intercept(2)).isEqualTo(5);
            assertThat(p1.report().notes()).anyMatch(s -> s.contains("2 constant column(s) left out"));
        }
    }
}
