package dev.linea.cli;

import dev.linea.models.ClassLabels;
import dev.linea.models.Dataset;
import dev.linea.models.formula.DesignPlan;
import dev.linea.models.formula.Formula;
import dev.linea.models.io.CsvDatasets;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How fit and cv turn a table into a design besides the plain numeric read: a model formula ({@code --formula}) and
 * class labels of any type for classifiers ({@code --positive}). A classifier's target is read as text: its
 * distinct values are the classes ({@link ClassLabels}); with a formula every column it reads is read as text and
 * typed by the formula ({@link DesignPlan#fit}).
 */
final class TableOptions {

    @Option(names = "--formula", paramLabel = "FORMULA",
            description = "A model formula, as statsmodels and R write it: \"y ~ x1 + C(region) + x2:x3 + I(x1^2) - 1\" "
                    + "(replaces --target and --exclude; see docs/formula.md for the grammar).")
    String formula;

    @Option(names = "--positive", paramLabel = "LABEL",
            description = "Logistic: the positive class (default: the second label in sorted order, as scikit-learn).")
    String positive;

    /** A loaded table: the design, its class labels (classifiers) and its formula plan (with --formula). */
    record Table(Dataset data, ClassLabels labels, DesignPlan plan) {
    }

    /**
     * Loads the training data for {@code model}: as {@link DataOptions#load()} does for a numeric target without a
     * formula, else through the text read.
     */
    Table load(DataOptions data, Estimator model, EstimatorOptions est) {
        if (positive != null && model != Estimator.logistic) {
            throw new IllegalArgumentException("--positive applies only to --model logistic (binary), found --model "
                    + model);
        }
        if (formula == null) {
            if (!model.classifier()) {
                return new Table(data.load(), null, null);
            }
            return labelled(data, model);
        }
        Formula f = Formula.parse(formula);
        if (data.target != null && !data.target.equals(f.response())) {
            throw new IllegalArgumentException("--target " + data.target + " and --formula with the response '"
                    + f.response() + "', expected one of them (the formula names the target)");
        }
        if (!data.exclude.isEmpty()) {
            throw new IllegalArgumentException("--exclude with --formula: the formula reads only the columns it names, "
                    + "expected one of them");
        }
        if (est.offset != null) {
            throw new IllegalArgumentException("--offset with --formula is not supported yet, expected one of them");
        }
        if (!f.intercept()) {
            est.noIntercept = true;
        } else if (est.noIntercept) {
            throw new IllegalArgumentException("--no-intercept with a formula that keeps the intercept, expected '- 1' "
                    + "in the formula instead: " + formula);
        }
        List<String> columns = new ArrayList<>(f.columns());
        columns.add(f.response());
        CsvDatasets.Features text = readText(data, data.weights == null ? List.of() : List.of(data.weights),
                columns);
        Map<String, String[]> cells = new HashMap<>();
        for (String c : columns) {
            cells.put(c, text.keptColumn(c));
        }
        DesignPlan plan = DesignPlan.fit(f, cells);
        ClassLabels labels = null;
        double[] y;
        String[] target = cells.get(f.response());
        if (model.classifier()) {
            labels = ClassLabels.of(target, model == Estimator.logistic, positive, f.response());
            y = labels.encode(target, f.response());
        } else {
            y = numbers(target, f.response());
        }
        double[] w = data.weights == null ? null : text.x();
        return new Table(plan.dataset(cells, y, w, data.data), labels, plan);
    }

    /** A classifier's table without a formula: the features as numbers, the target as text. */
    private Table labelled(DataOptions data, Estimator model) {
        if (data.target == null && !DataOptions.EMBEDDED_TARGETS.containsKey(data.data)) {
            data.load(); // its checks and messages: no such file, --target required
        }
        String target = target(data);
        List<String> header = header(data);
        List<String> features = new ArrayList<>();
        for (String h : header) {
            if (!h.equals(target) && !h.equals(data.weights) && !data.exclude.contains(h)) {
                features.add(h);
            }
        }
        if (!header.contains(target)) {
            throw new IllegalArgumentException(data.data + ": no column '" + target + "' (the target), expected one "
                    + "of " + header);
        }
        List<String> numeric = new ArrayList<>(features);
        if (data.weights != null) {
            numeric.add(data.weights);
        }
        CsvDatasets.Features f = readText(data, numeric, List.of(target));
        String[] cells = f.keptColumn(target);
        ClassLabels labels = ClassLabels.of(cells, model == Estimator.logistic, positive, target);
        double[] y = labels.encode(cells, target);
        int m = f.rows();
        int n = features.size();
        double[] x = f.x();
        double[] w = null;
        if (data.weights != null) {
            x = new double[m * n];
            w = new double[m];
            for (int i = 0; i < m; i++) {
                System.arraycopy(f.x(), i * (n + 1), x, i * n, n);
                w[i] = f.x()[i * (n + 1) + n];
            }
        }
        return new Table(Dataset.wrap(m, n, x, y, w, features, target), labels, null);
    }

    /**
     * A held-out file ({@code --test FILE}) read the way the training table was: through the formula's plan, or with
     * the target as a class label of the training classes (an unseen label is an error naming the file's line).
     */
    Dataset loadTest(DataOptions data, Table train, Path file) {
        if (train.labels() == null && train.plan() == null) {
            return data.loadTest(file, "--test");
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no such file: --test " + file);
        }
        UserFiles.requireReadable(file, "--test");
        String target = train.data().targetName();
        try {
            if (train.plan() != null) {
                DesignPlan plan = train.plan();
                List<String> columns = new ArrayList<>(plan.inputs());
                columns.add(target);
                CsvDatasets.Features text = CsvDatasets.readFeatures(file, data.weights == null ? List.of()
                        : List.of(data.weights), columns);
                Map<String, String[]> cells = new HashMap<>();
                for (String c : columns) {
                    cells.put(c, text.keptColumn(c));
                }
                String[] t = cells.get(target);
                double[] y = train.labels() != null ? train.labels().encode(t, target) : numbers(t, target);
                return plan.dataset(cells, y, data.weights == null ? null : text.x(), file.toString());
            }
            List<String> numeric = new ArrayList<>(train.data().featureNames());
            if (data.weights != null) {
                numeric.add(data.weights);
            }
            CsvDatasets.Features f = CsvDatasets.readFeatures(file, numeric, List.of(target));
            double[] y = train.labels().encode(f.keptColumn(target), target);
            int m = f.rows();
            int n = train.data().cols();
            double[] x = f.x();
            double[] w = null;
            if (data.weights != null) {
                x = new double[m * n];
                w = new double[m];
                for (int i = 0; i < m; i++) {
                    System.arraycopy(f.x(), i * (n + 1), x, i * n, n);
                    w[i] = f.x()[i * (n + 1) + n];
                }
            }
            return Dataset.wrap(m, n, x, y, w, train.data().featureNames(), target);
        } catch (IllegalArgumentException e) {
            throw withLine(e, file);
        }
    }

    /** "row 3 (1-based)" in a message gains the file's line, as {@link DataOptions#withLine} does for the data. */
    static IllegalArgumentException withLine(IllegalArgumentException e, Path file) {
        String m = e.getMessage();
        java.util.regex.Matcher at = m == null ? null
                : java.util.regex.Pattern.compile("row (\\d+) \\(1-based\\)").matcher(m);
        if (at == null || !at.find() || !Files.isRegularFile(file)) {
            return e;
        }
        long line = CsvDatasets.lineOfRow(file, Long.parseLong(at.group(1)) - 1);
        if (line < 0) {
            return e;
        }
        return new IllegalArgumentException(m.substring(0, at.end() - 1) + "; line " + line + " of " + file + ")"
                + m.substring(at.end()), e);
    }

    private static String target(DataOptions data) {
        return data.target != null ? data.target : DataOptions.EMBEDDED_TARGETS.get(data.data);
    }

    private static double[] numbers(String[] cells, String column) {
        double[] y = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            String s = cells[i].strip();
            if (!s.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
                throw new IllegalArgumentException(column + " has '" + cells[i] + "' at row " + (i + 1)
                        + " (1-based), expected a number (the response of a regression model)");
            }
            y[i] = Double.parseDouble(s);
        }
        return y;
    }

    /** The numeric columns as numbers and the text columns as text, from the file or the embedded dataset. */
    private static CsvDatasets.Features readText(DataOptions data, List<String> numeric, List<String> text) {
        Path p = Path.of(data.data);
        if (Files.exists(p)) {
            UserFiles.requireReadable(p, "DATA.csv");
            return CsvDatasets.readFeatures(p, numeric, text);
        }
        try (Reader r = embedded(data.data)) {
            return CsvDatasets.readFeatures(r, numeric, text, data.data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> header(DataOptions data) {
        Path p = Path.of(data.data);
        try (Reader r = Files.exists(p) ? Files.newBufferedReader(p, StandardCharsets.UTF_8) : embedded(data.data)) {
            for (de.siegmar.fastcsv.reader.CsvRecord rec : de.siegmar.fastcsv.reader.CsvReader.builder()
                    .detectBomHeader(true).ofCsvRecord(r)) {
                List<String> h = new ArrayList<>();
                rec.getFields().forEach(f -> h.add(f.strip()));
                return h;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + data.data + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(data.data + ": no header line, expected column names");
    }

    private static Reader embedded(String name) {
        Path p = Path.of(name);
        if (!Files.exists(p) && DataOptions.EMBEDDED_TARGETS.containsKey(name)) {
            InputStream in = TableOptions.class.getResourceAsStream("/datasets/" + name + ".csv");
            if (in == null) {
                throw new IllegalStateException("embedded dataset " + name + " is missing from the jar");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("no such file: " + name + " (embedded datasets: "
                + String.join(", ", DataOptions.EMBEDDED_TARGETS.keySet()) + ")");
    }

}
