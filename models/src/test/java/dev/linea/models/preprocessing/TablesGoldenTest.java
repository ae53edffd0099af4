package dev.linea.models.preprocessing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.GoldenFiles;
import dev.linea.models.LinearPredictor;
import dev.linea.models.inference.CoefficientStats;
import dev.linea.models.io.CsvDatasets;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsResult;
import dev.linea.models.scoring.Scorer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OLS on a table with a categorical column (text), a yes/no column and missing cells, read and encoded by Linea
 * ({@link CsvDatasets#read(Reader, CsvDatasets.Spec, EncodingSpec, String)}), against statsmodels' formula API
 * ({@code sales ~ C(region) + size + age + member}, golden/tables made by src/test/goldens/make_tables_goldens.py):
 * the names of the dummy terms, coefficients and standard errors, the rows used, the fills of the missing-value
 * policy (pandas' median and mode), and the predictions of the saved model on new rows with missing cells, through
 * the dense and the named-values scorer.
 *
 * <p>Tolerance: relative 1e-9 (a well-conditioned design of 150 rows; the two fits differ only by rounding).
 */
class TablesGoldenTest {
    private static final double REL = 1e-9;
    private static final JsonNode GOLDEN = GoldenFiles.json("tables/goldens.json");

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Backend b : Backends.available()) {
            for (String c : new String[] {"treatment", "median_mode", "drop"}) {
                list.add(Arguments.of(c, b.name()));
            }
        }
        return list.stream();
    }

    private static TableEncoder.Encoded read(String file, EncodingSpec spec) throws IOException {
        try (Reader r = new InputStreamReader(GoldenFiles.resource("tables/" + file), StandardCharsets.UTF_8)) {
            return CsvDatasets.read(r, new CsvDatasets.Spec("sales", null, List.of("id")), spec, file);
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void olsWithACategoricalMatchesStatsmodels(String name, String backend) throws IOException {
        JsonNode g = GOLDEN.get("cases").get(name);
        EncodingSpec.Builder spec = EncodingSpec.builder().missing(MissingPolicy.parse(g.get("policy").asText()));
        if (!g.get("reference").isNull()) {
            spec.reference("region", g.get("reference").asText());
        }
        TableEncoder.Encoded e = read(name.equals("treatment") ? "shops.csv" : "shops_na.csv", spec.build());
        OlsResult r = new LinearRegression(OlsOptions.defaults(), Backends.named(backend)).fit(e.data());
        List<CoefficientStats> c = r.inference().coefficients();

        // the same terms, named as statsmodels names them (statsmodels orders categorical terms first)
        Map<String, CoefficientStats> ours = new HashMap<>();
        c.forEach(s -> ours.put(s.name().equals("(intercept)") || s.name().equals("const") ? "intercept"
                : s.name(), s));
        List<String> names = new ArrayList<>();
        g.get("names").forEach(n -> names.add(n.asText()));
        assertThat(c).hasSize(names.size());
        assertThat(ours).containsKey("intercept");
        assertThat(e.data().featureNames()).containsExactlyInAnyOrderElementsOf(names.subList(1, names.size()));
        assertThat(r.model().intercept()).as("intercept")
                .isCloseTo(g.get("params").get(0).asDouble(), tolerance(g.get("params").get(0).asDouble()));
        for (int j = 1; j < names.size(); j++) {
            int at = e.data().featureNames().indexOf(names.get(j));
            double param = g.get("params").get(j).asDouble();
            double se = g.get("bse").get(j).asDouble();
            assertThat(r.model().coefficient(at)).as(name + " " + names.get(j)).isCloseTo(param, tolerance(param));
            CoefficientStats s = ours.get(names.get(j));
            assertThat(s.stdError()).as(name + " se " + names.get(j)).isCloseTo(se, tolerance(se));
        }
        assertThat(e.data().rows()).isEqualTo(g.get("rows").asInt());
        assertThat(r.inference().rSquared()).isCloseTo(g.get("rsquared").asDouble(), tolerance(1));

        TableEncoder.MissingReport report = e.missing();
        if (g.has("rows_dropped")) {
            assertThat(report.rowsDropped()).isEqualTo(g.get("rows_dropped").asInt());
            assertThat(report.rowsRead()).isEqualTo(150);
        }
        if (g.has("fills")) {
            checkFills(g, e, report);
            checkPredictions(g, e, r);
        }
    }

    /** The fills are pandas' median and mode, and the report counts the missing cells per column. */
    private static void checkFills(JsonNode g, TableEncoder.Encoded e, TableEncoder.MissingReport report) {
        JsonNode fills = g.get("fills");
        Encoding.Numeric size = (Encoding.Numeric) e.encoding().column("size");
        assertThat(size.fill()).isCloseTo(fills.get("size").asDouble(), tolerance(fills.get("size").asDouble()));
        Encoding.Categorical region = (Encoding.Categorical) e.encoding().column("region");
        assertThat(region.fill()).isEqualTo(fills.get("region").asText());
        assertThat(region.reference()).isEqualTo("south");
        Encoding.Bool member = (Encoding.Bool) e.encoding().column("member");
        assertThat(member.fill()).isEqualTo(fills.get("member").asText().equals("true") ? 1.0 : 0.0);
        Map<String, Integer> counts = new LinkedHashMap<>();
        report.columns().forEach(col -> counts.put(col.column(), col.cells()));
        JsonNode cells = g.get("missing_cells");
        assertThat(counts).containsOnlyKeys("region", "size", "member");
        counts.forEach((col, n) -> assertThat(n).as(col).isEqualTo(cells.get(col).asInt()));
        assertThat(report.rowsDropped()).isZero();
    }

    /**
     * The model saved and loaded back predicts statsmodels' values on new rows with missing cells (filled with
     * the training fills), through the file reader and the dense scorer, and through the named-values scorer.
     */
    private void checkPredictions(JsonNode g, TableEncoder.Encoded e, OlsResult r) throws IOException {
        Preprocessing pre = new Preprocessing(e.encoding().inputs(), List.of(e.encoding()), null);
        LinearPredictor p = LinearPredictor.identity(r.model());
        Path file = dir.resolve("m.json");
        ModelFiles.save(p, pre, "sales", e.data().rows(), file);
        ModelFiles.Loaded loaded = ModelFiles.load(file);
        Scorer scorer = Scorer.of(loaded);
        assertThat(scorer.columns()).containsExactly("region", "size", "age", "member");

        double[] expected = GoldenFiles.doubles(g.get("predictions"));
        CsvDatasets.Features f;
        try (Reader rd = new InputStreamReader(GoldenFiles.resource("tables/shops_new.csv"),
                StandardCharsets.UTF_8)) {
            f = CsvDatasets.readEncoded(rd, loaded.preprocessing().encoding().orElseThrow(), List.of(),
                    List.of("id"), Encoding.Unseen.ERROR, "shops_new.csv");
        }
        assertThat(f.rows()).isEqualTo(expected.length);
        double[] dense = new double[f.rows()];
        scorer.score(f.x(), 0, f.rows(), dense, 0);
        List<Map<String, String>> rows = csvRows("tables/shops_new.csv");
        for (int i = 0; i < expected.length; i++) {
            assertThat(dense[i]).as("dense row " + i).isCloseTo(expected[i], tolerance(expected[i]));
            // the named path: the raw cells as the file holds them, missing spellings included
            assertThat(scorer.score(rows.get(i))).as("named row " + i).isCloseTo(expected[i], tolerance(expected[i]));
        }
    }

    private static List<Map<String, String>> csvRows(String path) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (InputStream in = GoldenFiles.resource(path)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            String[] head = lines[0].split(",", -1);
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] cells = lines[i].split(",", -1);
                Map<String, String> row = new HashMap<>();
                for (int j = 0; j < head.length; j++) {
                    row.put(head[j], cells[j]);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static org.assertj.core.data.Offset<Double> tolerance(double v) {
        return org.assertj.core.data.Offset.offset(REL * Math.max(1, Math.abs(v)));
    }
}
