package dev.linea.models.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.linea.models.GoldenFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Against scikit-learn 1.2.1 on fixed predictions (golden/logistic/metrics.json). */
class ClassificationMetricsTest {
    static final JsonNode G = GoldenFiles.json("logistic/metrics.json");
    static final double[] Y = GoldenFiles.doubles(G.get("y"));
    static final double[] P = GoldenFiles.doubles(G.get("p"));
    static final double[] W = GoldenFiles.doubles(G.get("w"));

    static double[] hard(double[] p) {
        double[] h = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            h[i] = p[i] > 0.5 ? 1 : 0;
        }
        return h;
    }

    @Test
    void binaryMetricsMatchSklearn() {
        assertThat(ClassificationMetrics.logLoss(Y, P)).isCloseTo(G.get("log_loss").asDouble(), within(1e-13));
        assertThat(ClassificationMetrics.logLoss(Y, P, W)).isCloseTo(G.get("log_loss_w").asDouble(), within(1e-13));
        assertThat(ClassificationMetrics.accuracy(Y, hard(P), null)).isEqualTo(G.get("accuracy").asDouble());
        assertThat(ClassificationMetrics.accuracy(Y, hard(P), W))
                .isCloseTo(G.get("accuracy_w").asDouble(), within(1e-15));
        assertThat(ClassificationMetrics.brierScore(Y, P, null)).isCloseTo(G.get("brier").asDouble(), within(1e-15));
        assertThat(ClassificationMetrics.brierScore(Y, P, W)).isCloseTo(G.get("brier_w").asDouble(), within(1e-15));
        assertThat(ClassificationMetrics.rocAuc(Y, P, null)).isCloseTo(G.get("roc_auc").asDouble(), within(1e-14));
        assertThat(ClassificationMetrics.rocAuc(Y, P, W)).isCloseTo(G.get("roc_auc_w").asDouble(), within(1e-14));
    }

    @Test
    void confusionMatricesMatchSklearn() {
        long[][] c = ClassificationMetrics.confusionMatrix(Y, hard(P), 2);
        double[][] cw = ClassificationMetrics.confusionMatrix(Y, hard(P), 2, W);
        for (int t = 0; t < 2; t++) {
            for (int q = 0; q < 2; q++) {
                assertThat(c[t][q]).isEqualTo(G.get("confusion").get(t).get(q).asLong());
                assertThat(cw[t][q]).isEqualTo(G.get("confusion_w").get(t).get(q).asDouble());
            }
        }
        double[] y3 = GoldenFiles.doubles(G.get("y3"));
        double[][] p3 = new double[y3.length][];
        double[] pred3 = new double[y3.length];
        for (int i = 0; i < y3.length; i++) {
            p3[i] = GoldenFiles.doubles(G.get("p3").get(i));
            int best = 0;
            for (int k = 1; k < 3; k++) {
                if (p3[i][k] > p3[i][best]) {
                    best = k;
                }
            }
            pred3[i] = best;
        }
        long[][] c3 = ClassificationMetrics.confusionMatrix(y3, pred3, 3);
        for (int t = 0; t < 3; t++) {
            for (int q = 0; q < 3; q++) {
                assertThat(c3[t][q]).isEqualTo(G.get("confusion3").get(t).get(q).asLong());
            }
        }
        assertThat(ClassificationMetrics.accuracy(y3, pred3, null)).isEqualTo(G.get("accuracy3").asDouble());
        assertThat(ClassificationMetrics.logLoss(y3, p3, null)).isCloseTo(G.get("log_loss3").asDouble(), within(1e-13));
    }

    @Test
    void reliabilityBinsMatchCalibrationCurve() {
        List<ReliabilityBin> bins = ClassificationMetrics.reliability(Y, P, 10);
        assertThat(bins).hasSize(10);
        double[] pt = GoldenFiles.doubles(G.get("calibration_prob_true"));
        double[] pp = GoldenFiles.doubles(G.get("calibration_prob_pred"));
        int k = 0;
        int total = 0;
        for (ReliabilityBin b : bins) {
            total += b.count();
            if (b.count() == 0) {
                assertThat(b.meanPredicted()).isNaN();
                continue;
            }
            assertThat(b.observedRate()).as("bin " + b).isCloseTo(pt[k], within(1e-14));
            assertThat(b.meanPredicted()).as("bin " + b).isCloseTo(pp[k], within(1e-14));
            k++;
        }
        assertThat(k).isEqualTo(pt.length);
        assertThat(total).isEqualTo(Y.length);
    }

    @Test
    void weightedReliabilityCountsRowsAndWeights() {
        double[] y = {0, 1, 1, 0, 1};
        double[] p = {0.1, 0.15, 0.5, 0.55, 1.0};
        double[] w = {1, 3, 2, 2, 1};
        List<ReliabilityBin> bins = ClassificationMetrics.reliability(y, p, 2, w);
        // 0.5 is on the inner edge: lower bin, as numpy.searchsorted(side="left")
        assertThat(bins.get(0).count()).isEqualTo(3);
        assertThat(bins.get(0).weight()).isEqualTo(6);
        assertThat(bins.get(0).meanPredicted()).isCloseTo((0.1 + 3 * 0.15 + 2 * 0.5) / 6, within(1e-15));
        assertThat(bins.get(0).observedRate()).isCloseTo(5 / 6.0, within(1e-15));
        assertThat(bins.get(1).count()).isEqualTo(2);
        assertThat(bins.get(1).observedRate()).isCloseTo(1 / 3.0, within(1e-15));
        double[] ones = {1, 1, 1, 1, 1};
        assertThat(ClassificationMetrics.reliability(y, p, 2, ones))
                .isEqualTo(ClassificationMetrics.reliability(y, p, 2));
    }

    @Test
    void aucHandlesTiesAsAverageRanks() {
        // one positive and one negative tied at 0.5: half credit
        assertThat(ClassificationMetrics.rocAuc(new double[] {0, 1, 0, 1}, new double[] {0.1, 0.5, 0.5, 0.9}, null))
                .isCloseTo(0.875, within(1e-15));
    }

    @Test
    void misuseIsNamed() {
        assertThatThrownBy(() -> ClassificationMetrics.logLoss(new double[] {0, 2}, new double[] {0.1, 0.2}))
                .hasMessageContaining("yTrue has 2.0 at index 1");
        assertThatThrownBy(() -> ClassificationMetrics.logLoss(new double[] {0, 1}, new double[] {0.1, 1.2}))
                .hasMessageContaining("p has 1.2 at index 1");
        assertThatThrownBy(() -> ClassificationMetrics.rocAuc(new double[] {1, 1}, new double[] {0.1, 0.2}, null))
                .hasMessageContaining("only class 1");
        assertThatThrownBy(() -> ClassificationMetrics.reliability(Y, P, 0)).hasMessageContaining("bins is 0");
    }
}
