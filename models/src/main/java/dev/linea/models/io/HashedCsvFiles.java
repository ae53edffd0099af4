package dev.linea.models.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.linea.kernels.sparse.CsrBuilder;
import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.preprocessing.FeatureHashing;
import dev.linea.models.preprocessing.Preprocessing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a CSV whose categorical (or any text) columns are feature-hashed into a sparse design: the numeric columns
 * stay columns of their own (in header order, first), each hashed column becomes its block of 2^bits signed
 * features ({@link FeatureHashing}), and the rows go straight into a {@link CsrMatrix} through a
 * {@link CsrBuilder} (a zero numeric value is not stored; an empty hashed cell adds nothing).
 *
 * <p>Numbers (the target's and the numeric columns') follow the strict grammar of {@link DecimalParser} and must be
 * finite; an error names the line, the column, the text found and what was expected.
 */
public final class HashedCsvFiles {
    private HashedCsvFiles() {
    }

    /**
     * A hashed CSV's contents.
     *
     * @param x             the features: the numeric inputs, then the hashed blocks
     * @param y             the target, one per row, or null when it was not read (predicting)
     * @param preprocessing the inputs (numeric, then hashed) and the hashing step: what a model file records
     */
    public record Data(CsrMatrix x, double[] y, Preprocessing preprocessing) {
    }

    /**
     * Reads a file for a fit: every column but the target, the hashed and the excluded ones is a numeric input.
     *
     * @param target  the target column
     * @param exclude columns to ignore
     */
    public static Data read(Path file, String target, FeatureHashing hashing, List<String> exclude) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString(), Objects.requireNonNull(target, "target"), null, hashing, exclude);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a file as a model's preprocessing reads it (predicting): its numeric inputs and hashed columns, by name,
     * other columns ignored.
     *
     * @param target the target column to read as well, or null
     */
    public static Data replay(Path file, Preprocessing preprocessing, String target) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return replay(r, file.toString(), preprocessing, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #replay(Path, Preprocessing, String)}, from text; {@code source} names it in messages. */
    public static Data replay(Reader in, String source, Preprocessing preprocessing, String target) {
        FeatureHashing h = preprocessing.hashing().orElseThrow(() -> new IllegalArgumentException(
                "the model hashes no column, expected a model fitted with --hash"));
        return read(in, source, target, preprocessing.numericInputs(), h, List.of());
    }

    /**
     * Reads CSV text.
     *
     * @param target  the target column, or null (none read)
     * @param numeric the numeric inputs by name, or null: every column that is not the target, hashed or excluded
     */
    public static Data read(Reader in, String source, String target, List<String> numeric, FeatureHashing hashing,
                            List<String> exclude) {
        Objects.requireNonNull(hashing, "hashing");
        CsvReader<CsvRecord> csv = CsvReader.builder().skipEmptyLines(true).ignoreDifferentFieldCount(true)
                .ofCsvRecord(in);
        List<String> header = null;
        int targetCol = -1;
        int[] numCols = null;
        int[] hashCols = null;
        int[] blockStart = null;
        int[] bits = null;
        List<String> numNames = null;
        CsrBuilder b = null;
        double[] y = new double[16];
        int rows = 0;
        int[] idx = null;
        double[] val = null;
        try {
            for (CsvRecord rec : csv) {
                if (header == null) {
                    header = rec.getFields();
                    Set<String> seen = new HashSet<>();
                    for (String name : header) {
                        if (!seen.add(name)) {
                            throw new IllegalArgumentException(source + ": line " + rec.getStartingLineNumber()
                                    + ": the column '" + name + "' is named twice, expected distinct names");
                        }
                    }
                    if (target != null) {
                        targetCol = column(header, target, "target", source);
                    }
                    List<String> hashed = hashing.names();
                    hashCols = new int[hashed.size()];
                    blockStart = new int[hashed.size()];
                    bits = new int[hashed.size()];
                    for (int c = 0; c < hashed.size(); c++) {
                        hashCols[c] = column(header, hashed.get(c), "--hash", source);
                    }
                    if (numeric == null) {
                        numNames = new ArrayList<>();
                        for (String name : header) {
                            if (!name.equals(target) && !hashed.contains(name) && !exclude.contains(name)) {
                                numNames.add(name);
                            }
                        }
                        for (String x : exclude) {
                            column(header, x, "--exclude", source);
                        }
                    } else {
                        numNames = List.copyOf(numeric);
                    }
                    numCols = new int[numNames.size()];
                    for (int j = 0; j < numCols.length; j++) {
                        numCols[j] = column(header, numNames.get(j), "input", source);
                    }
                    int at = numCols.length;
                    for (int c = 0; c < hashCols.length; c++) {
                        blockStart[c] = at;
                        bits[c] = hashing.columns().get(c).bits();
                        at += hashing.columns().get(c).size();
                    }
                    b = new CsrBuilder(at, 1024, numCols.length + hashCols.length);
                    idx = new int[numCols.length + hashCols.length];
                    val = new double[idx.length];
                    continue;
                }
                long line = rec.getStartingLineNumber();
                if (rec.getFieldCount() != header.size()) {
                    throw new IllegalArgumentException(source + ": line " + line + " has " + rec.getFieldCount()
                            + " fields, expected " + header.size() + " (as in the header)");
                }
                if (targetCol >= 0) {
                    if (rows == y.length) {
                        y = java.util.Arrays.copyOf(y, y.length + (y.length >> 1));
                    }
                    y[rows] = number(rec.getField(targetCol), line, target, source, "");
                }
                int k = 0;
                for (int j = 0; j < numCols.length; j++) {
                    double v = number(rec.getField(numCols[j]), line, numNames.get(j), source,
                            " (a text column is hashed with --hash " + numNames.get(j) + ":BITS)");
                    if (v != 0) {
                        idx[k] = j;
                        val[k++] = v;
                    }
                }
                for (int c = 0; c < hashCols.length; c++) {
                    String v = rec.getField(hashCols[c]);
                    if (!v.isEmpty()) {
                        int h = hashing.hash(v);
                        idx[k] = blockStart[c] + FeatureHashing.column(h, bits[c]);
                        val[k++] = FeatureHashing.sign(h);
                    }
                }
                b.addRow(idx, val, k);
                rows++;
            }
        } catch (CsvParseException e) {
            throw new IllegalArgumentException(source + ": not valid CSV: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e;
        }
        if (header == null) {
            throw new IllegalArgumentException(source + ": empty, expected a header line and rows");
        }
        List<String> inputs = new ArrayList<>(numNames);
        inputs.addAll(hashing.names());
        Preprocessing pre = new Preprocessing(inputs, List.of(hashing), null);
        return new Data(b.build(), targetCol >= 0 ? java.util.Arrays.copyOf(y, rows) : null, pre);
    }

    private static int column(List<String> header, String name, String role, String source) {
        int c = header.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException(source + ": no " + role + " column '" + name + "', expected one of "
                    + header);
        }
        return c;
    }

    private static double number(String text, long line, String column, String source, String hint) {
        double v = DecimalParser.parse(text);
        if (DecimalParser.isSyntaxError(v) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(source + ": line " + line + ", column '" + column + "': '"
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "', expected a finite number" + hint);
        }
        return v;
    }
}
