package dev.linea.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Sample weights of a sparse input ({@code --weights}). A LIBSVM line has no room for a weight, so a LIBSVM file's
 * weights come from a sidecar file with one weight per line, in the order of the rows — LIBLINEAR's
 * {@code -W weight_file} convention (blank lines and {@code #} comment lines are skipped, as in the data file).
 * A CSV with hashed columns names a weights column, as a dense CSV does. Each weight must be a finite number ≥ 0;
 * an error names the file, the line and the text found.
 */
final class SparseWeights {
    private SparseWeights() {
    }

    /**
     * @param file  one weight per line
     * @param rows  the rows of the data file, which the weights must number
     * @param data  the data file, for messages
     */
    static double[] sidecar(Path file, int rows, String data) {
        UserFiles.requireReadable(file, "--weights");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        double[] w = new double[rows];
        int k = 0;
        for (int line = 0; line < lines.size(); line++) {
            String t = lines.get(line).strip();
            if (t.isEmpty() || t.charAt(0) == '#') {
                continue;
            }
            if (k == rows) {
                throw new IllegalArgumentException("--weights " + file + " has more weights than the " + rows
                        + " rows of " + data + " (line " + (line + 1) + "), expected one weight per row");
            }
            w[k++] = weight(t, file + ": line " + (line + 1));
        }
        if (k != rows) {
            throw new IllegalArgumentException("--weights " + file + " has " + k + " weights, expected " + rows
                    + " (one per row of " + data + ", LIBLINEAR's -W convention)");
        }
        return w;
    }

    /**
     * @param in     the CSV text (header first); rows as the hashed reader reads them (empty lines skipped)
     * @param source names it in messages
     * @return one weight per row
     */
    static double[] column(Reader in, String source, String column) {
        CsvReader<CsvRecord> csv = CsvReader.builder().skipEmptyLines(true).ignoreDifferentFieldCount(true)
                .ofCsvRecord(in);
        double[] w = new double[64];
        int col = -1;
        int k = 0;
        try {
            for (CsvRecord rec : csv) {
                if (col < 0) {
                    col = rec.getFields().indexOf(column);
                    if (col < 0) {
                        throw new IllegalArgumentException(source + ": no --weights column '" + column
                                + "', expected one of " + rec.getFields());
                    }
                    continue;
                }
                String where = source + ": line " + rec.getStartingLineNumber() + ", column '" + column + "'";
                if (col >= rec.getFieldCount()) {
                    throw new IllegalArgumentException(where + ": no value, expected a weight");
                }
                if (k == w.length) {
                    w = Arrays.copyOf(w, 2 * k);
                }
                w[k++] = weight(rec.getField(col).strip(), where);
            }
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e.getCause());
        }
        if (col < 0) {
            throw new IllegalArgumentException(source + " is empty, expected a header with the --weights column '"
                    + column + "'");
        }
        return Arrays.copyOf(w, k);
    }

    /** As {@link #column(Reader, String, String)}, from a file. */
    static double[] column(Path file, String column) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return column(r, file.toString(), column);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when w (unless null) does not hold one weight per row */
    static void requireCount(double[] w, int rows, String source) {
        if (w != null && w.length != rows) {
            throw new IllegalArgumentException(source + ": " + w.length + " weights, expected " + rows
                    + " (one per row)");
        }
    }

    private static double weight(String text, String where) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(where + ": weight '" + text + "', expected a finite number >= 0");
        }
        return v;
    }

    /** @return the rows' weights, or null when w is */
    static double[] take(double[] w, int[] rows) {
        return w == null ? null : Arrays.stream(rows).mapToDouble(i -> w[i]).toArray();
    }
}
