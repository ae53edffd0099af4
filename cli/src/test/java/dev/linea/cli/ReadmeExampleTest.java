package dev.linea.cli;

import dev.linea.models.Dataset;
import dev.linea.models.io.CsvDatasets;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.LogisticResult;
import dev.linea.models.scoring.Scorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's Java example, verbatim between the markers, so that it always compiles and runs. */
class ReadmeExampleTest {

    @Test
    void readmeExample(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("clicks.csv");
        Files.writeString(csv, "price,promo,clicked\n0.2,1,1\n0.9,0,0\n0.4,1,1\n1.2,0,0\n0.3,0,1\n0.8,1,0\n"
                + "0.1,0,1\n1.0,1,1\n0.7,0,0\n0.5,1,1\n");
        Path file = dir.resolve("clicks.json");
        // README example start
        Dataset data = CsvDatasets.read(csv, CsvDatasets.Spec.target("clicked"));
        LogisticResult fit = new LogisticRegression().fit(data);       // default backend: auto; L2, C = 1
        System.out.println(fit.report());                              // backend, solver, why, time
        ModelFiles.save(fit.predictor(), data.targetName(), data.rows(), file);   // family binomial, link logit
        Scorer scorer = Scorer.of(ModelFiles.load(file));              // compiled for serving, thread-safe
        double p = scorer.score(new double[]{0.8, 1.0});               // P(clicked = 1): Vector API, no allocation
        // README example end
        assertThat(p).isStrictlyBetween(0.0, 1.0);
        // the loaded scorer gives the fitted model's probability: nothing was rebuilt on the way
        assertThat(p).isCloseTo(fit.model().predictProbability(new double[]{0.8, 1.0}),
                org.assertj.core.data.Offset.offset(1e-15));
        // the data say: higher price, fewer clicks
        assertThat(fit.model().coefficient(0)).isNegative();
        assertThat(Files.readString(file)).contains("\"family\" : \"binomial\"", "\"link\" : \"logit\"");
    }

    /** The README's text quotes the example lines exactly. */
    @Test
    void theReadmeQuotesTheseLines() throws IOException {
        Path readme = Path.of("..", "README.md");
        if (!Files.exists(readme)) {
            return; // run outside the source tree
        }
        String text = Files.readString(readme);
        String test = Files.readString(Path.of("src/test/java/dev/linea/cli/ReadmeExampleTest.java"));
        String block = test.substring(test.indexOf("// README example start\n") + 24, test.indexOf("        // README example end"));
        for (String line : block.split("\n")) {
            assertThat(text).as("README quotes this line").contains(line.strip());
        }
    }
}
