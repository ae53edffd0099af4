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
     * @param in     the CSV text (header first)
     * @param source names it in messages
     * @param rows   the rows the hashed reader read from the same text
     */
    static double[] column(Reader in, String source, String column, int rows) {
        CsvReader<CsvRecord> csv = CsvReader.builder().skipEmptyLines(true).ignoreDifferentFieldCount(true)
                .ofCsvRecord(in);
        double[] w = new double[rows];
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
                if (k == rows || col >= rec.getFieldCount()) {
                    throw new IllegalArgumentException(where + ": expected " + rows + " rows with a weight");
                }
                w[k++] = weight(rec.getField(col).strip(), where);
            }
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e.getCause());
        }
        if (k != rows) {
            throw new IllegalArgumentException(source + ": " + k + " weights in column '" + column + "', expected "
                    + rows);
        }
        return w;
    }

    /** As {@link #column(Reader, String, String, int)}, from a file. */
    static double[] column(Path file, String column, int rows) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return column(r, file.toString(), column, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
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
