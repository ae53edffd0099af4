package dev.linea.models.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.linea.models.Dataset;

import java.io.IOException;
import java.io.Reader;
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
 * unknown target or weights column, two header columns of the same name (both positions, 1-based), no data rows.
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

    /**
     * Reads a CSV file (UTF-8). There is deliberately no {@code read(String, Spec)}: a string could be a path or
     * CSV text, and guessing wrong gave "no column 'y' … columns are: data.csv". Use {@code Path.of(name)} for a
     * file and {@code new StringReader(text)} for text.
     *
     * @param file the CSV file, with a header line
     * @param spec the target (and optional weights and excluded) columns
     * @return the dataset, every non-excluded column but the target and weights a feature
     */
    public static Dataset read(Path file, Spec spec) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, spec, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV from a reader (text, a resource, a network stream); the reader is not closed. Messages call the
     * source {@code <reader>}; {@link #read(Reader, Spec, String)} names it.
     *
     * @param reader CSV with a header line
     * @param spec   the target (and optional weights and excluded) columns
     * @return the dataset
     */
    public static Dataset read(Reader reader, Spec spec) {
        return read(reader, spec, "<reader>");
    }

    /**
     * @param source a name for messages (the file name)
     */
    public static Dataset read(Reader reader, Spec spec, String source) {
        int[] roles = new int[2]; // target column, weights column (−1: none)
        List<Integer> featureCols = new ArrayList<>();
        List<String> featureNames = new ArrayList<>();
        Rows rows = new Rows();
        double[][] yw = {new double[64], new double[64]};
        scan(reader, source, h -> {
            roles[0] = indexOf(h, spec.target(), "target", source);
            roles[1] = spec.weightsColumn() == null ? -1 : indexOf(h, spec.weightsColumn(), "weights", source);
            if (roles[1] == roles[0]) {
                throw new IllegalArgumentException(source + ": the weights column '" + spec.weightsColumn()
                        + "' is the target column, expected another column");
            }
            for (String ex : spec.exclude()) {
                int c = indexOf(h, ex, "excluded", source);
                if (c == roles[0] || c == roles[1]) {
                    throw new IllegalArgumentException(source + ": column '" + ex + "' is both excluded and the "
                            + (c == roles[0] ? "target" : "weights") + " column, expected one role per column");
                }
            }
            for (int c = 0; c < h.size(); c++) {
                String name = h.get(c).trim();
                if (c != roles[0] && c != roles[1] && !spec.exclude().contains(name)) {
                    featureCols.add(c);
                    featureNames.add(name);
                }
            }
        }, (rec, h) -> {
            int i = rows.add(rec, h, featureCols, source);
            if (i == yw[0].length) {
                yw[0] = java.util.Arrays.copyOf(yw[0], 2 * i);
                yw[1] = java.util.Arrays.copyOf(yw[1], 2 * i);
            }
            yw[0][i] = number(rec, roles[0], h, source);
            if (roles[1] >= 0) {
                double v = number(rec, roles[1], h, source);
                if (v < 0) {
                    throw new IllegalArgumentException(source + ": line " + rec.getStartingLineNumber()
                            + ", column '" + h.get(roles[1]) + "': weight " + v + ", expected >= 0");
                }
                yw[1][i] = v;
            }
        });
        int n = rows.count;
        if (n == 0) {
            throw new IllegalArgumentException(source + ": no data rows after the header, expected at least one");
        }
        return Dataset.of(n, featureCols.size(), rows.values(), java.util.Arrays.copyOf(yw[0], n),
                roles[1] >= 0 ? java.util.Arrays.copyOf(yw[1], n) : null, featureNames, spec.target());
    }

    /** Feature values read by name for scoring: row-major {@code rows × names.size()}. */
    public record Features(int rows, List<String> names, double[] x) {
    }

    /**
     * Reads the named columns of a CSV (other columns are ignored), in the order given, for scoring a model.
     * Errors name the line and column as in {@link #read(Reader, Spec, String)}; a missing column is named too.
     */
    public static Features readFeatures(Reader reader, List<String> names, String source) {
        List<Integer> cols = new ArrayList<>();
        Rows rows = new Rows();
        scan(reader, source, h -> {
            for (String name : names) {
                cols.add(indexOf(h, name, "feature", source));
            }
        }, (rec, h) -> rows.add(rec, h, cols, source));
        return new Features(rows.count, List.copyOf(names), rows.values());
    }

    /** What to do with the header, once. */
    private interface HeaderHandler {
        void header(List<String> header);
    }

    /** What to do with each data row (already checked to have as many fields as the header). */
    private interface RowHandler {
        void row(CsvRecord record, List<String> header);
    }

    /**
     * Iterates over a CSV with a header: blank lines skipped, a BOM understood, a row with another number of
     * fields than the header rejected with its line, malformed CSV and read errors turned into
     * {@link IllegalArgumentException} naming the source. Returns the header.
     */
    private static List<String> scan(Reader reader, String source, HeaderHandler onHeader, RowHandler onRow) {
        CsvReader<CsvRecord> csv = CsvReader.builder().skipEmptyLines(true).ignoreDifferentFieldCount(true)
                .detectBomHeader(true).ofCsvRecord(reader);
        List<String> header = null;
        try {
            for (CsvRecord rec : csv) {
                if (header == null) {
                    header = rec.getFields();
                    requireDistinctNames(header, source);
                    onHeader.header(header);
                    continue;
                }
                if (rec.getFieldCount() != header.size()) {
                    throw new IllegalArgumentException(source + ": line " + rec.getStartingLineNumber() + " has "
                            + rec.getFieldCount() + " fields, expected " + header.size() + " (as in the header)");
                }
                onRow.row(rec, header);
            }
        } catch (CsvParseException e) {
            throw new IllegalArgumentException(source + ": malformed CSV: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(source + ": cannot read: " + e.getMessage(), e);
        }
        if (header == null) {
            throw new IllegalArgumentException(source + ": empty file, expected a header line and data rows");
        }
        return header;
    }

    /** A growing row-major block of parsed values. */
    private static final class Rows {
        double[] x = new double[1024];
        int count;
        int width;

        /** Parses the given columns of one record as a new row; returns its index. */
        int add(CsvRecord rec, List<String> header, List<Integer> cols, String source) {
            int p = cols.size();
            width = p;
            if ((long) (count + 1) * p > x.length) {
                x = java.util.Arrays.copyOf(x, (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max((long) x.length * 2, (long) (count + 1) * p)));
            }
            for (int j = 0; j < p; j++) {
                x[count * p + j] = number(rec, cols.get(j), header, source);
            }
            return count++;
        }

        double[] values() {
            return java.util.Arrays.copyOf(x, count * width);
        }
    }

    /**
     * Two columns of one name would make every use of the name ambiguous (a fit would take one as a feature and the
     * other as the target, or a scorer would read the first twice): rejected, naming both positions (1-based).
     */
    private static void requireDistinctNames(List<String> header, String source) {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c).trim();
            Integer first = seen.putIfAbsent(name, c);
            if (first != null) {
                throw new IllegalArgumentException(source + ": columns " + (first + 1) + " and " + (c + 1)
                        + " of the header are both named '" + name + "', expected distinct column names");
            }
        }
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
