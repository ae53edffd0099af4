package dev.linea.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.linea.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** CSV hygiene on the command line (exit 2, the cause named) and predict --keep. */
class IngestCliTest {
    @TempDir
    Path dir;

    private Path data() throws IOException {
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, "id,x1,x2,y\n\"a, first\",1,2,3.1\nb2,2,1,3.9\nc3,3,5,8.2\nd4,4,2,6.1\ne5,5,4,9.0\n");
        return csv;
    }

    @Test
    @DisplayName("C40 a CSV that is UTF-16, binary or not UTF-8: exit 2 naming the cause (fit and predict)")
    void encodingFailuresAreNamed() throws IOException {
        Path u16 = Files.write(dir.resolve("u16.csv"), "x,y\n1,2\n2,3\n".getBytes(StandardCharsets.UTF_16));
        CliTest.Run fit = run("fit", u16.toString(), "-t", "y");
        assertThat(fit.code()).isEqualTo(2);
        assertThat(fit.err()).contains("is UTF-16 text (byte-order mark FE FF), expected UTF-8").doesNotContain(
                "Exception when reading first record");
        Path latin = Files.write(dir.resolve("l.csv"), "x,y\n1,2\n\u00e9,3\n".getBytes(StandardCharsets.ISO_8859_1));
        CliTest.Run l = run("fit", latin.toString(), "-t", "y");
        assertThat(l.code()).isEqualTo(2);
        assertThat(l.err()).contains("line 3 is not valid UTF-8 (bytes E9");
        Path model = dir.resolve("m.json");
        assertThat(run("fit", data().toString(), "-t", "y", "--exclude", "id", "--save", model.toString()).code())
                .isZero();
        Path bin = Files.write(dir.resolve("b.csv"), new byte[] {'x', '1', ',', 'x', '2', '\n', 0, 0, 1});
        CliTest.Run p = run("predict", "--model", model.toString(), bin.toString());
        assertThat(p.code()).isEqualTo(2);
        assertThat(p.err()).contains("looks binary (a NUL byte on line 2");
        CliTest.Run bad = run("fit", Files.writeString(dir.resolve("h.csv"), "x,y\n1,2\n0x1.8p1,3\n").toString(),
                "-t", "y");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("line 3, column 'x': '0x1.8p1' is not a number");
    }

    @Test
    @DisplayName("C41 predict --keep passes identifier columns (text included) through to CSV and JSON output")
    void keepPassesIdentifiersThrough() throws IOException {
        Path csv = data();
        Path model = dir.resolve("m.json");
        assertThat(run("fit", csv.toString(), "-t", "y", "--exclude", "id", "--save", model.toString()).code())
                .isZero();
        CliTest.Run plain = run("predict", "--model", model.toString(), csv.toString());
        CliTest.Run kept = run("predict", "--model", model.toString(), csv.toString(), "--keep", "id,x2");
        assertThat(kept.code()).as(kept.err()).isZero();
        String[] lines = kept.out().split("\n");
        String[] plainLines = plain.out().split("\n");
        assertThat(lines[0]).isEqualTo("id,x2,predicted_y");
        assertThat(lines[1]).isEqualTo("\"a, first\",2," + plainLines[1]);
        assertThat(lines[5]).isEqualTo("e5,4," + plainLines[5]);
        CliTest.Run json = run("predict", "--model", model.toString(), csv.toString(), "--keep", "id", "--json");
        assertThat(json.code()).isZero();
        assertThat(json.out()).contains("\"id\" : \"a, first\"", "\"id\" : \"e5\"", "\"predicted_y\" : "
                + plainLines[5]);
        CliTest.Run missing = run("predict", "--model", model.toString(), csv.toString(), "--keep", "nope");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no column 'nope' (the --keep column)");
    }

    @Test
    @DisplayName("C41 predict --keep with a softmax model: kept columns, the class and one probability per class")
    void keepWithSoftmax() throws IOException {
        Path model = dir.resolve("s.json");
        assertThat(run("fit", "iris", "--model", "softmax", "--save", model.toString()).code()).isZero();
        CliTest.Run r = run("predict", "--model", model.toString(), "iris", "--keep", "species");
        assertThat(r.code()).as(r.err()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).startsWith("species,predicted_species,p_0");
        assertThat(lines).hasSize(151);
        CliTest.Run j = run("predict", "--model", model.toString(), "iris", "--keep", "species", "--json");
        assertThat(j.out()).contains("\"species\" : \"0\"", "\"predicted_species\" : \"0\"", "\"p_2\" : ");
    }

    @Test
    @DisplayName("C45 a label or count error names the data row and the file's line (blank lines and the header counted)")
    void labelErrorsNameTheFileLine() throws IOException {
        Path csv = Files.writeString(dir.resolve("labels.csv"), "x,y\n1,0\n\n2,1\n3,2\n4,0\n");
        CliTest.Run r = run("fit", csv.toString(), "-t", "y", "--model", "logistic");
        assertThat(r.code()).isEqualTo(2);
        // labels of any type: 0, 1 and 2 are three classes, too many for a binary model
        assertThat(r.err()).contains("y has 3 classes [0, 1, 2], expected 2 for binary logistic regression");
        Path test = Files.writeString(dir.resolve("test.csv"), "x,y\n1,0\n\n2,3\n");
        CliTest.Run t = run("fit", csv.toString(), "-t", "y", "--model", "softmax", "--test", test.toString());
        assertThat(t.code()).isEqualTo(2);
        assertThat(t.err()).contains(test + ": line 4, column 'y': class '3' was not seen in training");
        Path counts = Files.writeString(dir.resolve("counts.csv"), "x,y\n\n1,0\n2,-1\n");
        CliTest.Run p = run("fit", counts.toString(), "-t", "y", "--model", "poisson");
        assertThat(p.code()).isEqualTo(2);
        assertThat(p.err()).contains("at row 2 (1-based; line 4 of " + counts + ")");
    }
}
