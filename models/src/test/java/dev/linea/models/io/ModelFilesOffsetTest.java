package dev.linea.models.io;

import dev.linea.models.Distribution;
import dev.linea.models.LinearModel;
import dev.linea.models.LinearPredictor;
import dev.linea.models.glm.Link;
import dev.linea.models.preprocessing.Preprocessing;
import dev.linea.models.scoring.Scorer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The offset column a model's linear predictor takes (issue 13, item 1): version 5 writes it, version 4 reads. */
class ModelFilesOffsetTest {
    private static final LinearPredictor POISSON = new LinearPredictor(new LinearModel(0.3, new double[] {0.5, -0.4},
            List.of("x1", "x2"), null), Link.LOG, Distribution.POISSON);
    private static final Preprocessing WITH_OFFSET = Preprocessing.none(List.of("x1", "x2")).withOffset("logexp");

    /** A file as version 4 wrote it (kept verbatim: old files must keep loading). */
    static final String VERSION_4 = """
            {
              "format" : "linea-model",
              "version" : 4,
              "family" : "poisson",
              "link" : "log",
              "target" : "y",
              "offset" : "logexp",
              "features" : [ "x1", "x2" ],
              "intercept" : 0.3,
              "coefficients" : [ 0.5, -0.4 ],
              "training" : {
                "rows" : 10,
                "saved_at" : "2026-12-06T10:00:00Z"
              }
            }""";

    @Test
    void theOffsetColumnIsWrittenAndReadBack() {
        String json = ModelFiles.toJson(POISSON, WITH_OFFSET, "y", 10);
        assertThat(json).contains("\"version\" : " + ModelFiles.VERSION, "\"offset\" : \"logexp\"");
        ModelFiles.Loaded loaded = ModelFiles.parse(json, "m.json");
        assertThat(loaded.offset()).isEqualTo("logexp");
        assertThat(loaded.inputs()).containsExactly("x1", "x2");
        assertThat(loaded.linear()).isEqualTo(POISSON.withModel(loaded.model()));
        Scorer s = Scorer.of(loaded);
        assertThat(s.offsetColumn()).isEqualTo("logexp");
        // e^(0.3 + 0.5·1 − 0.4·2 + log 3) = 3·e^0
        assertThat(s.score(new double[] {1, 2}, Math.log(3))).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aVersionFourFileStillLoadsAndScoresTheSame() {
        ModelFiles.Loaded v4 = ModelFiles.parse(VERSION_4, "v4.json");
        assertThat(v4.version()).isEqualTo(4);
        assertThat(v4.offset()).isEqualTo("logexp");
        assertThat(v4.linear().link()).isEqualTo(Link.LOG);
        assertThat(v4.linear().family()).isEqualTo(Distribution.POISSON);
        ModelFiles.Loaded v5 = ModelFiles.parse(ModelFiles.toJson(POISSON, WITH_OFFSET, "y", 10), "v5.json");
        double[] row = {0.7, -1.3};
        assertThat(Scorer.of(v4).score(row, 0.25)).isEqualTo(Scorer.of(v5).score(row, 0.25));
    }

    @Test
    void aModelWithoutAnOffsetHasNone() {
        String json = ModelFiles.toJson(POISSON, Preprocessing.none(List.of("x1", "x2")), "y", 10);
        assertThat(json).doesNotContain("offset");
        assertThat(ModelFiles.parse(json, "m.json").offset()).isNull();
    }

    @Test
    void anOffsetThatIsAlsoAnInputOrTheTargetIsRefused() {
        assertThatThrownBy(() -> Preprocessing.none(List.of("x1", "x2")).withOffset("x1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset column 'x1'");
        assertThatThrownBy(() -> ModelFiles.toJson(POISSON, Preprocessing.none(List.of("x1", "x2")).withOffset("y"),
                "y", 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset column 'y'");
        String json = ModelFiles.toJson(POISSON, WITH_OFFSET, "y", 10);
        assertThatThrownBy(() -> ModelFiles.parse(json.replace("\"offset\" : \"logexp\"", "\"offset\" : \"x2\""),
                "m.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'offset' is 'x2', which is also an input");
        assertThatThrownBy(() -> ModelFiles.parse(json.replace("\"offset\" : \"logexp\"", "\"offset\" : 3"),
                "m.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'offset' is 3, expected a column name");
        assertThatThrownBy(() -> ModelFiles.parse(VERSION_4.replace("\"offset\" : \"logexp\"", "\"offset\" : \"y\""),
                "m.json")).hasMessageContaining("'offset' is 'y', which is also the target");
    }
}
