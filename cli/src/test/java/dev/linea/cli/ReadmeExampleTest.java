package dev.linea.cli;

import dev.linea.models.Dataset;
import dev.linea.models.LinearModel;
import dev.linea.models.io.CsvDatasets;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsResult;
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
        Path csv = dir.resolve("houses.csv");
        Files.writeString(csv, "rooms,age,price\n3,10,300\n4,5,420\n2,30,190\n5,2,540\n3,20,270\n");
        Path file = dir.resolve("price.json");
        // README example start
        Dataset data = CsvDatasets.read(csv, CsvDatasets.Spec.target("price"));
        OlsResult fit = new LinearRegression().fit(data);             // default backend: auto
        System.out.println(fit.inference().summary());                 // coefficients, SEs, p-values, R², …
        System.out.println(fit.report());                              // backend, solver, why, time
        ModelFiles.save(fit.model(), data.targetName(), data.rows(), file);
        LinearModel model = ModelFiles.load(file).model();
        Scorer scorer = Scorer.of(model);                              // compiled for serving, thread-safe
        double price = scorer.score(new double[]{4, 8});               // one row: Vector API, no allocation
        // README example end
        assertThat(price).isBetween(350.0, 450.0);
        assertThat(price).isCloseTo(model.predict(new double[]{4, 8}), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(model.coefficients()).containsExactly(fit.model().coefficients());
    }
}
