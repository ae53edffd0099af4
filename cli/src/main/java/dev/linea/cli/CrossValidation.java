package dev.linea.cli;

import dev.linea.kernels.Backend;
import dev.linea.models.Dataset;
import dev.linea.models.logistic.SoftmaxResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code linea cv --model M} for every model but the lasso and elastic net (whose whole λ path is cross-validated
 * by {@code ElasticNetCV}): the rows are dealt into K folds (shuffled by --seed, within each class for classifiers),
 * the model is fitted K times on all folds but one with the options fit would take, and each fit is scored on the
 * fold it did not see, with fit's metrics; then the mean and sample standard deviation of each metric over folds.
 */
final class CrossValidation {
    private CrossValidation() {
    }

    static int run(Estimator model, DataOptions data, TableOptions table, BackendOption backend, EstimatorOptions est,
                   Set<String> given, boolean json, Progress.Option progress) {
        Set<String> checked = modelOptions(given);
        model.check(checked, est);
        int k = requireFolds(est.folds);
        Dataset d = table.load(data, model, est).data();
        requireFolds(k, d.rows());
        double[] offset = null;
        if (est.offset != null) {
            Dataset.ColumnSplit split = FitCommand.splitOffset(d, est.offset);
            offset = split.column();
            d = split.rest();
        }
        long seed = est.seedOrDefault();
        Backend b = backend.resolve();
        int[] fold = HeldOut.folds(d, k, seed, model.classifier());
        List<Map<String, Object>> perFold = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        boolean converged = true;
        Progress bar = progress.start("linea cv " + model + ", " + k + " folds");
        try {
            for (int f = 0; f < k; f++) {
                int[][] rows = trainAndTest(fold, f);
                HeldOut.Part train = HeldOut.rows(d, offset, rows[0]);
                HeldOut.Part test = HeldOut.rows(d, offset, rows[1]);
                Map<String, Object> metrics;
                if (model == Estimator.softmax) {
                    SoftmaxResult r = Softmax.fit(train.data(), b, est);
                    converged &= r.report().converged();
                    metrics = HeldOut.metrics(r.model(), test.data());
                } else {
                    Estimators.Fitted fitted = model.fitter.fit(model, train.data(), train.offset(), b, est);
                    converged &= fitted.report().converged();
                    FiniteOutput.coefficients(fitted.model());
                    metrics = HeldOut.metrics(fitted, test.data(), test.offset());
                }
                perFold.add(metrics);
                sizes.add(new int[] {rows[0].length, rows[1].length});
            }
        } finally {
            bar.done();
        }
        return report(model, data.data, k, seed, perFold, sizes, converged, json);
    }

    /**
     * Prints the per-fold metrics and their mean ± sd (text or JSON), dense and sparse inputs alike.
     *
     * @param sizes per fold: {training rows, test rows}
     * @return the exit code: 1 when a fold's fit did not converge, else 0
     */
    static int report(Estimator model, String source, int k, long seed, List<Map<String, Object>> perFold,
                      List<int[]> sizes, boolean converged, boolean json) {
        Map<String, Map<String, Object>> summary = HeldOut.summary(perFold);
        String how = k + "-fold cross-validation on " + source + " (seed " + seed
                + (model.classifier() ? ", stratified by class" : "") + ")";
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("model", model.name());
            root.put("folds", k);
            root.put("seed", seed);
            root.put("stratified", model.classifier());
            List<Map<String, Object>> folds = new ArrayList<>();
            for (int f = 0; f < k; f++) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("fold", f + 1);
                m.put("train_rows", sizes.get(f)[0]);
                m.put("test_rows", sizes.get(f)[1]);
                m.put("metrics", perFold.get(f));
                folds.add(m);
            }
            root.put("per_fold", folds);
            root.put("summary", summary);
            root.put("converged", converged);
            System.out.println(Json.write(root));
        } else {
            System.out.println(model + ", " + how);
            StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%5s %7s %7s", "fold", "train", "test"));
            for (String key : perFold.getFirst().keySet()) {
                h.append(String.format(Locale.ROOT, " %13s", FitCommand.label(key)));
            }
            System.out.println(h);
            for (int f = 0; f < k; f++) {
                StringBuilder l = new StringBuilder(String.format(Locale.ROOT, "%5d %7d %7d", f + 1, sizes.get(f)[0],
                        sizes.get(f)[1]));
                for (Object v : perFold.get(f).values()) {
                    l.append(String.format(Locale.ROOT, " %13s", v instanceof Double x
                            ? String.format(Locale.ROOT, "%.6g", x) : "undefined"));
                }
                System.out.println(l);
            }
            StringBuilder mean = new StringBuilder("mean ± sd:");
            summary.forEach((key, s) -> mean.append("  ").append(FitCommand.label(key)).append(' ')
                    .append(s.get("mean") instanceof Double m ? String.format(Locale.ROOT, "%.6g", m) : "undefined")
                    .append(" ± ").append(s.get("sd") instanceof Double sd ? String.format(Locale.ROOT, "%.3g", sd)
                            : "undefined"));
            System.out.println(mean);
        }
        if (!converged) {
            System.err.println("linea cv: a fold's fit did not converge (exit 1)");
            return 1;
        }
        return 0;
    }

    /**
     * @return the options given without cv's own (--folds and its --seed, for every model), to check against the
     * model's
     * @throws IllegalArgumentException for --test or --test-fraction (every fold is held out in turn)
     */
    static Set<String> modelOptions(Set<String> given) {
        Set<String> checked = new LinkedHashSet<>(given);
        checked.remove("--folds");
        checked.remove("--seed");
        for (String own : List.of("--test-fraction", "--test")) {
            if (checked.contains(own)) {
                throw new IllegalArgumentException(own + " does not apply to linea cv (every fold is held out in "
                        + "turn; use linea fit " + own + " for one held-out set)");
            }
        }
        return checked;
    }

    /** @return k, when at least 2 */
    static int requireFolds(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("--folds is " + k + ", expected at least 2");
        }
        return k;
    }

    /** @throws IllegalArgumentException when there are more folds than rows */
    static void requireFolds(int k, int rows) {
        if (k > rows) {
            throw new IllegalArgumentException("--folds " + k + " is more than the " + rows + " rows, expected "
                    + "at most one fold per row");
        }
    }

    /** @return {training rows, test rows} of fold f */
    static int[][] trainAndTest(int[] fold, int f) {
        int test = 0;
        for (int g : fold) {
            if (g == f) {
                test++;
            }
        }
        int[] tr = new int[fold.length - test];
        int[] te = new int[test];
        for (int i = 0, a = 0, b = 0; i < fold.length; i++) {
            if (fold[i] == f) {
                te[b++] = i;
            } else {
                tr[a++] = i;
            }
        }
        return new int[][] {tr, te};
    }
}
