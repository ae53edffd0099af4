package dev.linea.models.scoring;

import dev.linea.models.Distribution;
import dev.linea.models.LinearPredictor;
import dev.linea.models.glm.Link;
import dev.linea.models.preprocessing.Preprocessing;

import dev.linea.kernels.RowDot;
import dev.linea.models.LinearModel;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.preprocessing.PolynomialFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class ScorerTest {

    static LinearModel model(int p, long seed) {
        Random r = new Random(seed);
        double[] beta = new double[p];
        for (int j = 0; j < p; j++) {
            beta[j] = r.nextGaussian();
        }
        return new LinearModel(r.nextGaussian(), beta, null, null);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 7, 8, 9, 16, 64, 103, 256})
    void scoresLikeThePlainPredictorForDoubleAndFloatRows(int p) {
        LinearModel m = model(p, p);
        Scorer s = Scorer.of(m);
        Random r = new Random(99);
        double[] row = new double[p];
        float[] frow = new float[p];
        double[] widened = new double[p];
        for (int t = 0; t < 50; t++) {
            double scale = 0;
            for (int j = 0; j < p; j++) {
                frow[j] = (float) r.nextGaussian();
                widened[j] = frow[j];
                row[j] = r.nextGaussian();
                scale += Math.abs(m.coefficient(j) * row[j]) + Math.abs(m.coefficient(j) * widened[j]);
            }
            double tol = 1e-14 * (scale + Math.abs(m.intercept()) + 1);
            assertThat(s.score(row)).isCloseTo(m.predict(row), offset(tol));
            assertThat(s.score(frow)).isCloseTo(m.predict(widened), offset(tol));
            assertThat(s.score(row)).as("same bits on every call").isEqualTo(s.score(row.clone()));
        }
    }

    @Test
    void batchAndTopKAgreeWithSingleRowsAndASort() {
        int p = 13;
        int count = 500;
        Scorer s = Scorer.of(model(p, 5));
        Random r = new Random(6);
        double[] rows = new double[3 + count * p];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = r.nextInt(5) - 2; // small integers: many exact ties
        }
        double[] out = new double[count + 1];
        s.score(rows, 3, count, out, 1);
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
            assertThat(out[1 + i]).isEqualTo(s.score(Arrays.copyOfRange(rows, 3 + i * p, 3 + (i + 1) * p)));
        }
        float[] frows = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            frows[i] = (float) rows[i];
        }
        double[] fout = new double[count + 1];
        s.score(frows, 3, count, fout, 1);
        for (int i = 0; i <= count; i++) {
            // same values, but the float kernel sums in its own fixed order: agreement to rounding
            assertThat(fout[i]).isCloseTo(out[i], offset(1e-12));
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -out[1 + i]).thenComparingInt(i -> i));
        for (int k : new int[] {0, 1, 10, 499, 500, 800}) {
            int[] idx = new int[Math.min(k, count)];
            double[] sc = new double[idx.length];
            int got = s.topK(rows, 3, count, k, idx, sc);
            assertThat(got).isEqualTo(Math.min(k, count));
            for (int i = 0; i < got; i++) {
                assertThat(idx[i]).as("rank %d of top %d", i, k).isEqualTo(order[i]);
                assertThat(sc[i]).isEqualTo(out[1 + order[i]]);
            }
        }
    }

    @Test
    void polynomialModelsScoreRawRows() {
        List<String> inputs = List.of("a", "b", "c");
        for (PolynomialFeatures pf : new PolynomialFeatures[] {new PolynomialFeatures(2),
            new PolynomialFeatures(3), new PolynomialFeatures(3, true, false)}) {
            List<String> names = pf.names(inputs);
            double[] beta = new double[names.size()];
            for (int j = 0; j < beta.length; j++) {
                beta[j] = 0.5 + j * 0.25 * (j % 2 == 0 ? 1 : -1);
            }
            LinearModel m = new LinearModel(1.5, beta, names, null);
            ModelFiles.Loaded loaded = ModelFiles.parse(ModelFiles.toJson(LinearPredictor.identity(m),
                    Preprocessing.none(inputs).then(new Preprocessing.Polynomial(pf)), "y", 1), "m.json");
            Scorer s = Scorer.of(loaded);
            assertThat(s.inputs()).isEqualTo(inputs);
            double[] x = {1.5, -2, 0.75};
            assertThat(s.score(x)).isCloseTo(m.predict(pf.transformRow(x)), offset(1e-12));
            assertThat(s.score(new float[] {1.5f, -2f, 0.75f})).isCloseTo(m.predict(pf.transformRow(x)), offset(1e-12));
        }
    }

    @Test
    void anOffsetIsAddedToTheLinearPredictorBeforeTheInverseLink() {
        LinearModel m = new LinearModel(0.25, new double[] {2, -1}, null, null);
        double[] rows = {9, 1, 0.5, 2, -1};   // a leading value to skip, then two rows of two
        double[] offset = {7, Math.log(3), -0.5};
        double[] out = {-1, 0, 0};
        Scorer.of(glm(m, Link.LOG)).score(rows, 1, 2, offset, 1, out, 1);
        assertThat(out[0]).isEqualTo(-1);
        assertThat(out[1]).isCloseTo(Math.exp(0.25 + 2 * 1 - 0.5 + Math.log(3)), offset(1e-13));
        assertThat(out[2]).isCloseTo(Math.exp(0.25 + 2 * 2 + 1 - 0.5), offset(1e-12));
        assertThatThrownBy(() -> Scorer.of(glm(m, Link.LOG)).score(rows, 1, 2, offset, 2, out, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 2 offsets from 2");
    }

    private static LinearPredictor glm(LinearModel m, Link link) {
        return new LinearPredictor(m, link, Distribution.POISSON);
    }

    @Test
    void responsesAreTheInverseLinks() {
        LinearModel m = new LinearModel(0.25, new double[] {2}, null, null);
        assertThat(Scorer.of(LinearPredictor.logistic(m)).score(new double[] {1})).isCloseTo(1 / (1 + Math.exp(-2.25)),
                offset(1e-16));
        assertThat(Scorer.of(glm(m, Link.LOG)).score(new double[] {1})).isCloseTo(Math.exp(2.25), offset(1e-14));
        LinearModel big = new LinearModel(0, new double[] {1}, null, null);
        assertThat(Scorer.of(LinearPredictor.logistic(big)).score(new double[] {-800})).isEqualTo(0);
        assertThat(Scorer.of(LinearPredictor.logistic(big)).score(new double[] {800})).isEqualTo(1);
    }

    @Test
    void sixteenThreadsGetTheBitsOfOne() throws Exception {
        int p = 64;
        Scorer s = Scorer.of(model(p, 77));
        Random r = new Random(1);
        double[][] rows = new double[2000][p];
        double[] expected = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < p; j++) {
                rows[i][j] = r.nextGaussian();
            }
            expected[i] = s.score(rows[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> fs = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                fs.add(pool.submit(() -> {
                    for (int rep = 0; rep < 20; rep++) {
                        for (int i = 0; i < rows.length; i++) {
                            if (Double.doubleToRawLongBits(s.score(rows[i]))
                                    != Double.doubleToRawLongBits(expected[i])) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : fs) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void softmaxScorerMatchesTheModel() {
        double[][] w = {{1, -2, 0.5}, {0.25, 0.75, -1}, {-0.5, 0.1, 2}};
        dev.linea.models.logistic.SoftmaxModel m = new dev.linea.models.logistic.SoftmaxModel(w,
                new double[] {0.1, -0.2, 0.3}, null, null);
        SoftmaxScorer s = SoftmaxScorer.of(m);
        double[] row = {0.3, -1.2, 2.5};
        double[] p = new double[3];
        s.probabilities(row, p);
        double[] expected = m.predictProbabilities(row);
        for (int k = 0; k < 3; k++) {
            assertThat(p[k]).isCloseTo(expected[k], offset(1e-15));
        }
        assertThat(s.predict(row, new double[3])).isEqualTo(m.predict(row));
        assertThatThrownBy(() -> s.probabilities(new double[2], p)).hasMessageContaining("row has 2 values");
    }

    @Test
    void wrongLengthsAreNamed() {
        Scorer s = Scorer.of(model(4, 1));
        assertThatThrownBy(() -> s.score(new double[3])).hasMessageContaining("row has 3 values, expected 4");
        assertThatThrownBy(() -> s.score(new double[10], 0, 3, new double[3], 0))
                .hasMessageContaining("batch of 3 rows × 4 values");
        assertThatThrownBy(() -> s.topK(new double[8], 0, 2, -1, new int[0], new double[0]))
                .hasMessageContaining("k = -1");
        assertThat(s.kernel()).isEqualTo(RowDot.best().name());
    }
}
