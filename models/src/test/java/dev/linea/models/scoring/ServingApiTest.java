package dev.linea.models.scoring;

import dev.linea.models.Dataset;
import dev.linea.models.Distribution;
import dev.linea.models.LinearPredictor;
import dev.linea.models.SoftmaxPredictor;
import dev.linea.models.glm.Link;
import dev.linea.models.logistic.LogisticResult;
import dev.linea.models.LinearModel;
import dev.linea.models.io.CsvDatasets;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.logistic.LogisticModel;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.SoftmaxModel;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The path a service takes: read, fit a logistic model, save it, load it, score it, warm the scorer up. */
class ServingApiTest {

    private static final String CSV = "a,b,y\n0.1,1.0,0\n0.9,0.2,1\n0.4,0.8,0\n0.8,0.1,1\n0.3,0.5,0\n0.7,0.6,1\n"
            + "0.2,0.3,1\n0.6,0.9,0\n";

    @Test
    void aSavedLogisticModelLoadsAndScoresProbabilities(@TempDir Path dir) {
        Dataset data = CsvDatasets.read(new StringReader(CSV), CsvDatasets.Spec.target("y"));
        LogisticResult fit = new LogisticRegression().fit(data);
        LogisticModel model = fit.model();
        Path file = dir.resolve("model.json");
        ModelFiles.save(fit.predictor(), data.targetName(), data.rows(), file);

        ModelFiles.Loaded loaded = ModelFiles.load(file);
        assertThat(loaded.linear().family()).isEqualTo(Distribution.BINOMIAL);
        assertThat(loaded.linear().link()).isEqualTo(Link.LOGIT);
        Scorer fromFile = Scorer.of(loaded);
        Scorer direct = Scorer.of(fit.predictor());
        double[] row = {0.5, 0.5};
        double expected = model.predictProbability(row);
        assertThat(fromFile.score(row)).isCloseTo(expected, within(1e-15));
        assertThat(direct.score(row)).isCloseTo(expected, within(1e-15));
        assertThat(expected).isStrictlyBetween(0.0, 1.0);
    }

    @Test
    void warmUpReturnsTheSameScorerAndChangesNoScore() {
        double[] beta = new double[37];
        for (int j = 0; j < beta.length; j++) {
            beta[j] = Math.sin(j + 1.0);
        }
        Scorer s = Scorer.of(LinearPredictor.logistic(new LinearModel(0.25, beta, null, null)));
        double[] row = new double[beta.length];
        for (int j = 0; j < row.length; j++) {
            row[j] = Math.cos(j);
        }
        double before = s.score(row);
        assertThat(s.warmUp()).isSameAs(s);
        assertThat(s.score(row)).isEqualTo(before);
    }

    @Test
    void warmUpOfAZeroWidthScorerIsHarmless() {
        Scorer s = Scorer.of(new LinearModel(1.5, new double[0], null, null));
        assertThat(s.warmUp().score(new double[0])).isEqualTo(1.5);
    }

    @Test
    void aSoftmaxFileIsRefusedWithTheScorerToUseInstead(@TempDir Path dir) throws Exception {
        SoftmaxModel m = new SoftmaxModel(new double[][] {{1, 0}, {0, 1}, {0, 0}}, new double[] {0, 0, 0},
                List.of("a", "b"), null);
        Path file = dir.resolve("softmax.json");
        ModelFiles.save(new SoftmaxPredictor(m), "class", 3, file);
        assertThat(Files.exists(file)).isTrue();
        assertThatThrownBy(() -> Scorer.of(ModelFiles.load(file)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 classes")
                .hasMessageContaining("SoftmaxScorer");
    }

    @Test
    void aReaderWithoutASourceNameIsCalledReaderInMessages() {
        assertThatThrownBy(() -> CsvDatasets.read(new StringReader("a,b\n1,2\n"), CsvDatasets.Spec.target("y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("<reader>");
    }
}
