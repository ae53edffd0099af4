package dev.linea.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.linea.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** GLMs and Huber regression on the command line: fit, save, predict on the response scale, summary. */
class GlmCliTest {

    @Test
    void poissonFitSavesAndPredictsMeans(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("poisson.json");
        CliTest.Run r = run("fit", "diabetes", "--model", "poisson", "--save", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("deviance: 8466.69", "family Poisson, link log");
        assertThat(Files.readString(model)).contains("\"family\" : \"poisson\"", "\"link\" : \"log\"");
        Path out = dir.resolve("pred.csv");
        assertThat(run("predict", "--model", model.toString(), "diabetes", "--out", out.toString()).code()).isZero();
        List<String> lines = Files.readAllLines(out);
        double sum = 0;
        for (String l : lines.subList(1, lines.size())) {
            sum += Double.parseDouble(l);
        }
        // Canonical link with an intercept: the fitted means sum to Σy (mean 152.133484…).
        assertThat(sum / 442).isCloseTo(152.1334842, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void gammaTweedieHuberAndTheGlmSummary() {
        assertThat(run("fit", "diabetes", "--model", "gamma", "--link", "log").out()).contains("family Gamma, link log");
        assertThat(run("fit", "diabetes", "--model", "tweedie", "--power", "1.5").out()).contains("Tweedie");
        CliTest.Run h = run("fit", "diabetes", "--model", "huber", "--epsilon", "1.5");
        assertThat(h.code()).as(h.err()).isZero();
        assertThat(h.out()).contains("scale:", "outliers:", "huber via");
        CliTest.Run s = run("summary", "diabetes", "--model", "poisson");
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("Generalized Linear Model Regression Results", "P>|z|", "Pearson chi2");
        assertThat(run("fit", "diabetes", "--model", "poisson", "--offset", "nope").err())
                .contains("--offset 'nope' is not a column");
    }
}
