package dev.linea.models.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.linea.models.Dataset;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a {@link Dataset} from CSV with a header line: the target column is chosen by name, an optional weights
 * column likewise, and every other column is a numeric feature (or is dropped when listed in {@code exclude}).
 *
 * <p>Every problem is an {@link IllegalArgumentException} that names the line (1-based, as an editor shows it) and
 * the column: a row with too few or too many fields, a value that is not a number, an empty value, NaN or ±Inf, an
 * unknown target or weights column, no data rows.
 */
public final class CsvDatasets {
    private CsvDatasets() {
    }

    /**
     * What to read.
     *
     * @param target        the target column's name
     * @param weightsColumn the sample-weights column's name, or null
     * @param exclude       columns to ignore (ids, free text), possibly empty
     */
    public record Spec(String target, String weightsColumn, List<String> exclude) {
        public Spec {
            Objects.requireNonNull(target, "target");
            exclude = exclude == null ? List.of() : List.copyOf(exclude);
        }

        public static Spec target(String target) {
            return new Spec(target, null, List.of());
        }
    }

    /** Reads a CSV file (UTF-8). */
    public static Dataset read(Path file, Spec spec) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, spec, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads CSV text (for tests and embedded data). */
    public static Dataset read(String csv, Spec spec) {
        return read(new StringReader(csv), spec, "<text>");
    }

    /**
     * @param source a name for messages (the file name)
     */
    public static Dataset read(Reader reader, Spec spec, String source) {
        CsvReader<CsvRecord> csv = CsvReader.builder().skipEmptyLines(true).ignoreDifferentFieldCount(true)
                .detectBomHeader(true).ofCsvRecord(reader);
        List<String> header = null;
        int targetCol = -1;
        int weightCol = -1;
        List<Integer> featureCols = new ArrayList<>();
        List<String> featureNames = new ArrayList<>();
        double[] x = new double[1024];
        double[] y = new double[64];
        double[] w = new double[64];
        int rows = 0;
        try {
            for (CsvRecord rec : csv) {
                long line = rec.getStartingLineNumber();
                if (header == null) {
                    header = rec.getFields();
                    targetCol = indexOf(header, spec.target(), "target", source);
                    weightCol = spec.weightsColumn() == null ? -1
                            : indexOf(header, spec.weightsColumn(), "weights", source);
                    for (String ex : spec.exclude()) {
                        indexOf(header, ex, "excluded", source);
                    }
                    for (int c = 0; c < header.size(); c++) {
                        String name = header.get(c).trim();
                        if (c != targetCol && c != weightCol && !spec.exclude().contains(name)) {
                            featureCols.add(c);
                            featureNames.add(name);
                        }
                    }
                    continue;
                }
                if (rec.getFieldCount() != header.size()) {
                    throw new IllegalArgumentException(source + ": line " + line + " has " + rec.getFieldCount()
                            + " fields, expected " + header.size() + " (as in the header)");
                }
                int p = featureCols.size();
                if ((long) (rows + 1) * p > x.length) {
                    x = java.util.Arrays.copyOf(x, (int) Math.min(Integer.MAX_VALUE - 8,
                            Math.max((long) x.length * 2, (long) (rows + 1) * p)));
                }
                if (rows == y.length) {
                    y = java.util.Arrays.copyOf(y, y.length * 2);
                    w = java.util.Arrays.copyOf(w, w.length * 2);
                }
                for (int j = 0; j < p; j++) {
                    x[rows * p + j] = number(rec, featureCols.get(j), header, source);
                }
                y[rows] = number(rec, targetCol, header, source);
                if (weightCol >= 0) {
                    double v = number(rec, weightCol, header, source);
                    if (v < 0) {
                        throw new IllegalArgumentException(source + ": line " + line + ", column '"
                                + header.get(weightCol) + "': weight " + v + ", expected >= 0");
                    }
                    w[rows] = v;
                }
                rows++;
            }
        } catch (CsvParseException e) {
            throw new IllegalArgumentException(source + ": malformed CSV: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(source + ": cannot read: " + e.getMessage(), e);
        }
        if (header == null) {
            throw new IllegalArgumentException(source + ": empty file, expected a header line and data rows");
        }
        if (rows == 0) {
            throw new IllegalArgumentException(source + ": no data rows after the header, expected at least one");
        }
        int p = featureCols.size();
        return Dataset.of(rows, p, java.util.Arrays.copyOf(x, rows * p), java.util.Arrays.copyOf(y, rows),
                weightCol >= 0 ? java.util.Arrays.copyOf(w, rows) : null, featureNames, spec.target());
    }

    /** Feature values read by name for scoring: row-major {@code rows × names.size()}. */
    public record Features(int rows, List<String> names, double[] x) {
    }

    /**
     * Reads the named columns of a CSV (other columns are ignored), in the order given, for scoring a model.
     * Errors name the line and column as in {@link #read(Reader, Spec, String)}; a missing column is named too.
     */
    public static Features readFeatures(Reader reader, List<String> names, String source) {
        CsvReader<CsvRecord> csv = CsvReader.builder().skipEmptyLines(true).ignoreDifferentFieldCount(true)
                .detectBomHeader(true).ofCsvRecord(reader);
        List<String> header = null;
        int[] cols = new int[names.size()];
        double[] x = new double[Math.max(16, names.size() * 64)];
        int rows = 0;
        int p = names.size();
        try {
            for (CsvRecord rec : csv) {
                if (header == null) {
                    header = rec.getFields();
                    for (int j = 0; j < p; j++) {
                        cols[j] = indexOf(header, names.get(j), "feature", source);
                    }
                    continue;
                }
                if (rec.getFieldCount() != header.size()) {
                    throw new IllegalArgumentException(source + ": line " + rec.getStartingLineNumber() + " has "
                            + rec.getFieldCount() + " fields, expected " + header.size() + " (as in the header)");
                }
                if ((long) (rows + 1) * p > x.length) {
                    x = java.util.Arrays.copyOf(x, (int) Math.min(Integer.MAX_VALUE - 8,
                            Math.max((long) x.length * 2, (long) (rows + 1) * p)));
                }
                for (int j = 0; j < p; j++) {
                    x[rows * p + j] = number(rec, cols[j], header, source);
                }
                rows++;
            }
        } catch (CsvParseException e) {
            throw new IllegalArgumentException(source + ": malformed CSV: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(source + ": cannot read: " + e.getMessage(), e);
        }
        if (header == null) {
            throw new IllegalArgumentException(source + ": empty file, expected a header line and data rows");
        }
        return new Features(rows, List.copyOf(names), java.util.Arrays.copyOf(x, rows * p));
    }

    private static int indexOf(List<String> header, String name, String role, String source) {
        for (int c = 0; c < header.size(); c++) {
            if (header.get(c).trim().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(source + ": no column '" + name + "' (the " + role
                + " column) in the header; columns are: " + String.join(", ", header));
    }

    private static double number(CsvRecord rec, int col, List<String> header, String source) {
        String raw = rec.getField(col).trim();
        String where = source + ": line " + rec.getStartingLineNumber() + ", column '" + header.get(col).trim()
                + "'";
        if (raw.isEmpty()) {
            throw new IllegalArgumentException(where + ": empty value, expected a number (missing values are "
                    + "not supported: impute or drop the row)");
        }
        double v;
        try {
            v = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + abbreviate(raw) + "' is not a number, expected a "
                    + "number (encode text columns first, or --exclude the column)");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(where + ": " + raw + ", expected a finite number");
        }
        return v;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
