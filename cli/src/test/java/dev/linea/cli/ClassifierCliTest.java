package dev.linea.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.linea.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Logistic and softmax regression on the command line. */
class ClassifierCliTest {
    private static final String BC_REST = "mean_smoothness,mean_compactness,mean_concavity,mean_concave_points,"
            + "mean_symmetry,mean_fractal_dimension,radius_error,texture_error,perimeter_error,area_error,"
            + "smoothness_error,compactness_error,concavity_error,concave_points_error,symmetry_error,"
            + "fractal_dimension_error,worst_radius,worst_texture,worst_perimeter,worst_area,worst_smoothness,"
            + "worst_compactness,worst_concavity,worst_concave_points,worst_symmetry,worst_fractal_dimension";

    @Test
    void unpenalizedLogisticMatchesStatsmodelsLikelihoodAndPredictsProbabilities(@TempDir Path dir)
            throws IOException {
        Path model = dir.resolve("logit.json");
        CliTest.Run r = run("fit", "breast_cancer", "--model", "logistic", "--penalty", "none", "--exclude", BC_REST,
                "--save", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // statsmodels' Logit on the first four columns: log-likelihood −105.683 (models' logit goldens).
        assertThat(r.out()).contains("log-likelihood -105.683", "odds ratio", "maximum-likelihood covariance",
                "accuracy");
        assertThat(Files.readString(model)).contains("\"family\" : \"binomial\"", "\"link\" : \"logit\"");
        Path out = dir.resolve("p.csv");
        assertThat(run("predict", "--model", model.toString(), "breast_cancer", "--out", out.toString()).code())
                .isZero();
        // labels of any type: the predicted class, then p_0 and p_1 (the classes are the labels 0 and 1 here)
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.getFirst()).isEqualTo("predicted_benign,p_0,p_1");
        for (String line : lines.subList(1, 570)) {
            String[] f = line.split(",");
            double p1 = Double.parseDouble(f[2]);
            assertThat(p1).isBetween(0.0, 1.0);
            assertThat(Double.parseDouble(f[1]) + p1).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-15));
            assertThat(f[0]).isEqualTo(p1 > 0.5 ? "1" : "0");
        }
    }

    @Test
    void softmaxSavesAndPredictsClassesAndProbabilities(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("softmax.json");
        CliTest.Run r = run("fit", "iris", "--model", "softmax", "--standardize", "--save", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(model)).contains("\"family\" : \"multinomial\"", "\"version\" : " + dev.linea.models.io.ModelFiles.VERSION,
                "\"step\" : \"standardize\"");
        Path out = dir.resolve("classes.csv");
        assertThat(run("predict", "--model", model.toString(), "iris", "--out", out.toString()).code()).isZero();
        java.util.List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("predicted_species,p_0,p_1,p_2");
        int correct = 0;
        java.util.List<String> truth = Files.readAllLines(Path.of("src/main/resources/datasets/iris.csv"));
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            double sum = Double.parseDouble(f[1]) + Double.parseDouble(f[2]) + Double.parseDouble(f[3]);
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
            String[] t = truth.get(i).split(",");
            correct += f[0].equals(t[t.length - 1]) ? 1 : 0;
        }
        // The saved model keeps the standardization as a step, which predict replays on the raw rows: it classifies
        // them as the standardized fit did (97.3%).
        assertThat(correct).isEqualTo(146);
    }

    @Test
    void l1LogisticSelectsFeatures() {
        CliTest.Run r = run("fit", "breast_cancer", "--model", "logistic", "--penalty", "l1", "--c", "0.05",
                "--standardize");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("COORDINATE_DESCENT", "coefficients non-zero");
        CliTest.Run sm = run("fit", "iris", "--model", "softmax", "--penalty", "l1", "--c", "0.5", "--standardize");
        assertThat(sm.code()).as(sm.err()).isZero();
        assertThat(sm.out()).contains("PROXIMAL_GRADIENT", "non-zero");
        CliTest.Run e = run("fit", "breast_cancer", "--model", "logistic", "--penalty", "elastic_net", "--l1-ratio",
                "0.5", "--c", "0.5", "--standardize", "--json");
        assertThat(e.code()).as(e.err()).isZero();
    }

    @Test
    void separationIsReportedAndSoftmaxPrintsAConfusionMatrix() {
        CliTest.Run sep = run("fit", "breast_cancer", "--model", "logistic", "--penalty", "none", "--standardize");
        assertThat(sep.code()).isEqualTo(1);
        assertThat(sep.err()).containsIgnoringCase("separat");
        CliTest.Run s = run("fit", "iris", "--model", "softmax", "--json");
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("\"per_class\"", "\"confusion_matrix\"", "\"accuracy\"");
        assertThat(run("fit", "iris", "--model", "softmax", "--poly", "2", "--save", "x.json").err())
                .contains("softmax model files hold no expansion yet");
        assertThat(run("fit", "breast_cancer", "--model", "logistic", "--class-weight", "heavy").err())
                .contains("--class-weight = 'heavy', expected balanced or none");
    }
}
