package dev.linea.examples;

import dev.linea.kernels.BackendStatus;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.io.CsvDatasets;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.logistic.LogisticModel;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.LogisticResult;
import dev.linea.models.scoring.Scorer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What a service does with Linea: read a CSV, fit a logistic regression, save the model, load it back, compile a
 * scorer, warm it up, and score. Exit 0 only when the answers are right: the coefficients near the ones the data
 * was drawn from, and the loaded scorer equal to the fitted model on every row.
 *
 * <p>Options: {@code --expect-native} / {@code --expect-no-native} (is the OpenBLAS backend loaded?),
 * {@code --expect-module-path} / {@code --expect-class-path} (how was Linea loaded?). CI uses them to prove each
 * run is the configuration it claims to be.
 */
public final class FitSaveLoadScore {
    /** The model the data is drawn from: P(y = 1 | x) = σ(b + xᵀβ). */
    static final double TRUE_INTERCEPT = -0.3;
    static final double[] TRUE_BETA = {1.5, -2.0, 0.5};
    static final int ROWS = 5000;

    private FitSaveLoadScore() {
    }

    public static void main(String[] args) throws IOException {
        List<String> expect = List.of(args);
        Path dir = Files.createTempDirectory("linea-example");
        Path csv = writeData(dir.resolve("clicks.csv"));

        // 1. Read: a Path (a String would be ambiguous: file name or CSV text? The API takes Path or Reader).
        Dataset data = CsvDatasets.read(csv, CsvDatasets.Spec.target("clicked"));

        // 0. Once per process, before the first fit: compile the Vector API kernels (see Backends.warmUp).
        System.out.printf(Locale.ROOT, "kernels warm-up %d ms%n", Backends.warmUp().toMillis());

        // 2. Fit (default backend: auto; weak L2 penalty, C = 1e6, to compare with the generating coefficients).
        LogisticResult fit = new LogisticRegression(
                dev.linea.models.logistic.LogisticOptions.defaults().withC(1e6)).fit(data);
        LogisticModel model = fit.model();
        System.out.println(fit.report());

        // 3. Save and 4. load: the fit's predictor (family binomial, link logit) in a versioned JSON file.
        Path file = dir.resolve("clicks-model.json");
        ModelFiles.save(fit.predictor(), data.targetName(), data.rows(), file);
        ModelFiles.Loaded loaded = ModelFiles.load(file);

        // 5. Compile a scorer from the file (its link picks the response: probabilities), warm it up once.
        long t0 = System.nanoTime();
        Scorer scorer = Scorer.of(loaded).warmUp();
        System.out.printf(Locale.ROOT, "scorer: %s kernel, warm-up %.0f ms%n", scorer.kernel(),
                (System.nanoTime() - t0) / 1e6);

        // 6. Score, and check.
        int failures = 0;
        double[] row = new double[TRUE_BETA.length];
        for (int i = 0; i < data.rows(); i++) {
            for (int j = 0; j < row.length; j++) {
                row[j] = data.x(i, j);
            }
            double p = scorer.score(row);
            if (!(Math.abs(p - model.predictProbability(row)) <= 1e-12)) {
                failures += report("row " + i + ": the loaded scorer gives " + p + ", the fitted model "
                        + model.predictProbability(row));
            }
        }
        failures += near("intercept", model.intercept(), TRUE_INTERCEPT);
        for (int j = 0; j < TRUE_BETA.length; j++) {
            failures += near(model.featureNames().get(j), model.coefficient(j), TRUE_BETA[j]);
        }
        System.out.printf(Locale.ROOT, "P(clicked | x = [1, 0, 0]) = %.4f%n", scorer.score(new double[] {1, 0, 0}));

        // 7. Say how this JVM runs Linea, and check what the caller expects.
        boolean named = Scorer.class.getModule().isNamed();
        System.out.println("linea loaded from the " + (named ? "module path (module "
                + Scorer.class.getModule().getName() + ")" : "class path"));
        for (BackendStatus s : Backends.statuses()) {
            System.out.println("backend " + s.name() + ": " + (s.isAvailable() ? "available" : "unavailable, " + s.reason()));
        }
        boolean nativeUp = Backends.status("native").isAvailable();
        failures += check(expect, "--expect-native", nativeUp, "the native backend is not available");
        failures += check(expect, "--expect-no-native", !nativeUp, "the native backend is available");
        failures += check(expect, "--expect-module-path", named, "Linea was loaded from the class path");
        failures += check(expect, "--expect-class-path", !named, "Linea was loaded from the module path");
        if (failures > 0) {
            System.err.println(failures + " check(s) failed");
            System.exit(1);
        }
        System.out.println("ok: fitted, saved, loaded and scored " + data.rows() + " rows");
    }

    private static Path writeData(Path csv) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        StringBuilder sb = new StringBuilder("age_z,price_z,promo,clicked\n");
        for (int i = 0; i < ROWS; i++) {
            double eta = TRUE_INTERCEPT;
            double[] x = {random.nextGaussian(), random.nextGaussian(), random.nextInt(2)};
            for (int j = 0; j < x.length; j++) {
                eta += TRUE_BETA[j] * x[j];
                sb.append(String.format(Locale.ROOT, "%.6f,", x[j]));
            }
            sb.append(random.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0).append('\n');
        }
        return Files.writeString(csv, sb);
    }

    /** Five thousand rows give standard errors near 0.05; 0.25 is five of them. */
    private static int near(String name, double fitted, double truth) {
        if (Math.abs(fitted - truth) <= 0.25) {
            return 0;
        }
        return report(name + ": fitted " + fitted + ", expected within 0.25 of the generating " + truth);
    }

    private static int check(List<String> expect, String flag, boolean holds, String otherwise) {
        return expect.contains(flag) && !holds ? report(flag + ": " + otherwise) : 0;
    }

    private static int report(String failure) {
        System.err.println("FAILED " + failure);
        return 1;
    }
}
