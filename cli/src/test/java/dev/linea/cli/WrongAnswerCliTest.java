package dev.linea.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.linea.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end repros of the models half of issue 13 (the "M" rows of docs/errors.md): each returned a wrong
 * answer with exit 0, or a misleading message, before its fix.
 */
class WrongAnswerCliTest {

    @Test
    @DisplayName("M01 fit --model gd --learning-rate 1e-12 is not converged: exit 1 with advice")
    void tinyLearningRate() {
        CliTest.Run r = run("fit", "diabetes", "--model", "gd", "--learning-rate", "1e-12");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("NOT converged", "the learning rate η0 = 1e-12 is too small", "raise it")
                .doesNotContain("converged after 1 iteration");
    }

    @Test
    @DisplayName("M02 a CSV with a duplicate column name exits 2 naming both columns")
    void duplicateColumns(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, "x1,x1,y\n1,2,3\n4,5,5\n6,7,9\n2,1,1\n");
        CliTest.Run r = run("fit", csv.toString(), "--target", "y");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("columns 1 and 2 of the header are both named 'x1', expected distinct");
        Files.writeString(csv, "x1,y,y\n1,2,3\n4,5,5\n6,7,9\n2,1,1\n");
        CliTest.Run t = run("fit", csv.toString(), "--target", "y");
        assertThat(t.code()).isEqualTo(2);
        assertThat(t.err()).contains("columns 2 and 3 of the header are both named 'y'");
    }

    @Test
    @DisplayName("M05 fit on a constant target prints R² undefined, not 1.00000")
    void constantTarget(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("c.csv");
        Files.writeString(csv, "x1,y\n1,5\n2,5\n3,5\n4,5\n");
        CliTest.Run r = run("fit", csv.toString(), "--target", "y");
        assertThat(r.out()).doesNotContain("R² 1.00000").containsPattern("R² (undefined|nan|NaN)");
    }

    @Test
    @DisplayName("M04 predict refuses an overflowing prediction (exit 1 naming the row) instead of writing Infinity")
    void overflowingPrediction(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("p.json");
        Files.writeString(model, """
                {"format": "linea-model", "version": 1, "family": "poisson", "link": "log", "target": "y",
                 "features": ["x"], "intercept": 0.0, "coefficients": [1.0]}
                """);
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "x\n1\n800\n");
        CliTest.Run r = run("predict", "--model", model.toString(), csv.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("Infinity");
        assertThat(r.err()).contains("row 2 (1-based) scores Infinity", "η = 800.0");
    }

    @Test
    @DisplayName("M03 a binomial model file with the identity link exits 2 naming the field")
    void implausibleModelFile(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("b.json");
        Files.writeString(model, """
                {"format": "linea-model", "version": 1, "family": "binomial", "link": "identity", "target": "y",
                 "features": ["x"], "intercept": 0.0, "coefficients": [1.0]}
                """);
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "x\n1\n");
        CliTest.Run r = run("predict", "--model", model.toString(), csv.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'link' is 'identity' for the binomial family, expected 'logit'");
    }

    @Test
    @DisplayName("M06 misleading messages: --l1-ratio is named, label rows are 1-based, the classes found are listed")
    void messages(@TempDir Path dir) throws IOException {
        assertThat(run("fit", "diabetes", "--model", "elasticnet", "--l1-ratio", "2").err())
                .contains("l1_ratio is 2.0", "--l1-ratio", "expected a value in [0, 1]").doesNotContain("alpha is");
        Path lab = dir.resolve("lab.csv");
        Files.writeString(lab, "x1,y\n1,0\n2,1\n3,2\n4,1\n");
        assertThat(run("fit", lab.toString(), "--target", "y", "--model", "logistic").err())
                .contains("y has 3 classes [0, 1, 2], expected 2 for binary logistic regression (use --model "
                        + "softmax for K classes)");
        Path one = dir.resolve("one.csv");
        Files.writeString(one, "x1,y\n1,1\n2,1\n3,1\n4,1\n");
        assertThat(run("fit", one.toString(), "--target", "y", "--model", "logistic").err())
                .contains("y has one class only ('1' in all 4 rows), expected at least two classes to tell apart");
    }

    @Test
    @DisplayName("M07 the Poisson identity-link failure names the mean at the domain's edge and the log link")
    void poissonIdentity(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("pi.csv");
        Files.writeString(csv, "x1,x2,y\n0,1,0\n1,0,0\n2,3,0\n3,1,1\n4,2,10\n5,0,20\n6,1,30\n7,1,0\n");
        CliTest.Run r = run("fit", csv.toString(), "--target", "y", "--model", "poisson", "--link", "identity");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("has reached the edge of the Poisson family's domain", "μ <= 0",
                "use the Poisson family's own link, log").doesNotContain("is a combination of the earlier ones");
    }
}
