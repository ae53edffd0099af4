package dev.linea.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's promises over drawn model × option combinations × small CSVs (valid, degenerate, hostile), run
 * in-process: no stack trace ever reaches the user; the exit code is 0, 1, 2 or 3 (docs/errors.md); exit 0 prints
 * only finite numbers and, for a fit, a converged report; an option the registry says does not apply exits 2.
 * 200 tries of tiny data: a few seconds.
 */
class CliPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A non-finite number as Java, Jackson or printf would print it. */
    private static final Pattern NON_FINITE = Pattern.compile("(?i)(?<![a-z])(nan|-?infinity|-?inf)(?![a-z])");

    /** One drawn CSV: its text and what its target looks like. */
    record Csv(String kind, String text) {
    }

    /** Estimator options with values, valid and not, drawn for every model. */
    private static final List<List<String>> OPTIONS = List.of(
            List.of("--no-intercept"), List.of("--alpha", "0.5"), List.of("--alpha", "-1"),
            List.of("--alphas", "0.1,1"), List.of("--cv", "gcv"), List.of("--lambda", "0.05"),
            List.of("--l1-ratio", "0.5"), List.of("--l1-ratio", "2"), List.of("--folds", "3"),
            List.of("--folds", "1"), List.of("--n-lambda", "5"), List.of("--link", "log"),
            List.of("--link", "identity"), List.of("--power", "1.5"), List.of("--offset", "x2"),
            List.of("--epsilon", "1.5"), List.of("--c", "0.5"), List.of("--c", "0"), List.of("--penalty", "l1"),
            List.of("--penalty", "none"), List.of("--penalty", "elastic_net"), List.of("--class-weight", "balanced"),
            List.of("--gd-mode", "stochastic"), List.of("--gd-mode", "mini_batch"), List.of("--learning-rate", "0.01"),
            List.of("--learning-rate", "1e-12"), List.of("--schedule", "step"), List.of("--decay", "0.1"),
            List.of("--epochs", "3"), List.of("--epochs", "2000"), List.of("--batch-size", "2"),
            List.of("--seed", "3"), List.of("--solver", "qr"), List.of("--solver", "newton"),
            List.of("--solver", "eigen"), List.of("--standardize"), List.of("--poly", "2"), List.of("--json"));

    @Provide
    Arbitrary<Csv> csvs() {
        Arbitrary<Integer> rows = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.integers().between(1, 3)),
                Tuple.of(3, Arbitraries.integers().between(4, 40)));
        Arbitrary<String> kind = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("valid", "binary", "classes",
                "counts")), Tuple.of(2, Arbitraries.of("constant column", "constant target", "nan text", "empty cell",
                "huge", "tiny")));
        return Combinators.combine(kind, rows, Arbitraries.longs()).as(CliPropertyTest::csv);
    }

    private static Csv csv(String kind, int m, long seed) {
        java.util.Random r = new java.util.Random(seed);
        StringBuilder sb = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < m; i++) {
            double x1 = Math.round(r.nextGaussian() * 100) / 100.0;
            double x2 = kind.equals("constant column") ? 3 : Math.round(r.nextGaussian() * 100) / 100.0;
            double y = switch (kind) {
                case "binary" -> r.nextBoolean() ? 1 : 0;
                case "classes" -> r.nextInt(3);
                case "counts" -> r.nextInt(6);
                case "constant target" -> 5;
                default -> 1 + x1 - 0.5 * x2 + 0.1 * r.nextGaussian();
            };
            String a = Double.toString(x1);
            String c = Double.toString(y);
            if (kind.equals("huge")) {
                a = x1 + "e300";
            } else if (kind.equals("tiny")) {
                c = y + "e-310";
            } else if (kind.equals("nan text") && i == m - 1) {
                a = "NaN";
            } else if (kind.equals("empty cell") && i == m / 2) {
                c = "";
            }
            sb.append(a).append(',').append(x2).append(',').append(c).append('\n');
        }
        return new Csv(kind, sb.toString());
    }

    /** A model and up to three options: mostly ones it takes (so that fits run), sometimes any (so that some don't). */
    @Provide
    Arbitrary<Tuple.Tuple2<Estimator, List<List<String>>>> modelsAndOptions() {
        return Arbitraries.of(Estimator.class).flatMap(model -> {
            List<List<String>> takes = OPTIONS.stream().filter(o -> model.takes(o.get(0))
                    || List.of("--standardize", "--poly", "--json").contains(o.get(0))).toList();
            Arbitrary<List<String>> one = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(takes)),
                    Tuple.of(1, Arbitraries.of(OPTIONS)));
            return one.list().ofMaxSize(3).uniqueElements(o -> o.get(0)).map(o -> Tuple.of(model, o));
        });
    }

    @Property(tries = 200, shrinking = ShrinkingMode.OFF, seed = "20261207")
    void theCommandLineKeepsItsPromises(@ForAll("csvs") Csv csv,
                                        @ForAll("modelsAndOptions") Tuple.Tuple2<Estimator, List<List<String>>> drawn)
            throws IOException {
        Estimator model = drawn.get1();
        List<List<String>> options = drawn.get2();
        Path dir = Files.createTempDirectory("linea-prop");
        try {
            Path data = Files.writeString(dir.resolve("d.csv"), csv.text());
            Path save = dir.resolve("m.json");
            List<String> args = new ArrayList<>(List.of("fit", data.toString(), "--target", "y", "--model",
                    model.name(), "--backend", "scalar", "--save", save.toString()));
            Set<String> given = new LinkedHashSet<>();
            boolean json = false;
            for (List<String> o : options) {
                args.addAll(o);
                json |= o.get(0).equals("--json");
                if (!List.of("--standardize", "--poly", "--json").contains(o.get(0))) {
                    given.add(o.get(0));
                }
            }
            EstimatorOptions parsed = new EstimatorOptions();
            new picocli.CommandLine(parsed).parseArgs(estimatorArgs(options));
            boolean inapplicable;
            try {
                model.check(given, parsed);
                inapplicable = false;
            } catch (IllegalArgumentException e) {
                inapplicable = true;
            }
            CliTest.Run r = CliTest.run(args.toArray(String[]::new));
            net.jqwik.api.statistics.Statistics.collect("exit " + r.code());
            String what = String.join(" ", args) + " on " + csv.kind() + ":\n" + csv.text() + "\nstderr: " + r.err();
            assertThat(r.err() + r.out()).as(what).doesNotContain("\tat ", "Exception", "Caused by");
            assertThat(r.code()).as(what).isIn(0, 1, 2, 3);
            if (inapplicable) {
                assertThat(r.code()).as(what).isEqualTo(2);
                assertThat(r.err()).as(what).containsAnyOf("does not apply", "applies only");
            }
            if (r.code() == 0) {
                assertThat(NON_FINITE.matcher(r.out()).find()).as("a non-finite number printed: " + what + "\n"
                        + r.out()).isFalse();
                if (json) {
                    JsonNode root = JSON.readTree(r.out());
                    assertThat(root.get("report").get("converged").asBoolean()).as(what).isTrue();
                } else {
                    assertThat(r.out()).as(what).contains(": converged after").doesNotContain("NOT converged");
                }
                if (!model.equals(Estimator.softmax) || !options.contains(List.of("--poly", "2"))) {
                    assertThat(save).as(what).exists();
                    // The saved model scores its own training rows: exit 0 with finite numbers, or exit 1 saying
                    // which prediction overflowed (1e300 features), never a stack trace.
                    CliTest.Run p = CliTest.run("predict", "--model", save.toString(), data.toString());
                    assertThat(p.err() + p.out()).as(what).doesNotContain("\tat ", "Exception", "Caused by");
                    assertThat(p.code()).as("predict: " + p.err() + what).isIn(0, 1);
                    if (p.code() == 0) {
                        assertThat(NON_FINITE.matcher(p.out()).find()).as(what + p.out()).isFalse();
                        assertThat(p.out().lines().count()).isEqualTo(csv.text().lines().count());
                    }
                }
            } else {
                assertThat(save).as("exit " + r.code() + " wrote a model file: " + what).doesNotExist();
                assertThat(r.err().strip()).as(what).isNotEmpty();
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (UncheckedIOException ignored) {
                // a temporary directory left behind is harmless
            }
        }
    }

    /** @return the drawn options that belong to {@link EstimatorOptions}, to parse them as the command does */
    private static String[] estimatorArgs(List<List<String>> options) {
        List<String> out = new ArrayList<>();
        for (List<String> o : options) {
            String name = o.get(0).toLowerCase(Locale.ROOT);
            if (!List.of("--standardize", "--poly", "--json").contains(name)) {
                out.addAll(o);
            }
        }
        return out.toArray(String[]::new);
    }
}
