package dev.linea.cli;

import dev.linea.models.io.CsvDatasets;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.preprocessing.Encoding;
import dev.linea.models.scoring.Scorer;
import dev.linea.models.scoring.ClassifierScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code linea predict}: score a CSV with a saved model; writes CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Score the rows of a CSV with a saved model (columns matched by the model's feature names; "
                + "other columns ignored) and write the predictions as CSV.")
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A model file saved by fit --save.")
    Path modelFile;

    @Parameters(index = "0", paramLabel = "DATA.csv", description = "CSV with a header, or an embedded dataset name.")
    String data;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.csv", description = "Where to write (default: standard output).")
    Path out;

    @Option(names = "--json", description = "Print the predictions as a JSON array instead of CSV (with --keep: one "
            + "object per row).")
    boolean json;

    @Option(names = "--keep", paramLabel = "COLUMN", split = ",",
            description = "Columns of the data to pass through to the output before the predictions (identifiers "
                    + "of any type, text included), comma-separated.")
    List<String> keep = List.of();

    @Option(names = "--unseen", paramLabel = "POLICY",
            description = "A level of a categorical column that training did not see: error (default; names the "
                    + "line, column and level) or zero (all the column's dummies 0: the reference level under "
                    + "treatment coding).")
    String unseenText = "error";

    private Encoding.Unseen unseen = Encoding.Unseen.ERROR;

    @Override
    public Integer call() throws IOException {
        unseen = FitCommand.parseEnum(Encoding.Unseen.class, unseenText, "--unseen");
        UserFiles.requireReadable(modelFile, "--model");
        if (out != null) {
            UserFiles.requireWritable(out, "--out");
        }
        ModelFiles.Loaded loaded = ModelFiles.load(modelFile);
        if (loaded.offset() != null) {
            requireOffsetColumn(loaded.offset());
        }
        List<String> columns = new ArrayList<>(loaded.inputs());
        if (loaded.offset() != null) {
            columns.add(loaded.offset());
        }
        Encoding encoding = loaded.preprocessing().encoding().orElse(null);
        if (unseen != Encoding.Unseen.ERROR && encoding == null) {
            throw new IllegalArgumentException("--unseen " + unseen.name().toLowerCase(java.util.Locale.ROOT)
                    + ": the model " + modelFile + " has no categorical column, expected --unseen only with a model "
                    + "fitted on categorical columns");
        }
        CsvDatasets.Features f = encoding == null ? read(columns) : readEncoded(encoding, loaded.offset());
        if (loaded.classLabels() != null && loaded.offset() == null) {
            // (a logistic model with an offset writes the positive class's probability, as a GLM its mean)
            return classes(loaded, f);
        }
        double[] pred = predict(loaded, f);
        FiniteOutput.predictions(pred, "prediction");
        if (json) {
            if (keep.isEmpty()) {
                System.out.println(Json.write(pred));
            } else {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int i = 0; i < pred.length; i++) {
                    Map<String, Object> row = kept(f, i);
                    row.put("predicted_" + loaded.target(), pred[i]);
                    rows.add(row);
                }
                System.out.println(Json.write(rows));
            }
            return 0;
        }
        try (Writer w = out == null ? UserFiles.stdout() : UserFiles.open(out, "--out")) {
            w.write(keptHeader(f) + csvField("predicted_" + loaded.target()));
            w.write('\n');
            for (int i = 0; i < pred.length; i++) {
                w.write(keptCells(f, i) + pred[i]);
                w.write('\n');
            }
        } catch (IOException e) {
            throw out == null ? UserFiles.unchecked("standard output", e) : UserFiles.failed(out, "--out", e);
        }
        if (out != null) {
            System.err.println("linea predict: " + pred.length + " predictions written to " + out);
        }
        return 0;
    }

    /**
     * The model's response for each row: the scorer replays the file's preprocessing (polynomial terms in place,
     * standardization folded into the coefficients) and applies the inverse link; with an offset, the offset column
     * (read last) is added to the linear predictor first.
     */
    static double[] predict(ModelFiles.Loaded loaded, CsvDatasets.Features f) {
        Scorer scorer = Scorer.of(loaded);
        double[] pred = new double[f.rows()];
        if (loaded.offset() == null) {
            // scoreFinite names the row and the linear predictor when the inverse link overflows
            scorer.scoreFinite(f.x(), 0, f.rows(), pred, 0);
            return pred;
        }
        // the offset column was read last: split it from the (dense) inputs the scorer takes
        int n = scorer.inputs().size();
        double[] x = new double[f.rows() * n];
        double[] offset = new double[f.rows()];
        for (int i = 0; i < f.rows(); i++) {
            System.arraycopy(f.x(), i * (n + 1), x, i * n, n);
            offset[i] = f.x()[i * (n + 1) + n];
        }
        scorer.score(x, 0, f.rows(), offset, 0, pred, 0);
        return pred;
    }

    /** The model was fitted with an offset: the data must carry that column, named in the error if absent. */
    private void requireOffsetColumn(String offset) throws IOException {
        List<String> header;
        try (Reader r = open(data)) {
            header = new ArrayList<>();
            for (de.siegmar.fastcsv.reader.CsvRecord rec : de.siegmar.fastcsv.reader.CsvReader.builder()
                    .detectBomHeader(true).ofCsvRecord(r)) {
                rec.getFields().forEach(h -> header.add(h.trim()));
                break;
            }
        }
        if (!header.isEmpty() && !header.contains(offset)) {
            throw new IllegalArgumentException(data + ": no column '" + offset + "': the model " + modelFile
                    + " was fitted with --offset " + offset + " and needs that column to predict (columns are: "
                    + String.join(", ", header) + ")");
        }
    }

    /**
     * A classifier (logistic or softmax): the predicted class's label and one probability column per class, named
     * {@code p_LABEL} (CSV-quoted when a label holds a comma, a quote or edge spaces; JSON keys as they are).
     */
    private int classes(ModelFiles.Loaded loaded, CsvDatasets.Features f) throws IOException {
        // the scorer replays the file's preprocessing (standardization, formula)
        ClassifierScorer m = ClassifierScorer.of(loaded);
        dev.linea.models.ClassLabels labels = m.labels();
        int k = labels.count();
        int n = m.inputs().size();
        double[] row = new double[n];
        double[] p = new double[k];
        List<String> pNames = labels.probabilityColumns("p_");
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder(keptHeader(f) + csvField("predicted_" + loaded.target()));
        for (String c : pNames) {
            csv.append(',').append(csvField(c));
        }
        csv.append('\n');
        for (int i = 0; i < f.rows(); i++) {
            System.arraycopy(f.x(), i * n, row, 0, n);
            String cls = m.predict(row, p);
            FiniteOutput.predictions(p, "class probability");
            if (json) {
                Map<String, Object> r = kept(f, i);
                r.put("predicted_" + loaded.target(), cls);
                for (int c = 0; c < k; c++) {
                    r.put(pNames.get(c), p[c]);
                }
                rows.add(r);
            } else {
                csv.append(keptCells(f, i)).append(csvField(cls));
                for (double v : p) {
                    csv.append(',').append(v);
                }
                csv.append('\n');
            }
        }
        if (json) {
            System.out.println(Json.write(rows));
        } else if (out == null) {
            System.out.print(csv);
        } else {
            UserFiles.write(out, "--out", csv);
            System.err.println("linea predict: " + f.rows() + " predictions written to " + out);
        }
        return 0;
    }

    /** The model's columns as numbers and the --keep columns as text, from a file or an embedded dataset. */
    private CsvDatasets.Features read(List<String> columns) throws IOException {
        Path p = Path.of(data);
        if (Files.exists(p)) {
            UserFiles.requireReadable(p, "DATA.csv");
            return CsvDatasets.readFeatures(p, columns, keep);
        }
        try (Reader r = open(data)) {
            return CsvDatasets.readFeatures(r, columns, keep, data);
        }
    }

    /**
     * The model's typed columns read and encoded as the model file's encode step says (levels, coding, fills), the
     * offset column (if any) after them, and the --keep columns as text.
     */
    private CsvDatasets.Features readEncoded(Encoding encoding, String offset) throws IOException {
        List<String> extra = offset == null ? List.of() : List.of(offset);
        Path p = Path.of(data);
        if (Files.exists(p)) {
            UserFiles.requireReadable(p, "DATA.csv");
            return CsvDatasets.readEncoded(p, encoding, extra, keep, unseen);
        }
        try (Reader r = open(data)) {
            return CsvDatasets.readEncoded(r, encoding, extra, keep, unseen, data);
        }
    }

    /** Row i's kept columns, by name (JSON output). */
    private static Map<String, Object> kept(CsvDatasets.Features f, int i) {
        Map<String, Object> row = new LinkedHashMap<>();
        int k = f.keptNames().size();
        for (int c = 0; c < k; c++) {
            row.put(f.keptNames().get(c), f.kept()[i * k + c]);
        }
        return row;
    }

    private static String keptHeader(CsvDatasets.Features f) {
        StringBuilder b = new StringBuilder();
        for (String name : f.keptNames()) {
            b.append(csvField(name)).append(',');
        }
        return b.toString();
    }

    private static String keptCells(CsvDatasets.Features f, int i) {
        int k = f.keptNames().size();
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < k; c++) {
            b.append(csvField(f.kept()[i * k + c])).append(',');
        }
        return b.toString();
    }

    /** A CSV field: quoted (quotes doubled) when it holds a separator, a quote, a line break or edge spaces. */
    static String csvField(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || !s.equals(s.strip());
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static Reader open(String data) throws IOException {
        Path p = Path.of(data);
        if (!Files.exists(p) && DataOptions.EMBEDDED_TARGETS.containsKey(data)) {
            InputStream in = PredictCommand.class.getResourceAsStream("/datasets/" + data + ".csv");
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("no such file: " + data);
        }
        UserFiles.requireReadable(p, "DATA.csv");
        return Files.newBufferedReader(p, StandardCharsets.UTF_8);
    }
}
