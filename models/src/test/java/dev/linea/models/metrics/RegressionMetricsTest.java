package dev.linea.models.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RegressionMetrics against scikit-learn 1.2.1's mean_squared_error, mean_absolute_error, r2_score and
 * mean_absolute_percentage_error (with and without sample_weight), to 1e-12 relative; the adjusted R² golden is the
 * textbook formula on scikit-learn's r2_score. Goldens: src/test/goldens/make_preprocessing_goldens.py.
 */
class RegressionMetricsTest {
    private static final double REL = 1e-12;

    private static JsonNode root() throws IOException {
        try (InputStream in = RegressionMetricsTest.class.getResourceAsStream("/golden/preprocessing.json")) {
            assertThat(in).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ols", "ols_weighted", "rough", "rough_weighted"})
    void matchesScikitLearn(String name) throws IOException {
        JsonNode root = root();
        JsonNode m = root.get("metrics");
        JsonNode g = m.get(name);
        double[] y = doubles(root.get("y"));
        double[] yhat = doubles(m.get(name.startsWith("ols") ? "yhat_ols" : "yhat_rough"));
        double[] w = g.get("weighted").asBoolean() ? doubles(root.get("weights")) : null;
        int p = g.get("p").asInt();
        close(name + " mse", RegressionMetrics.mse(y, yhat, w), g.get("mse").asDouble());
        close(name + " rmse", RegressionMetrics.rmse(y, yhat, w), g.get("rmse").asDouble());
        close(name + " mae", RegressionMetrics.mae(y, yhat, w), g.get("mae").asDouble());
        close(name + " r2", RegressionMetrics.r2(y, yhat, w), g.get("r2").asDouble());
        close(name + " adjusted r2", RegressionMetrics.adjustedR2(y, yhat, w, p), g.get("adjusted_r2").asDouble());
        close(name + " mape", RegressionMetrics.mape(y, yhat, w), g.get("mape").asDouble());
        if (w == null) {
            assertThat(RegressionMetrics.mse(y, yhat)).isEqualTo(RegressionMetrics.mse(y, yhat, null));
            assertThat(RegressionMetrics.rmse(y, yhat)).isEqualTo(RegressionMetrics.rmse(y, yhat, null));
            assertThat(RegressionMetrics.mae(y, yhat)).isEqualTo(RegressionMetrics.mae(y, yhat, null));
            assertThat(RegressionMetrics.r2(y, yhat)).isEqualTo(RegressionMetrics.r2(y, yhat, null));
            assertThat(RegressionMetrics.mape(y, yhat)).isEqualTo(RegressionMetrics.mape(y, yhat, null));
            assertThat(RegressionMetrics.adjustedR2(y, yhat, p))
                    .isEqualTo(RegressionMetrics.adjustedR2(y, yhat, null, p));
        }
        RegressionReport r = RegressionReport.of(y, yhat, w, p);
        assertThat(r).isEqualTo(new RegressionReport(RegressionMetrics.mse(y, yhat, w),
                RegressionMetrics.rmse(y, yhat, w), RegressionMetrics.mae(y, yhat, w), RegressionMetrics.r2(y, yhat, w),
                RegressionMetrics.adjustedR2(y, yhat, w, p), RegressionMetrics.mape(y, yhat, w)));
    }

    @Test
    void constantTargetR2IsUndefinedNotOneOrZero() throws IOException {
        // scikit-learn's force_finite=True reports 1.0 / 0.0 here (the goldens); R² is undefined: NaN
        JsonNode m = root().get("metrics");
        assertThat(m.get("constant_y_r2_perfect").asDouble()).isEqualTo(1.0);
        double[] five = {5, 5, 5, 5};
        assertThat(RegressionMetrics.r2(five, five.clone())).isNaN();
        assertThat(RegressionMetrics.r2(five, new double[] {5, 6, 5, 5})).isNaN();
        assertThat(RegressionMetrics.adjustedR2(five, new double[] {5, 6, 5, 5}, 1)).isNaN();
        assertThat(RegressionReport.of(five, five.clone(), null, 1).r2()).isNaN();
        // constant over the rows that carry weight
        assertThat(RegressionMetrics.r2(new double[] {0.1, 0.1, 9}, new double[] {0.1, 0.1, 0},
                new double[] {0.3, 0.7, 0})).isNaN();
        assertThat(RegressionMetrics.r2(new double[] {0.1, 0.1}, new double[] {0.1, 0.2},
                new double[] {0.3, 0.7})).isNaN();
    }

    @Test
    void extremeScalesGetTheR2AndRmseOfScaleOne() {
        // y = 1, 2, 4 and ŷ = 1.5, 2, 3.5: SSR = 0.5, TSS = 14/3, R² = 1 − 0.5/(14/3) = 25/28, RMSE = √(1/6)
        double[] y = {1, 2, 4};
        double[] yhat = {1.5, 2, 3.5};
        for (double s : new double[] {1, 1e-310, 1e300, 1e308 / 4}) {
            double[] ys = {y[0] * s, y[1] * s, y[2] * s};
            double[] hs = {yhat[0] * s, yhat[1] * s, yhat[2] * s};
            double tol = s < 1e-300 ? 1e-10 : 1e-14; // subnormal inputs hold fewer digits themselves
            assertThat(RegressionMetrics.r2(ys, hs)).as("R² at %s", s).isCloseTo(25.0 / 28, offset(tol));
            assertThat(RegressionMetrics.rmse(ys, hs) / s).as("RMSE at %s", s)
                    .isCloseTo(Math.sqrt(1.0 / 6), offset(tol));
            assertThat(RegressionReport.of(ys, hs, null, 1).r2()).isEqualTo(RegressionMetrics.r2(ys, hs));
        }
        // residuals of ±1e308 whose difference overflows: R² is still the scale-1 value
        assertThat(RegressionMetrics.r2(new double[] {-1e308, 1e308}, new double[] {1e308, -1e308}))
                .isCloseTo(1 - 8.0 / 2, offset(1e-12));
    }

    @Test
    void mapeThrowsAtZeroTargetAndTheReportSaysNaN() {
        double[] y = {1, 0, 2};
        double[] yhat = {1, 0.5, 2};
        assertThatThrownBy(() -> RegressionMetrics.mape(y, yhat)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yTrue is 0 at index 1");
        assertThat(RegressionReport.of(y, yhat, null, 0).mape()).isNaN();
        // a zero target of weight 0 does not count
        assertThat(RegressionMetrics.mape(y, new double[] {2, 7, 2}, new double[] {1, 0, 1})).isEqualTo(0.5);
    }

    @Test
    void adjustedR2NeedsMoreRowsThanPredictorsPlusOne() {
        double[] y = {1, 2, 3};
        double[] yhat = {1.1, 1.9, 3.2};
        assertThat(RegressionMetrics.adjustedR2(y, yhat, 1)).isFinite();
        assertThatThrownBy(() -> RegressionMetrics.adjustedR2(y, yhat, 2))
                .hasMessageContaining("found 3 rows and p = 2, expected at least 4 rows");
        assertThatThrownBy(() -> RegressionMetrics.adjustedR2(y, yhat, -1))
                .hasMessageContaining("p is -1, expected a predictor count >= 0");
        assertThat(RegressionReport.of(y, yhat, null, 2).adjustedR2()).isNaN();
        assertThatThrownBy(() -> RegressionReport.of(y, yhat, null, -1)).hasMessageContaining("p is -1");
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> RegressionMetrics.mse(new double[3], new double[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yTrue has 3 values but yPred has 2");
        assertThatThrownBy(() -> RegressionMetrics.mae(new double[0], new double[0]))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> RegressionMetrics.r2(new double[] {1, Double.NaN}, new double[2]))
                .hasMessageContaining("yTrue has NaN at index 1");
        assertThatThrownBy(() -> RegressionMetrics.r2(new double[2], new double[] {0, Double.NEGATIVE_INFINITY}))
                .hasMessageContaining("yPred has -Infinity at index 1");
        assertThatThrownBy(() -> RegressionMetrics.mse(new double[2], new double[2], new double[3]))
                .hasMessageContaining("weights has 3 values but yTrue has 2");
        assertThatThrownBy(() -> RegressionMetrics.mse(new double[2], new double[2], new double[] {1, -1}))
                .hasMessageContaining("weights has -1.0 at index 1");
        assertThatThrownBy(() -> RegressionMetrics.mse(new double[2], new double[2], new double[] {0, 0}))
                .hasMessageContaining("all zero");
        assertThatThrownBy(() -> RegressionMetrics.rmse(null, new double[2])).hasMessageContaining("yTrue is null");
    }

    @Test
    void inputsAreNotModified() {
        double[] y = {1, 2, 4};
        double[] yhat = {1, 3, 3};
        double[] w = {1, 2, 3};
        RegressionReport.of(y, yhat, w, 1);
        assertThat(y).containsExactly(1, 2, 4);
        assertThat(yhat).containsExactly(1, 3, 3);
        assertThat(w).containsExactly(1, 2, 3);
    }

    private static void close(String what, double actual, double expected) {
        double tol = REL * Math.max(Math.abs(actual), Math.abs(expected));
        assertThat(Math.abs(actual - expected)).as(what + ": linea " + actual + " vs scikit-learn " + expected)
                .isLessThanOrEqualTo(tol);
    }

    private static double[] doubles(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }
}
