package dev.linea.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.linea.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The estimator registry on the command line: every model × every estimator option, and the cross-option rules. */
class EstimatorRegistryTest {
    @TempDir
    static Path dir;
    static Path regression;
    static Path binary;
    static Path classes;

    /** A valid value of each estimator option, alone (null: a flag). */
    private static final Map<String, String> VALUE = new LinkedHashMap<>();

    static {
        VALUE.put("--no-intercept", null);
        VALUE.put("--alpha", "0.5");
        VALUE.put("--alphas", "0.1,1");
        VALUE.put("--cv", "gcv");
        VALUE.put("--lambda", "0.1");
        VALUE.put("--l1-ratio", "0.5");
        VALUE.put("--folds", "3");
        VALUE.put("--n-lambda", "10");
        VALUE.put("--tol", "1e-10");
        VALUE.put("--max-iter", "5000");
        VALUE.put("--link", "log");
        VALUE.put("--power", "1.5");
        VALUE.put("--offset", "e");
        VALUE.put("--epsilon", "1.5");
        VALUE.put("--c", "0.5");
        VALUE.put("--penalty", "l2");
        VALUE.put("--class-weight", "balanced");
        VALUE.put("--gd-mode", "stochastic");
        VALUE.put("--learning-rate", "0.01");
        VALUE.put("--schedule", "inverse_scaling");
        VALUE.put("--decay", "0.1");
        VALUE.put("--epochs", "5");
        VALUE.put("--batch-size", "4");
        VALUE.put("--seed", "3");
        VALUE.put("--solver", "auto");
        VALUE.put("--test-fraction", "0.25");
        VALUE.put("--test", "(the model's own data file)");
    }

    @BeforeAll
    static void data() throws IOException {
        StringBuilder r = new StringBuilder("x1,x2,e,y\n");
        StringBuilder b = new StringBuilder("x1,x2,e,y\n");
        StringBuilder c = new StringBuilder("x1,x2,e,y\n");
        for (int i = 0; i < 30; i++) {
            double x1 = Math.sin(i);
            double x2 = Math.cos(1.7 * i);
            r.append(x1).append(',').append(x2).append(',').append(i % 3 * 0.1).append(',')
                    .append(1 + (i * 7) % 5).append('\n');
            b.append(x1).append(',').append(x2).append(',').append(0).append(',').append((i * 5) % 3 == 0 ? 1 : 0)
                    .append('\n');
            c.append(x1).append(',').append(x2).append(',').append(0).append(',').append(i % 3).append('\n');
        }
        regression = Files.writeString(dir.resolve("r.csv"), r);
        binary = Files.writeString(dir.resolve("b.csv"), b);
        classes = Files.writeString(dir.resolve("c.csv"), c);
    }

    private static Path dataFor(Estimator e) {
        return e == Estimator.logistic ? binary : e == Estimator.softmax ? classes : regression;
    }

    /** @return whether the registry takes the option alone with this model (with the other options' defaults) */
    private static boolean registryTakes(Estimator e, String option) {
        try {
            e.check(Set.of(option), new EstimatorOptions());
            return true;
        } catch (IllegalArgumentException x) {
            return false;
        }
    }

    private static CliTest.Run fit(Estimator e, String... options) {
        List<String> args = new ArrayList<>(List.of("fit", dataFor(e).toString(), "--target", "y", "--model",
                e.name()));
        if (e != Estimator.poisson && e != Estimator.gamma && e != Estimator.tweedie) {
            args.addAll(List.of("--exclude", "e"));
        }
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    @Test
    @DisplayName("C25 every model × every estimator option: accepted or exit 2 exactly as the registry says")
    void everyModelTimesEveryOption() {
        Set<String> all = new TreeSet<>();
        new CommandLine(new FitCommand()).getCommandSpec().mixins().get("est").options()
                .forEach(o -> all.add(o.longestName()));
        assertThat(VALUE.keySet()).as("a sample value for every estimator option").containsAll(all);
        int accepted = 0;
        for (Estimator e : Estimator.values()) {
            for (String option : all) {
                String v = option.equals("--test") ? dataFor(e).toString() : VALUE.get(option);
                CliTest.Run r = v == null ? fit(e, option) : fit(e, option, v);
                String what = "--model " + e + " " + option + (v == null ? "" : " " + v) + ": " + r.err();
                if (registryTakes(e, option)) {
                    accepted++;
                    assertThat(r.err()).as(what).doesNotContain("does not apply", "applies only");
                    assertThat(r.code()).as(what).isIn(0, 1);
                } else {
                    assertThat(r.code()).as(what).isEqualTo(2);
                    assertThat(r.err()).as(what).contains(option).containsAnyOf("--model " + e, "applies only");
                    assertThat(r.err()).as(what).doesNotContain("Exception");
                }
            }
        }
        // Every model takes at least --no-intercept; the GLMs their link, penalty and offset, and so on.
        assertThat(accepted).isGreaterThan(Estimator.values().length * 2);
    }

    @Test
    @DisplayName("C26 the options the issue found silently ignored are refused, naming option and model")
    void issueCasesAreRefused() {
        Object[][] cases = {
                {Estimator.lasso, new String[] {"--alpha", "1"}, "--alpha does not apply to --model lasso"},
                {Estimator.ols, new String[] {"--offset", "e"}, "--offset does not apply to --model ols"},
                {Estimator.ols, new String[] {"--c", "2"}, "--c does not apply to --model ols"},
                {Estimator.ols, new String[] {"--lambda", "2"}, "--lambda does not apply to --model ols"},
                {Estimator.ols, new String[] {"--link", "log"}, "--link does not apply to --model ols"},
                {Estimator.ols, new String[] {"--seed", "2"}, "--seed does not apply to --model ols"},
                {Estimator.ridge, new String[] {"--epochs", "2"}, "--epochs does not apply to --model ridge"},
                {Estimator.ridge, new String[] {"--power", "1.2"}, "--power does not apply to --model ridge"},
                {Estimator.lasso, new String[] {"--solver", "qr"}, "--solver does not apply to --model lasso"},
                {Estimator.gd, new String[] {"--solver", "qr"}, "--solver does not apply to --model gd"},
                {Estimator.huber, new String[] {"--solver", "qr"}, "--solver does not apply to --model huber"},
                {Estimator.lasso, new String[] {"--folds", "3", "--lambda", "0.1"}, "--folds does not apply with "
                        + "--lambda"},
                {Estimator.elasticnet, new String[] {"--lambda", "0.1", "--n-lambda", "5"}, "--n-lambda does not "
                        + "apply with --lambda"},
                {Estimator.logistic, new String[] {"--l1-ratio", "0.5"}, "--l1-ratio applies only with --penalty "
                        + "elastic_net, found --penalty l2"},
                {Estimator.logistic, new String[] {"--solver", "gradient_descent", "--learning-rate", "0.1"},
                        "--learning-rate does not apply to --model logistic"},
                {Estimator.logistic, new String[] {"--solver", "newton", "--epochs", "3"},
                        "--epochs does not apply to --model logistic"},
                {Estimator.logistic, new String[] {"--penalty", "none", "--c", "3"}, "--c applies only with a penalty"},
                {Estimator.lasso, new String[] {"--l1-ratio", "1"}, "--l1-ratio does not apply to --model lasso"},
                {Estimator.gd, new String[] {"--batch-size", "8"}, "--batch-size applies only with --gd-mode "
                        + "mini_batch, found --gd-mode batch"},
                {Estimator.gd, new String[] {"--decay", "0.5"}, "--decay applies only with --schedule"},
                {Estimator.softmax, new String[] {"--solver", "newton"}, "--solver does not apply to --model softmax"},
        };
        for (Object[] c : cases) {
            CliTest.Run r = fit((Estimator) c[0], (String[]) c[1]);
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains((String) c[2]);
        }
        assertThat(fit(Estimator.lasso, "--alpha", "1").err()).contains("--lambda", "--folds");
        assertThat(fit(Estimator.logistic, "--penalty", "elastic_net", "--l1-ratio", "0.5", "--c", "0.5").code())
                .isZero();
        assertThat(run("path", "diabetes", "--alpha", "1").err()).contains("--alpha does not apply to linea path");
        CliTest.Run summary = run("summary", "diabetes", "--link", "log");
        assertThat(summary.code()).isEqualTo(2);
        assertThat(summary.err()).contains("--link does not apply to linea summary --model ols");
        assertThat(run("summary", "diabetes", "--model", "poisson", "--power", "1.5").err())
                .contains("--power does not apply to linea summary --model poisson");
        assertThat(run("summary", "diabetes", "--model", "gamma", "--solver", "qr").err())
                .contains("--solver does not apply to linea summary --model gamma");
        assertThat(run("cv", "diabetes", "--model", "lasso", "--l1-ratio", "0.5").err())
                .contains("--l1-ratio does not apply to linea cv --model lasso");
    }

    @Test
    @DisplayName("C27 fit --model M --help lists only M's estimator options")
    void helpPerModel() {
        CliTest.Run lasso = run("fit", "--model", "lasso", "--help");
        assertThat(lasso.code()).isZero();
        assertThat(lasso.out()).contains("--lambda", "--folds", "--n-lambda", "--no-intercept", "--poly", "--save",
                "options of --model lasso").doesNotContain("--alpha=", "--c=", "--epochs", "--link", "--offset=");
        CliTest.Run all = run("fit", "--help");
        assertThat(all.out()).contains("--lambda", "--alpha", "--c=", "--epochs", "--offset");
        CliTest.Run poisson = run("fit", "--help", "--model", "poisson");
        assertThat(poisson.out()).contains("--offset", "--link", "--alpha").doesNotContain("--lambda");
    }
}
