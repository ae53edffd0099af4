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
     * @param data    the design (with an --offset column still among its features, for the caller to split)
     * @param labels  a classifier's classes, or null
     * @param encoded the table as encoded (its encoding and what the missing-value policy did; with a formula, the
     *                encoding the formula reads), for the report and the model file
     * @param formula with --formula, the formula's preprocessing (the encoding, when it does anything, then the
     *                formula step) and plan; else null
     */
    record Table(Dataset data, ClassLabels labels, TableEncoder.Encoded encoded, DesignPlan.Fitted formula) {

        /** The preprocessing a model file records for the design {@code rest} (the offset column split off). */
        Preprocessing preprocessing(Dataset rest, String offset) {
            return formula != null ? formula.preprocessing() : DataOptions.preprocessing(encoded, offset);
        }

        /** @return the formula's plan, or null */
        DesignPlan plan() {
            return formula == null ? null : formula.plan();
        }

        /** @return the encoding step, or null */
        Encoding encoding() {
            return encoded.encoding().needed() ? encoded.encoding() : null;
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
                TableEncoder.Encoded e = data.load(model, est);
                return new Table(e.data(), null, e, null);
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
        if (!data.reference.isEmpty()) {
            throw new IllegalArgumentException("--reference with --formula, expected the reference level in the "
                    + "formula: C(region, Treatment('north'))");
        }
        // declared types (--categorical, --numeric) and the missing-value policy of the data options
        EncodingSpec spec = data.encodingSpec(true, f.intercept());
        dev.linea.models.Table t = readTable(data, new CsvDatasets.Spec(f.response(), data.weights, others),
                labelTarget(spec, model.classifier() ? f.response() : null));
        ClassLabels labels = null;
        if (model.classifier()) {
            ClassLabels.Labelled l = ClassLabels.labelTarget(t, f.response(), model == Estimator.logistic, positive);
            t = l.table();
            labels = l.labels();
        }
        DesignPlan.Fitted fitted = DesignPlan.fit(f, t, data.weights, spec.missing());
        Encoding enc = fitted.plan().encoding() != null ? fitted.plan().encoding()
                : new Encoding(numericColumns(fitted.plan().columns()), spec.missing());
        return new Table(fitted.data(), labels, new TableEncoder.Encoded(fitted.data(), enc, fitted.missing()),
                fitted);
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
        // declared types, references and the missing-value policy of the data options; the target as text
        EncodingSpec spec = data.encodingSpec(Encodings.penalized(model, est), !est.noIntercept);
        dev.linea.models.Table t = readTable(data, new CsvDatasets.Spec(target, data.weights, data.exclude),
                labelTarget(spec, target));
        ClassLabels.Labelled l = ClassLabels.labelTarget(t, target, model == Estimator.logistic, positive);
        TableEncoder.Encoded enc = TableEncoder.fit(l.table(), target, data.weights, spec);
        return new Table(enc.data(), l.labels(), enc, null);
    }

    /**
     * A held-out file ({@code --test FILE}) read the way the training table was: its columns typed as in training,
     * the target's labels as the training classes (an unseen label is an error naming the line), encoded by the
     * training encoding (levels, fills) and, with a formula, made into the formula's features.
     */
    Dataset loadTest(DataOptions data, Table train, Path file) {
        if (train.labels() == null && train.formula() == null) {
            return data.loadTest(file, "--test", train.encoded().encoding());
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
        Encoding e = enc != null ? enc : new Encoding(numericColumns(columns));
        Dataset dense = TableEncoder.apply(t, e, target, data.weights, Encoding.Unseen.ERROR);
        if (train.plan() == null) {
            return dense;
        }
        DesignPlan plan = train.plan();
        int m = dense.rows();
        return Dataset.wrap(m, plan.names().size(), plan.transform(dense.xUnsafe(), m), dense.yUnsafe(),
                dense.weightsUnsafe(), plan.names(), target);
    }

    /** The read's declared types: the data options' and, for a classifier, the target as text (its labels). */
    private static EncodingSpec labelTarget(EncodingSpec spec, String target) {
        return target == null ? spec : spec.toBuilder().categorical(target).build();
    }

    private static List<Encoding.Column> numericColumns(List<String> columns) {
        List<Encoding.Column> c = new ArrayList<>();
        columns.forEach(n -> c.add(Encoding.Numeric.of(n)));
        return c;
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
