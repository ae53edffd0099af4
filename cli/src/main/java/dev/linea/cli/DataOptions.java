package dev.linea.cli;

import dev.linea.models.Dataset;
import dev.linea.models.Table;
import dev.linea.models.io.CsvDatasets;
import dev.linea.models.preprocessing.Encoding;
import dev.linea.models.preprocessing.EncodingSpec;
import dev.linea.models.preprocessing.Preprocessing;
import dev.linea.models.preprocessing.TableEncoder;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The data options every command that reads a CSV shares: the file, the target, weights and excluded columns, and
 * how typed columns are read and encoded (declared types, reference levels, the missing-value policy; see
 * docs/tables.md).
 */
final class DataOptions {

    /** Datasets embedded in the CLI (see datasets/NOTICE.md), usable in place of a file name. */
    static final Map<String, String> EMBEDDED_TARGETS = Map.of(
            "diabetes", "progression",
            "iris", "species",
            "breast_cancer", "benign",
            "airquality", "ozone");

    @Parameters(index = "0", paramLabel = "DATA.csv",
            description = "CSV file with a header line, or an embedded dataset: diabetes, iris, breast_cancer, "
                    + "airquality (mixed types and missing cells).")
    String data;

    @Option(names = {"-t", "--target"}, paramLabel = "COLUMN",
            description = "Name of the target column (default for embedded datasets: their target).")
    String target;

    @Option(names = "--weights", paramLabel = "COLUMN",
            description = "Name of a sample-weights column; with --format libsvm, a file of one weight per line in "
                    + "the order of the rows (LIBLINEAR's -W weight file).")
    String weights;

    @Option(names = "--exclude", paramLabel = "COLUMN", split = ",",
            description = "Columns to ignore (ids, text), comma-separated.")
    List<String> exclude = List.of();

    @Option(names = "--categorical", paramLabel = "COLUMN", split = ",",
            description = "Columns to read as categories (one-hot encoded), even when they hold numbers; "
                    + "comma-separated. Text columns are categorical without it.")
    List<String> categorical = List.of();

    @Option(names = "--numeric", paramLabel = "COLUMN", split = ",",
            description = "Columns to read as numbers (a cell that is not a number is then an error), "
                    + "comma-separated.")
    List<String> numeric = List.of();

    @Option(names = "--reference", paramLabel = "COLUMN=LEVEL", split = ",",
            description = "The reference level of a categorical column under treatment coding (default: the first "
                    + "level in sorted order), comma-separated.")
    List<String> reference = List.of();

    @Option(names = "--missing", paramLabel = "POLICY",
            description = "Missing cells (empty, NA, N/A, NaN, null): error (default), drop (rows), mean or median "
                    + "(numeric columns), mode or level (categorical columns); one per kind, e.g. median,mode. A row with a "
                    + "missing target is dropped under any policy but error (never imputed).")
    String missing = "error";

    /** The last encoded read: what the missing-value policy did (for the fit report), or null. */
    TableEncoder.Encoded lastEncoded;

    /** @return an embedded dataset with its default target */
    static Dataset embedded(String name) {
        DataOptions o = new DataOptions();
        o.data = name;
        return o.load();
    }

    private static final java.util.regex.Pattern ROW = java.util.regex.Pattern.compile("row (\\d+) \\(1-based\\)");

    /**
     * A model's message that names a data row ("row 3 (1-based)", as labels and counts are checked) with the
     * file's line added, so that an editor finds it: "row 3 (1-based; line 5 of d.csv)". Messages that name no
     * row, and embedded datasets, are returned as they are.
     */
    IllegalArgumentException withLine(IllegalArgumentException e) {
        String m = e.getMessage();
        java.util.regex.Matcher at = m == null ? null : ROW.matcher(m);
        Path file = Path.of(data);
        if (at == null || !at.find() || !Files.isRegularFile(file)) {
            return e;
        }
        long line = CsvDatasets.lineOfRow(file, Long.parseLong(at.group(1)) - 1);
        if (line < 0) {
            return e;
        }
        return new IllegalArgumentException(m.substring(0, at.end() - 1) + "; line " + line + " of " + data + ")"
                + m.substring(at.end()), e);
    }

    /**
     * Loads a held-out CSV ({@code --test FILE}) with the data's target, weights and excluded columns.
     *
     * @param option the option that named it, for messages
     */
    Dataset loadTest(Path file, String option) {
        return loadTest(file, option, null);
    }

    /**
     * Loads a held-out CSV, encoded by the training data's encoding when it has one (the same levels, coding and
     * fills; an unseen level or a missing cell without a fill is an error naming the line).
     */
    Dataset loadTest(Path file, String option, Encoding encoding) {
        String tgt = target != null ? target : EMBEDDED_TARGETS.get(data);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no such file: " + option + " " + file);
        }
        UserFiles.requireReadable(file, option);
        CsvDatasets.Spec spec = new CsvDatasets.Spec(tgt, weights, exclude);
        if (encoding == null || !encoding.needed()) {
            return CsvDatasets.read(file, spec);
        }
        // the training columns' types, declared; missing cells are left to the encoding's fills
        EncodingSpec.Builder types = EncodingSpec.builder()
                .missing(dev.linea.models.preprocessing.MissingPolicy.parse("mean,mode"));
        for (Encoding.Column c : encoding.columns()) {
            types.type(c.type(), c.name());
        }
        Table t = CsvDatasets.readTable(file, spec, types.build());
        return TableEncoder.apply(t, encoding, tgt, weights, Encoding.Unseen.ERROR);
    }

    /** The declared types, references and missing-value policy of the options, for a model's coding. */
    EncodingSpec encodingSpec(boolean penalized, boolean intercept) {
        EncodingSpec.Builder b = EncodingSpec.builder().model(penalized, intercept)
                .missing(dev.linea.models.preprocessing.MissingPolicy.parse(missing));
        b.categorical(categorical.toArray(new String[0]));
        b.numeric(numeric.toArray(new String[0]));
        for (String r : reference) {
            int eq = r.indexOf('=');
            if (eq <= 0 || eq == r.length() - 1) {
                throw new IllegalArgumentException("--reference '" + r + "', expected COLUMN=LEVEL, e.g. "
                        + "--reference region=north");
            }
            b.reference(r.substring(0, eq).trim(), r.substring(eq + 1).trim());
        }
        return b.build();
    }

    /**
     * The first preprocessing step of a model fitted on {@code e}: its encoding (without the offset column, which is
     * a role and not a feature) when it does anything, else none; the offset recorded.
     */
    static Preprocessing preprocessing(TableEncoder.Encoded e, String offset) {
        Encoding enc = offset == null ? e.encoding() : e.encoding().without(offset);
        if (!enc.needed()) {
            return Preprocessing.none(enc.features()).withOffset(offset);
        }
        return new Preprocessing(enc.inputs(), List.of(enc), offset);
    }

    /**
     * The report lines of an encoding: one per categorical column (levels, coding, reference) and per boolean
     * column, and what the missing-value policy did; empty for numbers only and no missing cell.
     */
    static List<String> describe(TableEncoder.Encoded e) {
        List<String> lines = new java.util.ArrayList<>();
        for (Encoding.Column c : e.encoding().columns()) {
            if (c instanceof Encoding.Categorical cat) {
                lines.add("categorical " + cat.name() + ": " + cat.levels().size() + " levels " + cat.levels() + ", "
                        + (cat.coding() == dev.linea.models.preprocessing.Coding.TREATMENT
                        ? "treatment coding, reference '" + cat.reference() + "'"
                        : "full coding (one dummy per level)"));
            } else if (c instanceof Encoding.Bool) {
                lines.add("boolean " + c.name() + ": 1 for true/yes, 0 for false/no");
            }
        }
        if (!e.missing().columns().isEmpty()) {
            lines.add("missing values: " + e.missing());
        }
        return lines;
    }

    /** The encoding as a map for JSON output: categorical columns, boolean columns and the missing-value report. */
    static Map<String, Object> describeJson(TableEncoder.Encoded e) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        Map<String, Object> cats = new java.util.LinkedHashMap<>();
        List<String> bools = new java.util.ArrayList<>();
        for (Encoding.Column c : e.encoding().columns()) {
            if (c instanceof Encoding.Categorical cat) {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("levels", cat.levels());
                m.put("coding", cat.coding().key());
                if (cat.reference() != null) {
                    m.put("reference", cat.reference());
                }
                cats.put(cat.name(), m);
            } else if (c instanceof Encoding.Bool) {
                bools.add(c.name());
            }
        }
        out.put("categorical", cats);
        out.put("boolean", bools);
        out.put("missing", TableEncoder.toMap(e.missing()));
        return out;
    }

    /** Loads the dataset, or throws IllegalArgumentException naming the line and column of the first problem. */
    Dataset load() {
        return load(false, true).data();
    }

    /** Loads the dataset encoded for a model: its penalty and intercept choose the coding of categorical columns. */
    TableEncoder.Encoded load(Estimator model, EstimatorOptions est) {
        return load(Encodings.penalized(model, est), !est.noIntercept);
    }

    /**
     * Loads and encodes the dataset: typed columns (inferred or declared), the missing-value policy, categorical
     * columns one-hot encoded with the coding of a model that is {@code penalized} or not, with or without an
     * intercept. A file of numbers only is read on the numeric fast path.
     */
    TableEncoder.Encoded load(boolean penalized, boolean intercept) {
        EncodingSpec enc = encodingSpec(penalized, intercept);
        lastEncoded = read(enc);
        return lastEncoded;
    }

    private TableEncoder.Encoded read(EncodingSpec enc) {
        Path file = Path.of(data);
        String tgt = target;
        if (!Files.exists(file) && EMBEDDED_TARGETS.containsKey(data)) {
            if (tgt == null) {
                tgt = EMBEDDED_TARGETS.get(data);
            }
            InputStream in = DataOptions.class.getResourceAsStream("/datasets/" + data + ".csv");
            if (in == null) {
                throw new IllegalStateException("embedded dataset " + data + " is missing from the jar");
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return CsvDatasets.read(r, new CsvDatasets.Spec(tgt, weights, exclude), enc, data);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read embedded dataset " + data, e);
            }
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no such file: " + data + " (embedded datasets: "
                    + String.join(", ", EMBEDDED_TARGETS.keySet()) + ")");
        }
        if (tgt == null) {
            throw new IllegalArgumentException("--target COLUMN is required for " + data);
        }
        UserFiles.requireReadable(file, "DATA.csv");
        return CsvDatasets.read(file, new CsvDatasets.Spec(tgt, weights, exclude), enc);
    }
}
