package dev.linea.cli;

import dev.linea.models.Dataset;
import dev.linea.models.logistic.SoftmaxModel;
import dev.linea.models.metrics.ClassificationMetrics;
import dev.linea.models.metrics.RegressionReport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Held-out evaluation: a seeded split of the rows into training and test rows (stratified by class for
 * classifiers), K seeded folds for cross-validation, aligning a separate test file's columns with the training
 * features, and the metrics of a fitted model on rows it was not fitted on.
 */
final class HeldOut {
    private HeldOut() {
    }

    /** Rows of a dataset, and the matching values of an offset (null when there is none). */
    record Part(Dataset data, double[] offset) {
    }

    /** @return the rows of d (and of offset) at {@code rows}, in the order given */
    static Part rows(Dataset d, double[] offset, int[] rows) {
        int n = d.cols();
        double[] x = new double[rows.length * n];
        double[] y = new double[rows.length];
        double[] w = d.weighted() ? new double[rows.length] : null;
        double[] o = offset == null ? null : new double[rows.length];
        double[] src = d.xUnsafe();
        for (int k = 0; k < rows.length; k++) {
            int i = rows[k];
            System.arraycopy(src, i * n, x, k * n, n);
            y[k] = d.y(i);
            if (w != null) {
                w[k] = d.weight(i);
            }
            if (o != null) {
                o[k] = offset[i];
            }
        }
        return new Part(Dataset.of(rows.length, n, x, y, w, d.featureNames(), d.targetName()), o);
    }

    /**
     * Assigns each row to one of K folds: shuffled with the seed, within each class when stratified (so every fold
     * holds each class in about its share), dealt round-robin.
     *
     * @return the fold (0 … k−1) of each row
     */
    static int[] folds(Dataset d, int k, long seed, boolean stratified) {
        return folds(d.copyY(), k, seed, stratified);
    }

    /** As {@link #folds(Dataset, int, long, boolean)}, from the targets alone (a sparse design's rows). */
    static int[] folds(double[] y, int k, long seed, boolean stratified) {
        int m = y.length;
        int[] fold = new int[m];
        int next = 0;
        for (int[] group : groups(y, stratified)) {
            shuffle(group, new SplittableRandom(seed));
            for (int i : group) {
                fold[i] = next;
                next = (next + 1) % k;
            }
        }
        return fold;
    }

    /**
     * Splits off a test share of the rows: {@code round(fraction × rows)} of them (of each class when stratified),
     * chosen by a seeded shuffle; both parts keep the file's row order.
     *
     * @return {training, test}
     */
    static Part[] split(Dataset d, double[] offset, double fraction, long seed, boolean stratified) {
        int[][] rows = splitRows(d.copyY(), fraction, seed, stratified);
        return new Part[] {rows(d, offset, rows[0]), rows(d, offset, rows[1])};
    }

    /**
     * The rows of {@link #split}, from the targets alone (a sparse design's rows): the same rows for the same
     * targets, fraction and seed.
     *
     * @return {training rows, test rows}, each in the file's order
     */
    static int[][] splitRows(double[] y, double fraction, long seed, boolean stratified) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("--test-fraction is " + fraction + ", expected a share of the rows "
                    + "strictly between 0 and 1 (e.g. 0.2)");
        }
        int m = y.length;
        boolean[] test = new boolean[m];
        int tests = 0;
        SplittableRandom r = new SplittableRandom(seed);
        for (int[] group : groups(y, stratified)) {
            shuffle(group, r);
            int take = (int) Math.round(fraction * group.length);
            for (int k = 0; k < take; k++) {
                test[group[k]] = true;
            }
            tests += take;
        }
        if (tests == 0 || tests == m) {
            throw new IllegalArgumentException("--test-fraction " + fraction + " of " + m + " rows leaves "
                    + (tests == 0 ? "no test rows" : "no training rows") + ", expected at least one of each");
        }
        int[] trainRows = new int[m - tests];
        int[] testRows = new int[tests];
        for (int i = 0, a = 0, b = 0; i < m; i++) {
            if (test[i]) {
                testRows[b++] = i;
            } else {
                trainRows[a++] = i;
            }
        }
        return new int[][] {trainRows, testRows};
    }

    /** The row indices, in one group, or one group per class (by value of y, in sorted order). */
    private static List<int[]> groups(double[] y, boolean stratified) {
        if (!stratified) {
            int[] all = new int[y.length];
            Arrays.setAll(all, i -> i);
            return List.of(all);
        }
        Map<Double, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < y.length; i++) {
            byClass.computeIfAbsent(y[i], c -> new ArrayList<>()).add(i);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> rows : byClass.values()) {
            out.add(rows.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static void shuffle(int[] a, SplittableRandom r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * A test file's dataset with its feature columns in the training order.
     *
     * @throws IllegalArgumentException naming the columns the test file lacks or has besides
     */
    static Dataset align(Dataset test, List<String> trainNames, String source) {
        if (test.featureNames().equals(trainNames)) {
            return test;
        }
        List<String> missing = new ArrayList<>(trainNames);
        missing.removeAll(test.featureNames());
        List<String> extra = new ArrayList<>(test.featureNames());
        extra.removeAll(trainNames);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IllegalArgumentException("--test " + source + " has other feature columns than the training "
                    + "data: " + (missing.isEmpty() ? "" : "missing " + missing) + (missing.isEmpty()
                    || extra.isEmpty() ? "" : ", ") + (extra.isEmpty() ? "" : "extra " + extra + " (--exclude them)")
                    + ", expected " + trainNames);
        }
        int[] at = new int[trainNames.size()];
        for (int j = 0; j < at.length; j++) {
            at[j] = test.featureNames().indexOf(trainNames.get(j));
        }
        int n = at.length;
        double[] x = new double[test.rows() * n];
        for (int i = 0; i < test.rows(); i++) {
            for (int j = 0; j < n; j++) {
                x[i * n + j] = test.x(i, at[j]);
            }
        }
        return Dataset.of(test.rows(), n, x, test.copyY(), test.weighted() ? test.copyWeights() : null, trainNames,
                test.targetName());
    }

    /**
     * The metrics of a fitted linear predictor on held-out rows (its inverse link applied, the offset added): the
     * training metrics' names and definitions, on rows the fit did not see.
     *
     * @param test the held-out rows, expanded like the training design (not standardized: f is on the original
     *             scale)
     */
    static Map<String, Object> metrics(Estimators.Fitted f, Dataset test, double[] offset) {
        double[] pred = FitCommand.fittedValues(test, offset, f);
        FiniteOutput.predictions(pred, "held-out prediction");
        if (f.predictor().link() == dev.linea.models.glm.Link.LOGIT) {
            return FitCommand.classificationMetrics(test, pred);
        }
        return FitCommand.metrics(RegressionReport.of(test.copyY(), pred, test.weighted() ? test.copyWeights() : null,
                test.cols()));
    }

    /** Accuracy and log loss of a softmax model on held-out rows (classes 0 … K−1). */
    static Map<String, Object> metrics(SoftmaxModel m, Dataset test) {
        int k = m.classCount();
        double[][] probs = new double[test.rows()][k];
        double[] pred = new double[test.rows()];
        double[] row = new double[test.cols()];
        for (int i = 0; i < test.rows(); i++) {
            System.arraycopy(test.xUnsafe(), i * test.cols(), row, 0, test.cols());
            m.predictProbabilities(row, probs[i]);
            FiniteOutput.predictions(probs[i], "held-out class probability");
            pred[i] = m.predict(row);
        }
        double[] w = test.weighted() ? test.copyWeights() : null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accuracy", FiniteOutput.metric("accuracy", ClassificationMetrics.accuracy(test.copyY(), pred, w)));
        out.put("log_loss", FiniteOutput.metric("log loss", ClassificationMetrics.logLoss(test.copyY(), probs, w)));
        return out;
    }

    /** Per metric: the mean and the sample standard deviation over folds (of the folds where it is defined). */
    static Map<String, Map<String, Object>> summary(List<Map<String, Object>> perFold) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (String key : perFold.getFirst().keySet()) {
            List<Double> v = new ArrayList<>();
            for (Map<String, Object> f : perFold) {
                if (f.get(key) instanceof Double d) {
                    v.add(d);
                }
            }
            int n = v.size();
            double mean = 0;
            for (double d : v) {
                mean += d / n;
            }
            double ss = 0;
            for (double d : v) {
                ss += (d - mean) * (d - mean);
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("mean", n == 0 ? null : mean);
            s.put("sd", n < 2 ? null : Math.sqrt(ss / (n - 1)));
            s.put("folds_defined", n);
            out.put(key, s);
        }
        return out;
    }
}
