package dev.linea.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.linea.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code linea fit} with every model and the preprocessing options, end to end on the embedded diabetes data. */
class FitModelsCliTest {

    @Test
    void ridgeMatchesScikitLearn() {
        CliTest.Run r = run("fit", "diabetes", "--model", "ridge", "--alpha", "1", "--backend", "scalar");
        assertThat(r.code()).as(r.err()).isZero();
        // scikit-learn's Ridge(alpha=1) on the raw diabetes data: bmi = 5.64040523 (models' ridge goldens).
        assertThat(r.out()).contains("5.6404052", "ridge via CHOLESKY", "adjusted R²", "MAPE");
    }

    @Test
    void ridgeCvChoosesScikitLearnsAlpha() {
        CliTest.Run r = run("fit", "diabetes", "--model", "ridgecv", "--alphas", "-3:4:15", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        // scikit-learn's RidgeCV(alphas=np.logspace(-3, 4, 15)) chooses 10^-0.5.
        assertThat(r.out()).contains("\"alpha\" : 0.31622776601683", "loo_mse_by_alpha");
        CliTest.Run g = run("fit", "diabetes", "--model", "ridgecv", "--cv", "gcv", "--alphas", "0.1,1,10");
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.out()).contains("GCV over 3 alphas");
        assertThat(run("fit", "diabetes", "--model", "ridgecv", "--cv", "kfold").err())
                .contains("--cv = 'kfold', expected loo or gcv");
        assertThat(run("fit", "diabetes", "--model", "ridgecv", "--alphas", "1:2").err())
                .contains("expected FROM:TO:COUNT");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("C04 an unusable fit (divergence) exits 1 with the reason; non-convergence exits 1")
    void gradientDescentConvergesToOlsAndDivergenceIsReported() {
        // Diabetes' collinear serum columns make batch GD slow (thousands of epochs): give it room.
        CliTest.Run r = run("fit", "diabetes", "--model", "gd", "--epochs", "100000", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"bmi\" : 5.60", "\"converged\" : true", "learning_rate");
        CliTest.Run capped = run("fit", "diabetes", "--model", "gd", "--epochs", "10");
        assertThat(capped.code()).isEqualTo(1);
        assertThat(capped.out()).contains("NOT converged", "maximum epochs (10)");
        CliTest.Run sgd = run("fit", "diabetes", "--model", "gd", "--gd-mode", "stochastic", "--schedule",
                "inverse_scaling", "--decay", "0.5", "--seed", "7", "--epochs", "50");
        assertThat(sgd.out()).contains("gd via STOCHASTIC");
        CliTest.Run bad = run("fit", "diabetes", "--model", "gd", "--learning-rate", "1e9");
        assertThat(bad.code()).as("a fit whose result is not usable exits 1").isEqualTo(1);
        assertThat(bad.err()).contains("diverged at epoch 1", "η/10");
        assertThat(run("fit", "diabetes", "--model", "gd", "--gd-mode", "adam").err())
                .contains("--gd-mode = 'adam', expected one of [batch, mini_batch, stochastic]");
    }

    @Test
    void polynomialStandardizedFitSavesAndPredictsFromRawColumns(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("poly.json");
        CliTest.Run r = run("fit", "diabetes", "--poly", "2", "--standardize", "--model", "ridge", "--alpha", "1",
                "--save", model.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"bmi^2\"", "\"age*sex\"", "standardized");
        assertThat(Files.readString(model)).contains("\"version\" : " + dev.linea.models.io.ModelFiles.VERSION, "\"step\" : \"polynomial\"",
                "\"step\" : \"standardize\"");
        Path out = dir.resolve("pred.csv");
        CliTest.Run p = run("predict", "--model", model.toString(), "diabetes", "--out", out.toString());
        assertThat(p.code()).as(p.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(443);
        // A standardized fit with an intercept predicts the target's mean on average (residuals sum to 0).
        double sum = 0;
        for (String l : lines.subList(1, lines.size())) {
            sum += Double.parseDouble(l);
        }
        assertThat(sum / 442).isCloseTo(152.133484, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(run("fit", "diabetes", "--interaction-only").err()).contains("--interaction-only needs --poly");
    }

    private static double intercept(String json) {
        String s = json.substring(json.indexOf("\"intercept\" : ") + 14);
        return Double.parseDouble(s.substring(0, s.indexOf(',')).trim());
    }

    @Test
    void weightsColumnIsUsed(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("w.csv");
        StringBuilder sb = new StringBuilder("x,y,w\n");
        for (int i = 0; i < 20; i++) {
            sb.append(i).append(',').append(2 * i + 1 + (i % 2 == 0 ? 0.5 : -0.5)).append(',')
                    .append(i % 2 == 0 ? 1 : 3).append('\n');
        }
        Files.writeString(csv, sb.toString());
        CliTest.Run plain = run("fit", csv.toString(), "--target", "y", "--exclude", "w", "--json");
        CliTest.Run weighted = run("fit", csv.toString(), "--target", "y", "--weights", "w", "--json");
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(weighted.code()).as(weighted.err()).isZero();
        double[] x = new double[20];
        double[] y = new double[20];
        double[] w = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i] = i;
            y[i] = 2 * i + 1 + (i % 2 == 0 ? 0.5 : -0.5);
            w[i] = i % 2 == 0 ? 1 : 3;
        }
        double wls = new dev.linea.models.ols.LinearRegression()
                .fit(dev.linea.models.Dataset.of(20, 1, x, y).withWeights(w)).model().intercept();
        double ols = new dev.linea.models.ols.LinearRegression()
                .fit(dev.linea.models.Dataset.of(20, 1, x, y)).model().intercept();
        assertThat(Math.abs(wls - ols)).isGreaterThan(0.1);
        assertThat(intercept(weighted.out())).isCloseTo(wls, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(intercept(plain.out())).isCloseTo(ols, org.assertj.core.data.Offset.offset(1e-12));
    }
}
