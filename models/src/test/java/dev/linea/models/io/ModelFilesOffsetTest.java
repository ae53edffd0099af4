package dev.linea.models.io;

import dev.linea.models.LinearModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Format version 4: the offset column a model's linear predictor takes (issue 13, item 1). */
class ModelFilesOffsetTest {
    private static final LinearModel MODEL = new LinearModel(0.3, new double[] {0.5, -0.4}, List.of("x1", "x2"),
            null);

    @Test
    void theOffsetColumnIsWrittenAndReadBack() {
        String json = ModelFiles.toJson(MODEL, "y", 10, null, "poisson", "log", "logexp");
        assertThat(json).contains("\"version\" : 4", "\"offset\" : \"logexp\"");
        ModelFiles.Loaded loaded = ModelFiles.parse(json, "m.json");
        assertThat(loaded.offset()).isEqualTo("logexp");
        assertThat(loaded.inputs()).containsExactly("x1", "x2");
    }

    @Test
    void aModelWithoutAnOffsetKeepsItsOlderVersion() {
        String json = ModelFiles.toJson(MODEL, "y", 10, null, "poisson", "log");
        assertThat(json).contains("\"version\" : 1").doesNotContain("offset");
        assertThat(ModelFiles.parse(json, "m.json").offset()).isNull();
    }

    @Test
    void anOffsetThatIsAlsoAnInputOrTheTargetIsRefused() {
        assertThatThrownBy(() -> ModelFiles.toJson(MODEL, "y", 10, null, "poisson", "log", "x1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset column 'x1'");
        String json = ModelFiles.toJson(MODEL, "y", 10, null, "poisson", "log", "logexp");
        assertThatThrownBy(() -> ModelFiles.parse(json.replace("\"offset\" : \"logexp\"", "\"offset\" : \"x2\""),
                "m.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'offset' is 'x2', which is also an input");
        assertThatThrownBy(() -> ModelFiles.parse(json.replace("\"offset\" : \"logexp\"", "\"offset\" : 3"),
                "m.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'offset' is 3, expected a column name");
    }
}
