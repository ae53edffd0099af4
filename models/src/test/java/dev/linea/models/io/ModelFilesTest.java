package dev.linea.models.io;

import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.preprocessing.Preprocessing;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFilesTest {

    static LinearModel model() {
        FitReport r = new FitReport("ols", "vector", "QR", 1, true, "solved", null, Duration.ofMillis(3),
                List.of("a note"));
        return new LinearModel(0.5, new double[]{1.25, -2, 1e-300}, List.of("a", "b", "c"), r);
    }

    @Test
    void roundTripsBitForBit(@TempDir Path dir) {
        Path f = dir.resolve("m.json");
        ModelFiles.save(model(), "y", 42, f);
        ModelFiles.Loaded l = ModelFiles.load(f);
        assertThat(l.model().intercept()).isEqualTo(0.5);
        assertThat(l.model().coefficients()).containsExactly(1.25, -2, 1e-300);
        assertThat(l.model().featureNames()).containsExactly("a", "b", "c");
        assertThat(l.target()).isEqualTo("y");
        assertThat(l.rows()).isEqualTo(42);
        assertThat(l.model().report().solver()).isEqualTo("QR");
        assertThat(l.model().predict(new double[]{1, 1, 1})).isEqualTo(model().predict(new double[]{1, 1, 1}));
    }

    /** A file with a polynomial expansion as version 2 wrote it (kept verbatim: old files must keep loading). */
    static final String VERSION_2 = """
            {
              "format" : "linea-model", "version" : 2, "family" : "gaussian", "link" : "identity", "target" : "y",
              "features" : [ "a", "b", "a^2", "a*b", "b^2" ],
              "intercept" : 0.5, "coefficients" : [ 1.0, 2.0, 3.0, 4.0, 5.0 ],
              "preprocessing" : { "inputs" : [ "a", "b" ], "polynomial" : { "degree" : 2, "interaction_only" : false } },
              "training" : { "rows" : 9, "saved_at" : "2026-12-01T00:00:00Z" }
            }""";

    @Test
    void polynomialExpansionRoundTripsAsAStep() {
        dev.linea.models.preprocessing.PolynomialFeatures pf = new dev.linea.models.preprocessing.PolynomialFeatures(2);
        List<String> names = pf.names(List.of("a", "b"));
        LinearModel m = new LinearModel(0.5, new double[] {1, 2, 3, 4, 5}, names, null);
        Preprocessing pre = Preprocessing.none(List.of("a", "b")).then(new Preprocessing.Polynomial(pf));
        String json = ModelFiles.toJson(dev.linea.models.LinearPredictor.identity(m), pre, "y", 9);
        assertThat(json).contains("\"version\" : " + ModelFiles.VERSION, "\"step\" : \"polynomial\"", "\"degree\" : 2");
        ModelFiles.Loaded back = ModelFiles.parse(json, "m.json");
        assertThat(back.inputs()).containsExactly("a", "b");
        // ŷ = 0.5 + a + 2b + 3a² + 4ab + 5b² at (a, b) = (2, 3): 0.5 + 2 + 6 + 12 + 24 + 45
        assertThat(back.model().predict(back.preprocessing().apply(new double[] {2, 3}))).isEqualTo(89.5);
        assertThat(dev.linea.models.scoring.Scorer.of(back).score(new double[] {2, 3})).isEqualTo(89.5);
        assertThatThrownBy(() -> ModelFiles.parse(json.replace("\"a^2\"", "\"c^2\""), "m.json"))
                .hasMessageContaining("are not the degree-2 expansion of the inputs [a, b]");
        assertThatThrownBy(() -> ModelFiles.toJson(dev.linea.models.LinearPredictor.identity(model()), pre, "y", 3))
                .hasMessageContaining("are not what the preprocessing makes of the inputs");
        ModelFiles.Loaded v2 = ModelFiles.parse(VERSION_2, "v2.json");
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.preprocessing().steps()).hasSize(1);
        assertThat(((Preprocessing.Polynomial) v2.preprocessing().steps().get(0)).plan().degree()).isEqualTo(2);
        assertThat(dev.linea.models.scoring.Scorer.of(v2).score(new double[] {2, 3})).isEqualTo(89.5);
        assertThatThrownBy(() -> ModelFiles.parse(VERSION_2.replace("\"a^2\"", "\"c^2\""), "m.json"))
                .hasMessageContaining("are not the degree-2 expansion of the inputs [a, b]");
    }

    @Test
    void truncatedFileSaysWhere() {
        String json = ModelFiles.toJson(model(), "y", 3);
        assertThatThrownBy(() -> ModelFiles.parse(json.substring(0, json.length() / 2), "m.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m.json: not a complete JSON document").hasMessageContaining("line");
    }

    @Test
    void unknownVersion() {
        String json = ModelFiles.toJson(model(), "y", 3).replace("\"version\" : " + ModelFiles.VERSION, "\"version\" : 99");
        assertThatThrownBy(() -> ModelFiles.parse(json, "m.json"))
                .hasMessageContaining("version 99 is not supported, expected 1");
    }

    @Test
    void wrongFormat() {
        assertThatThrownBy(() -> ModelFiles.parse("{\"format\":\"other\"}", "m.json"))
                .hasMessageContaining("format 'other', expected 'linea-model'");
    }

    @Test
    void featureCountMismatch() {
        String json = ModelFiles.toJson(model(), "y", 3).replace("\"c\" ]", "\"c\", \"d\" ]");
        assertThatThrownBy(() -> ModelFiles.parse(json, "m.json"))
                .hasMessageContaining("4 features but 3 coefficients");
    }

    @Test
    void nonFiniteNumbersAreRejected() {
        String json = ModelFiles.toJson(model(), "y", 3).replace("\"intercept\" : 0.5", "\"intercept\" : NaN");
        assertThatThrownBy(() -> ModelFiles.parse(json, "m.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m.json");
        String big = ModelFiles.toJson(model(), "y", 3).replace("\"intercept\" : 0.5", "\"intercept\" : 1e999");
        assertThatThrownBy(() -> ModelFiles.parse(big, "m.json"))
                .hasMessageContaining("'intercept' is").hasMessageContaining("expected a finite number");
    }

    @Provide
    Arbitrary<String> mangled() {
        String good = ModelFiles.toJson(model(), "y", 3);
        Arbitrary<Integer> pos = Arbitraries.integers().between(0, good.length());
        Arbitrary<String> junk = Arbitraries.of("", "{", "}", "[", "]", ",", ":", "\"", "NaN", "-", "1e999",
                "null", "true", "\"x\"", "0", "99");
        return net.jqwik.api.Combinators.combine(pos, pos, junk)
                .as((a, b, j) -> good.substring(0, Math.min(a, b)) + j + good.substring(Math.max(a, b)));
    }

    /** Fuzz: any mangling of a valid document either loads a valid model or fails with IllegalArgumentException. */
    @Property(tries = 10_000)
    void onlyIllegalArgumentEscapes(@ForAll("mangled") String json) {
        try {
            ModelFiles.Loaded l = ModelFiles.parse(json, "fuzz.json");
            assertThat(l.model().featureCount()).isEqualTo(l.model().featureNames().size());
            assertThat(l.model().intercept()).isFinite();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("fuzz.json");
        }
    }
}
