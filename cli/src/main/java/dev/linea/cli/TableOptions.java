package dev.linea.cli;

import dev.linea.models.ClassLabels;
import dev.linea.models.Dataset;
import dev.linea.models.formula.DesignPlan;
import dev.linea.models.formula.Formula;
import dev.linea.models.io.CsvDatasets;
import dev.linea.models.preprocessing.Encoding;
import dev.linea.models.preprocessing.EncodingSpec;
import dev.linea.models.preprocessing.MissingPolicy;
import dev.linea.models.preprocessing.Preprocessing;
import dev.linea.models.preprocessing.TableEncoder;
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
 * How fit and cv read a table besides the plain numeric read: a model formula ({@code --formula}) and class labels of
 * any type for classifiers ({@code --positive}). Both go through the typed reader (numeric, boolean and categorical
 * columns) and the {@link TableEncoder}: a classifier's target is read as text, its distinct values the classes
 * ({@link ClassLabels}), the other columns encoded as for any model (categorical ones one-hot); with a formula the
 * columns it names are encoded (categorical ones fully, {@link DesignPlan}) and the formula makes the features.
 */
final class TableOptions {

    @Option(names = "--formula", paramLabel = "FORMULA",
            description = "A model formula, as statsmodels and R write it: \"y ~ x1 + C(region) + x2:x3 + I(x1^2) - 1\" "
                    + "(replaces --target and --exclude; see docs/formula.md for the grammar).")
    String formula;

    @Option(names = "--positive", paramLabel = "LABEL",
            description = "Logistic: the positive class (default: the second label in sorted order, as scikit-learn).")
    String positive;

    /**
     * A loaded table.
     *
     * @param data          the design (with an --offset column still among its features, for the caller to split)
     * @param labels        a classifier's classes, or null
     * @param preprocessing the steps from the file's columns to the design's features (an encoding, a formula), or
     *                      null: the design's columns are the file's
     * @param plan          the formula's plan, or null
     * @param missing       what the missing-value policy did, or null (the plain numeric read)
     */
    record Table(Dataset data, ClassLabels labels, Preprocessing preprocessing, DesignPlan plan,
                 TableEncoder.MissingReport missing) {

        /** The preprocessing a model file records for the design {@code rest} (the offset column split off). */
        Preprocessing preprocessing(Dataset rest, String offset) {
            if (preprocessing == null) {
                return Preprocessing.none(rest.featureNames()).withOffset(offset);
            }
            if (offset == null) {
                return preprocessing;
            }
            Encoding e = preprocessing.encoding().orElseThrow().without(offset);
            return new Preprocessing(e.inputs(), List.of(e), offset);
        }

        /** @return the encoding step, or null */
        Encoding encoding() {
            return preprocessing == null ? null : preprocessing.encoding().orElse(null);
        }
    }

    /**
     * Loads the training data for {@code model}: as {@link DataOptions#load()} does for a regression model without a
     * formula, else through the typed read.
     */
    Table load(DataOptions data, Estimator model, EstimatorOptions est) {
        if (positive != null && model != Estimator.logistic) {
            throw new IllegalArgumentException("--positive applies only to --model logistic (binary), found --model "
                    + model);
        }
        if (formula == null) {
            if (!model.classifier()) {
                return new Table(data.load(), null, null, null, null);
            }
            return labelled(data, model, est);
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
        List<String> used = new ArrayList<>(f.columns());
        used.add(f.response());
        if (data.weights != null) {
            used.add(data.weights);
        }
        List<String> header = header(data);
        for (String c : used) {
            if (!header.contains(c)) {
                throw new IllegalArgumentException(data.data + ": the formula reads column '" + c + "', which is not "
                        + "in the data, expected one of " + header);
            }
        }
        List<String> others = new ArrayList<>(header);
        others.removeAll(used);
        dev.linea.models.Table t = readTable(data, new CsvDatasets.Spec(f.response(), data.weights, others),
                types(model.classifier() ? f.response() : null));
        ClassLabels labels = null;
        if (model.classifier()) {
            ClassLabels.Labelled l = ClassLabels.labelTarget(t, f.response(), model == Estimator.logistic, positive);
            t = l.table();
            labels = l.labels();
        }
        DesignPlan.Fitted fitted = DesignPlan.fit(f, t, data.weights, missing(data));
        return new Table(fitted.data(), labels, fitted.preprocessing(), fitted.plan(), fitted.missing());
    }

    /** A classifier's table without a formula: the target's labels, the other columns encoded for the model. */
    private Table labelled(DataOptions data, Estimator model, EstimatorOptions est) {
        if (data.target == null && !DataOptions.EMBEDDED_TARGETS.containsKey(data.data)) {
            data.load(); // its checks and messages: no such file, --target required
        }
        String target = target(data);
        List<String> header = header(data);
        if (!header.contains(target)) {
            throw new IllegalArgumentException(data.data + ": no column '" + target + "' (the target), expected one "
                    + "of " + header);
        }
        dev.linea.models.Table t = readTable(data, new CsvDatasets.Spec(target, data.weights, data.exclude),
                types(target));
        ClassLabels.Labelled l = ClassLabels.labelTarget(t, target, model == Estimator.logistic, positive);
        EncodingSpec spec = EncodingSpec.builder().missing(missing(data))
                .model(penalized(model, est), !est.noIntercept).build();
        TableEncoder.Encoded enc = TableEncoder.fit(l.table(), target, data.weights, spec);
        Encoding e = enc.encoding();
        Preprocessing pre = e.needed() ? new Preprocessing(e.inputs(), List.of(e), null) : null;
        return new Table(enc.data(), l.labels(), pre, null, enc.missing());
    }

    /**
     * A held-out file ({@code --test FILE}) read the way the training table was: its columns typed as in training,
     * the target's labels as the training classes (an unseen label is an error naming the line), encoded by the
     * training encoding (levels, fills) and, with a formula, made into the formula's features.
     */
    Dataset loadTest(DataOptions data, Table train, Path file) {
        if (train.labels() == null && train.preprocessing() == null) {
            return data.loadTest(file, "--test");
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no such file: --test " + file);
        }
        UserFiles.requireReadable(file, "--test");
        String target = train.data().targetName();
        Encoding enc = train.encoding();
        List<String> columns = enc != null ? enc.inputs() : train.plan() != null ? train.plan().columns()
                : train.data().featureNames();
        List<String> header = header(file);
        List<String> others = new ArrayList<>(header);
        others.removeAll(columns);
        others.remove(target);
        others.remove(data.weights);
        // the training columns' types, declared; missing cells are left to the encoding's fills
        EncodingSpec.Builder types = EncodingSpec.builder().missing(MissingPolicy.parse("mean,mode"));
        if (enc != null) {
            for (Encoding.Column c : enc.columns()) {
                types.type(c.type(), c.name());
            }
        } else {
            types.numeric(columns.toArray(new String[0]));
        }
        if (train.labels() != null) {
            types.categorical(target);
        }
        dev.linea.models.Table t = CsvDatasets.readTable(file, new CsvDatasets.Spec(target, data.weights, others),
                types.build());
        if (train.labels() != null) {
            t = train.labels().relabel(t, target);
        }
        Encoding e = enc != null ? enc : numeric(columns);
        Dataset dense = TableEncoder.apply(t, e, target, data.weights, Encoding.Unseen.ERROR);
        if (train.plan() == null) {
            return dense;
        }
        DesignPlan plan = train.plan();
        int m = dense.rows();
        return Dataset.wrap(m, plan.names().size(), plan.transform(dense.xUnsafe(), m), dense.yUnsafe(),
                dense.weightsUnsafe(), plan.names(), target);
    }

    private static Encoding numeric(List<String> columns) {
        List<Encoding.Column> c = new ArrayList<>();
        columns.forEach(n -> c.add(Encoding.Numeric.of(n)));
        return new Encoding(c);
    }

    /**
     * Whether a classifier is penalized, for the coding of its categorical columns: logistic and softmax are,
     * unless {@code --penalty none} (full coding, as scikit-learn's OneHotEncoder; treatment coding otherwise).
     */
    private static boolean penalized(Estimator model, EstimatorOptions est) {
        return !est.penalty.trim().toLowerCase(java.util.Locale.ROOT).equals("none");
    }

    /** The declared types of a read: the target as text when it holds class labels. */
    private static EncodingSpec types(String labelTarget) {
        EncodingSpec.Builder b = EncodingSpec.builder();
        if (labelTarget != null) {
            b.categorical(labelTarget);
        }
        return b.build();
    }

    /**
     * The missing-value policy of the read. The data options' policy when they have one; until then missing cells
     * are an error, as in the numeric read.
     */
    private static MissingPolicy missing(DataOptions data) {
        return MissingPolicy.error();
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

    /** The typed table of the file or the embedded dataset. */
    private static dev.linea.models.Table readTable(DataOptions data, CsvDatasets.Spec spec, EncodingSpec types) {
        Path p = Path.of(data.data);
        if (Files.exists(p)) {
            UserFiles.requireReadable(p, "DATA.csv");
            return CsvDatasets.readTable(p, spec, types);
        }
        try (Reader r = embedded(data.data)) {
            return CsvDatasets.readTable(r, spec, types, data.data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> header(DataOptions data) {
        Path p = Path.of(data.data);
        try (Reader r = Files.exists(p) ? Files.newBufferedReader(p, StandardCharsets.UTF_8) : embedded(data.data)) {
            return header(r, data.data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + data.data + ": " + e.getMessage(), e);
        }
    }

    /** The column names of a CSV's header line (a file that cannot be read fails later, in the reader's words). */
    private static List<String> header(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return header(r, file.toString());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static List<String> header(Reader r, String source) {
        for (de.siegmar.fastcsv.reader.CsvRecord rec : de.siegmar.fastcsv.reader.CsvReader.builder()
                .detectBomHeader(true).ofCsvRecord(r)) {
            List<String> h = new ArrayList<>();
            rec.getFields().forEach(f -> h.add(f.strip()));
            return h;
        }
        throw new IllegalArgumentException(source + ": no header line, expected column names");
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
