package dev.linea.models.preprocessing;

import dev.linea.models.LinearModel;
import dev.linea.models.LinearPredictor;
import dev.linea.models.io.CsvDatasets;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.scoring.Scorer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The typed-column rows of the error catalogue (docs/errors.md, E80–E89; the display names start with the ids):
 * what the reader, the encoder, the model file and the named-values scorer refuse, and how they say it.
 */
class TypedColumnsErrorTest {
    @TempDir
    Path dir;

    private static TableEncoder.Encoded read(String csv, EncodingSpec spec) {
        return CsvDatasets.read(new StringReader(csv), CsvDatasets.Spec.target("y"), spec, "t.csv");
    }

    private static EncodingSpec policy(String p) {
        return EncodingSpec.builder().missing(MissingPolicy.parse(p)).build();
    }

    @Test
    @DisplayName("E80 a column of numbers with one text cell: the cell, a number of the column, --categorical")
    void numbersMixedWithText() {
        assertThatThrownBy(() -> read("a,y\n1,1\n2,2\nthree,3\n", EncodingSpec.defaults()))
                .hasMessageContaining("t.csv: line 4, column 'a': 'three' is not a number")
                .hasMessageContaining("such as '1' on line 2")
                .hasMessageContaining("declare --categorical a");
        // declared categorical, the same column is read as levels
        assertThat(read("a,y\n1,1\n2,2\nthree,3\n", EncodingSpec.builder().categorical("a").build()).data()
                .featureNames()).containsExactly("a[T.2]", "a[T.three]");
    }

    @Test
    @DisplayName("E81 a missing cell under the default policy (error): line, column and the policies that handle it")
    void missingCellIsAnError() {
        assertThatThrownBy(() -> read("a,y\n1,1\nNA,2\n", EncodingSpec.defaults()))
                .hasMessageContaining("line 3, column 'a': 'NA' (a missing value), expected a number")
                .hasMessageContaining("--missing drop, mean or median");
        assertThatThrownBy(() -> read("g,y\nu,1\n,2\n", EncodingSpec.defaults()))
                .hasMessageContaining("line 3, column 'g': missing value, expected a level")
                .hasMessageContaining("--missing drop, mode or level");
        assertThatThrownBy(() -> read("b,y\nyes,1\nN/A,2\nno,3\n", EncodingSpec.defaults()))
                .hasMessageContaining("line 3, column 'b': missing value, expected true or false");
    }

    @Test
    @DisplayName("E82 a missing target or weight: never imputed; the row dropped (counted) under any policy but error")
    void missingTargetIsNeverImputed() {
        assertThatThrownBy(() -> read("a,y\n1,1\n2,\n", EncodingSpec.defaults()))
                .hasMessageContaining("line 3, column 'y': empty value, expected a number")
                .hasMessageContaining("never imputed");
        TableEncoder.Encoded e = read("a,y\n1,1\n2,\n3,3\n", policy("mean"));
        assertThat(e.data().rows()).isEqualTo(2);
        assertThat(e.missing().rowsDropped()).isEqualTo(1);
        assertThat(e.missing().toString()).contains("1 of 3 rows dropped", "y: 1 missing, rows dropped");
    }

    @Test
    @DisplayName("E83 --missing text that is not a policy, or two policies of one kind")
    void badPolicyText() {
        assertThatThrownBy(() -> MissingPolicy.parse("average"))
                .hasMessageContaining("--missing 'average': 'average' is not a policy, expected error, drop, mean, "
                        + "median (numeric columns), mode or level (categorical columns)");
        assertThatThrownBy(() -> MissingPolicy.parse("mean,median"))
                .hasMessageContaining("gives two numeric policies");
        assertThat(MissingPolicy.parse("drop,level")).isEqualTo(new MissingPolicy(MissingPolicy.Numeric.DROP,
                MissingPolicy.Categorical.LEVEL));
    }

    @Test
    @DisplayName("E84 a reference that is not a level, of a column that is not a feature, or of a numeric column")
    void badReference() {
        String csv = "g,x,y\nu,1,1\nv,2,2\nu,3,4\n";
        assertThatThrownBy(() -> read(csv, EncodingSpec.builder().reference("g", "w").build()))
                .hasMessageContaining("--reference g=w: 'w' is not a level of 'g', expected one of [u, v]");
        assertThatThrownBy(() -> read(csv, EncodingSpec.builder().reference("h", "u").build()))
                .hasMessageContaining("--reference h=u: no feature column 'h', expected one of [g, x]");
        assertThatThrownBy(() -> read(csv, EncodingSpec.builder().reference("x", "1").build()))
                .hasMessageContaining("column 'x' is numeric, expected a categorical column (declare it with "
                        + "--categorical x)");
        assertThatThrownBy(() -> EncodingSpec.builder().reference("g", "u").reference("g", "v"))
                .hasMessageContaining("two reference levels, 'u' and 'v'");
    }

    @Test
    @DisplayName("E85 a column declared two types, a declared column that is not read, --numeric on text")
    void badDeclarations() {
        assertThatThrownBy(() -> EncodingSpec.builder().categorical("g").numeric("g"))
                .hasMessageContaining("column 'g' is declared both categorical and numeric");
        assertThatThrownBy(() -> read("g,y\nu,1\n", EncodingSpec.builder().categorical("h").build()))
                .hasMessageContaining("--categorical h: no column 'h'");
        assertThatThrownBy(() -> read("g,y\nu,1\n", EncodingSpec.builder().categorical("y").build()))
                .hasMessageContaining("the target column 'y' is categorical, expected numbers (a categorical target "
                        + "holds class labels");
        assertThatThrownBy(() -> read("g,y\nu,1\n", EncodingSpec.builder().numeric("g").build()))
                .hasMessageContaining("line 2, column 'g': 'u' is not a number");
    }

    @Test
    @DisplayName("E86 every row dropped; a column left without a value to compute its fill; a 'missing' level twice")
    void nothingLeft() {
        assertThatThrownBy(() -> read("a,b,y\n1,,1\n,2,2\n", policy("drop")))
                .hasMessageContaining("every one of the 2 rows has a missing value and was dropped");
        assertThatThrownBy(() -> read("a,b,y\nNA,1,1\nNA,2,2\n", policy("median")))
                .hasMessageContaining("column 'a' has no value in the rows kept, expected at least one to compute "
                        + "its median from");
        assertThatThrownBy(() -> read("g,y\nmissing,1\n,2\nu,3\n", policy("level")))
                .hasMessageContaining("column 'g' has a level named 'missing' already");
    }

    private Scorer saved(TableEncoder.Encoded e) throws IOException {
        double[] beta = new double[e.encoding().width()];
        for (int j = 0; j < beta.length; j++) {
            beta[j] = j + 1;
        }
        LinearModel m = new LinearModel(0.5, beta, e.encoding().features(), null);
        Path file = dir.resolve("m.json");
        ModelFiles.save(LinearPredictor.identity(m), new Preprocessing(e.encoding().inputs(),
                List.of(e.encoding()), null), "y", e.data().rows(), file);
        return Scorer.of(ModelFiles.load(file));
    }

    @Test
    @DisplayName("E87 scoring: an unseen level (error naming column and level, or Unseen.ZERO), a missing value "
            + "without a fill, a value of the wrong kind")
    void scoringErrors() throws IOException {
        Scorer s = saved(read("g,x,b,y\nu,1,yes,1\nv,2,no,2\nw,3,yes,4\n", EncodingSpec.defaults()));
        assertThat(s.columns()).containsExactly("g", "x", "b");
        Map<String, Object> row = new HashMap<>(Map.of("g", "v", "x", 2.0, "b", "no"));
        assertThat(s.score(row)).isEqualTo(0.5 + 1 + 3 * 2); // g[T.v] = 1, x = 2, b = 0
        row.put("g", "z");
        assertThatThrownBy(() -> s.score(row))
                .hasMessageContaining("column 'g': level 'z' was not seen in training, expected one of [u, v, w]");
        assertThat(s.score(row, Encoding.Unseen.ZERO)).isEqualTo(0.5 + 3 * 2); // the reference level's dummies
        row.put("g", "u");
        row.put("x", null);
        assertThatThrownBy(() -> s.score(row))
                .hasMessageContaining("column 'x': missing value, expected a number (the model was fitted without a "
                        + "fill for this column");
        row.put("x", "abc");
        assertThatThrownBy(() -> s.score(row)).hasMessageContaining("column 'x': 'abc' is not a number");
        row.put("x", 1.0);
        row.put("b", "maybe");
        assertThatThrownBy(() -> s.score(row))
                .hasMessageContaining("column 'b': 'maybe', expected true, false, yes or no");
        row.remove("b");
        assertThatThrownBy(() -> s.score(row)).hasMessageContaining("no value for column 'b'");
    }

    @Test
    @DisplayName("E88 scoring a file: an unseen level or a missing cell without a fill names the line")
    void scoringFileErrors() {
        TableEncoder.Encoded e = read("g,x,y\nu,1,1\nv,2,2\nu,3,4\n", EncodingSpec.defaults());
        assertThatThrownBy(() -> CsvDatasets.readEncoded(new StringReader("g,x\nu,1\nq,2\n"), e.encoding(),
                List.of(), List.of(), Encoding.Unseen.ERROR, "new.csv"))
                .hasMessageContaining("new.csv: line 3, column 'g': level 'q' was not seen in training");
        assertThatThrownBy(() -> CsvDatasets.readEncoded(new StringReader("g,x\nu,\n"), e.encoding(),
                List.of(), List.of(), Encoding.Unseen.ERROR, "new.csv"))
                .hasMessageContaining("new.csv: line 2, column 'x': missing value");
        assertThat(CsvDatasets.readEncoded(new StringReader("g,x\nq,2\n"), e.encoding(), List.of(), List.of(),
                Encoding.Unseen.ZERO, "new.csv").x()).containsExactly(0, 2);
    }

    @Test
    @DisplayName("E89 a model file whose encode step is inconsistent: a fill or reference that is not a level, a "
            + "type that does not exist")
    void badEncodeStep() throws IOException {
        TableEncoder.Encoded e = read("g,x,y\nu,1,1\nv,2,2\nu,3,4\n", policy("mean,mode"));
        saved(e);
        Path file = dir.resolve("m.json");
        String json = Files.readString(file);
        Files.writeString(file, json.replace("\"reference\" : \"u\"", "\"reference\" : \"q\""));
        assertThatThrownBy(() -> ModelFiles.load(file)).hasMessageContaining("reference level 'q' is not a level");
        Files.writeString(file, json.replace("\"fill\" : \"u\"", "\"fill\" : \"q\""));
        assertThatThrownBy(() -> ModelFiles.load(file)).hasMessageContaining("fill level 'q' is not a level");
        Files.writeString(file, json.replace("\"type\" : \"numeric\"", "\"type\" : \"date\""));
        assertThatThrownBy(() -> ModelFiles.load(file)).hasMessageContaining("'type' is 'date', expected "
                + "numeric, boolean or categorical");
    }
}
