package dev.linea.models.scoring;

import dev.linea.models.GeneratedNames;
import dev.linea.models.LinearModel;
import dev.linea.models.LinearPredictor;
import dev.linea.models.glm.Link;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.preprocessing.FeatureHashing;
import dev.linea.models.preprocessing.MurmurHash3;
import dev.linea.models.preprocessing.Preprocessing;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparseScorerTest {
    private static final FeatureHashing HASH = FeatureHashing.parse(List.of("city:4", "device:3"), 17);
    private static final Preprocessing PRE = new Preprocessing(List.of("age", "city", "device"), List.of(HASH), null);

    private static LinearPredictor hashedLogistic() {
        double[] beta = new double[1 + 16 + 8];
        for (int j = 0; j < beta.length; j++) {
            beta[j] = (j % 5 - 2) * 0.3 + j * 0.01;
        }
        return LinearPredictor.logistic(new LinearModel(-0.25, beta, PRE.features(), null));
    }

    @Test
    void scoresIndexValueRowsAsTheDenseDotThroughTheLink() {
        LinearPredictor p = hashedLogistic();
        SparseScorer s = SparseScorer.of(p, PRE);
        int[] idx = {20, 0, 7};
        double[] val = {2.0, -1.5, 0.5, 99};
        double eta = -0.25 + p.coefficients()[20] * 2.0 + p.coefficients()[0] * -1.5 + p.coefficients()[7] * 0.5;
        assertThat(s.linearPredictor(idx, val, 3)).isEqualTo(eta);
        assertThat(s.score(idx, val, 3)).isEqualTo(Link.LOGIT.inverse(eta));
        assertThat(s.score(idx, val, 0)).isEqualTo(Link.LOGIT.inverse(-0.25));
        assertThatThrownBy(() -> s.score(new int[] {25}, val, 1))
                .hasMessage("feature index 25 at position 0, expected 0 ≤ index < 25");
        assertThatThrownBy(() -> s.score(new int[] {-1}, val, 1)).hasMessageContaining("feature index -1");
        assertThatThrownBy(() -> s.score(idx, val, 4)).hasMessageContaining("count 4");
    }

    /** A row of raw values scores as its hand-hashed index/value row: column = low bits, sign = top bit. */
    @Test
    void hashesCategoriesAsTheFitHashedThem() {
        LinearPredictor p = hashedLogistic();
        SparseScorer s = SparseScorer.of(p, PRE);
        assertThat(s.numericInputs()).containsExactly("age");
        assertThat(s.hashedColumns()).containsExactly("city", "device");
        int hc = MurmurHash3.hashUtf8("Zürich", 17);
        int hd = MurmurHash3.hashUtf8("phone", 17);
        int jc = 1 + (hc & 15);
        int jd = 1 + 16 + (hd & 7);
        double[] b = p.coefficients();
        double eta = -0.25 + b[0] * 40 + (hc < 0 ? -1 : 1) * b[jc] + (hd < 0 ? -1 : 1) * b[jd];
        assertThat(s.score(new double[] {40}, new CharSequence[] {"Zürich", new StringBuilder("phone")}))
                .isEqualTo(Link.LOGIT.inverse(eta));
        assertThat(s.hashedFeature(0, "Zürich")).isEqualTo(hc < 0 ? -jc - 1 : jc);
        // missing categories add nothing
        assertThat(s.score(new double[] {40}, new CharSequence[] {null, ""}))
                .isEqualTo(Link.LOGIT.inverse(-0.25 + b[0] * 40));
        assertThatThrownBy(() -> s.score(new double[0], new CharSequence[2]))
                .hasMessageContaining("expected 1 [age] and 2 [city, device]");
    }

    /** Saved and loaded (version 6: no feature list, sparse coefficients), the model scores the same. */
    @Test
    void aHashedModelFileRoundTripsSparsely() {
        double[] beta = new double[1 + 16 + 8];
        beta[0] = 0.5;
        beta[9] = -2;
        beta[24] = 1.25;
        LinearPredictor p = LinearPredictor.logistic(new LinearModel(0.1, beta, PRE.features(), null));
        String json = ModelFiles.toJson(p, PRE, "click", 1000);
        assertThat(json).contains("\"step\" : \"hash\"", "\"function\" : \"murmurhash3_x86_32\"", "\"seed\" : 17",
                "\"indices\" : [ 0, 9, 24 ]").doesNotContain("\"features\"", "city#3");
        ModelFiles.Loaded back = ModelFiles.parse(json, "m.json");
        assertThat(back.version()).isEqualTo(ModelFiles.VERSION);
        assertThat(back.preprocessing()).isEqualTo(PRE);
        assertThat(back.linear().coefficients()).containsExactly(beta);
        SparseScorer a = SparseScorer.of(p, PRE);
        SparseScorer b = SparseScorer.of(back);
        CharSequence[] cats = {"Paris", "tablet"};
        assertThat(b.score(new double[] {3}, cats)).isEqualTo(a.score(new double[] {3}, cats));
        assertThatThrownBy(() -> Scorer.of(back)).hasMessageContaining("SparseScorer");
        assertThatThrownBy(() -> ModelFiles.parse(json.replace("\"size\" : 25", "\"size\" : 24"), "m.json"))
                .hasMessageContaining("'coefficients.size' is 24, expected 25");
        assertThatThrownBy(() -> ModelFiles.parse(json.replace("[ 0, 9, 24 ]", "[ 0, 24, 9 ]"), "m.json"))
                .hasMessageContaining("'coefficients.indices[2]' is 9, expected a whole number in (24, 25)");
        assertThatThrownBy(() -> ModelFiles.parse(json.replace("murmurhash3_x86_32", "md5"), "m.json"))
                .hasMessageContaining("expected \"murmurhash3_x86_32\"");
    }

    /** A LIBSVM model: numbered inputs f1 … fn, kept as a GeneratedNames list through the file. */
    @Test
    void aNumberedInputModelRoundTripsWithoutAMillionNames() {
        int n = 1 << 20;
        GeneratedNames names = GeneratedNames.numbered("f", 1, n);
        double[] beta = new double[n];
        beta[n - 1] = 3;
        LinearPredictor p = LinearPredictor.identity(new LinearModel(1, beta, names, null));
        String json = ModelFiles.toJson(p, Preprocessing.none(names), "y", 5);
        assertThat(json.length()).isLessThan(2000);
        ModelFiles.Loaded back = ModelFiles.parse(json, "m.json");
        assertThat(back.inputs()).isEqualTo(names);
        SparseScorer s = SparseScorer.of(back);
        assertThat(s.score(new int[] {n - 1, 5}, new double[] {2, 7}, 2)).isEqualTo(7);
    }

    /** Many threads scoring one scorer get what one thread gets. */
    @Test
    void isThreadSafe() throws InterruptedException {
        SparseScorer s = SparseScorer.of(hashedLogistic(), PRE);
        Random r = new Random(5);
        int rows = 500;
        int[][] idx = new int[rows][30];
        double[][] val = new double[rows][30];
        double[] want = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < 30; k++) {
                idx[i][k] = r.nextInt(25);
                val[i][k] = r.nextGaussian();
            }
            want[i] = s.score(idx[i], val[i], 30);
        }
        AtomicReference<String> bad = new AtomicReference<>();
        Thread[] ts = new Thread[4];
        for (int t = 0; t < ts.length; t++) {
            ts[t] = new Thread(() -> {
                for (int rep = 0; rep < 200; rep++) {
                    for (int i = 0; i < rows; i++) {
                        if (s.score(idx[i], val[i], 30) != want[i]) {
                            bad.set("row " + i);
                        }
                    }
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        assertThat(bad.get()).isNull();
    }
}
