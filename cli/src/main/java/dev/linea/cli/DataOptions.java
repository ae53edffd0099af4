package dev.linea.cli;

import dev.linea.models.Dataset;
import dev.linea.models.io.CsvDatasets;
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

/** The data options every command that reads a CSV shares: the file, the target, weights and excluded columns. */
final class DataOptions {

    /** Datasets embedded in the CLI (see datasets/NOTICE.md), usable in place of a file name. */
    static final Map<String, String> EMBEDDED_TARGETS = Map.of(
            "diabetes", "progression",
            "iris", "species",
            "breast_cancer", "benign");

    @Parameters(index = "0", paramLabel = "DATA.csv",
            description = "CSV file with a header line, or an embedded dataset: diabetes, iris, breast_cancer.")
    String data;

    @Option(names = {"-t", "--target"}, paramLabel = "COLUMN",
            description = "Name of the target column (default for embedded datasets: their target).")
    String target;

    @Option(names = "--weights", paramLabel = "COLUMN", description = "Name of a sample-weights column.")
    String weights;

    @Option(names = "--exclude", paramLabel = "COLUMN", split = ",",
            description = "Columns to ignore (ids, text), comma-separated.")
    List<String> exclude = List.of();

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
        String tgt = target != null ? target : EMBEDDED_TARGETS.get(data);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no such file: " + option + " " + file);
        }
        UserFiles.requireReadable(file, option);
        return CsvDatasets.read(file, new CsvDatasets.Spec(tgt, weights, exclude));
    }

    /** Loads the dataset, or throws IllegalArgumentException naming the line and column of the first problem. */
    Dataset load() {
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
                return CsvDatasets.read(r, new CsvDatasets.Spec(tgt, weights, exclude), data);
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
        return CsvDatasets.read(file, new CsvDatasets.Spec(tgt, weights, exclude));
    }
}
