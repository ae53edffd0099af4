package dev.linea.models.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.linea.models.Dataset;
import dev.linea.models.Table;
import dev.linea.models.preprocessing.Encoding;
import dev.linea.models.preprocessing.EncodingSpec;
import dev.linea.models.preprocessing.MissingPolicy;
import dev.linea.models.preprocessing.TableEncoder;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a {@link Dataset} from CSV with a header line: the target column is chosen by name, an optional weights
 * column likewise, and every other column is a numeric feature (or is dropped when listed in {@code exclude}).
 *
 * <p>Numbers follow a strict grammar (see {@link #NUMBER_GRAMMAR}): decimal and scientific notation, parsed exactly
 * (the same bits as {@link Double#parseDouble}); Java's {@code 5d}, {@code 5f} and hexadecimal {@code 0x1.8p1},
 * control characters and anything else are not numbers. A UTF-8 byte-order mark is skipped.
 *
 * <p>A file ({@link #read(Path, Spec)}) without quote characters is read on all cores straight into arrays of
 * their final size (two passes over byte ranges split at newlines); a file with quoted fields, and any
 * {@link Reader}, goes through FastCSV and the same checks.
 *
 * <p>Every problem is an {@link IllegalArgumentException} that names the line (1-based, as an editor shows it) and
 * the column: a row with too few or too many fields, a value that is not a number, an empty value, NaN or ±Inf, an
 * unknown target or weights column, two header columns of the same name (both positions, 1-based), no data rows;
 * and what the input is when it is not CSV text (a directory, a compressed or binary file, UTF-16, bytes that are
 * not UTF-8, with their line) or exceeds FastCSV's limits (the limit and the property that raises it).
 */
public final class CsvDatasets {
    private CsvDatasets() {
    }

    /** The number grammar, as documented in docs/errors.md (spaces and tabs around a number are ignored). */
    public static final String NUMBER_GRAMMAR = "[+|-] (digits [. [digits]] | . digits) [(e|E) [+|-] digits]; "
            + "NaN, Inf and Infinity in any letter case are read but rejected as not finite";

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
     * <p>The dataset's x is exactly rows × features, row-major, as parsed (no intermediate copy in this class).
     *
     * @param file the CSV file, with a header line
     * @param spec the target (and optional weights and excluded) columns
     * @return the dataset, every non-excluded column but the target and weights a feature
     */
    public static Dataset read(Path file, Spec spec) {
        String source = file.toString();
        CsvText.requireFile(file);
        // A pipe or a device (/dev/stdin, <(…)) has no size to split: read as a stream.
        try (FileChannel ch = Files.isRegularFile(file) ? FileChannel.open(file, StandardOpenOption.READ) : null) {
            ParallelCsvFile.Parsed p = ch == null ? null
                    : ParallelCsvFile.read(ch, source, h -> CsvLayout.dataset(h, spec, source), ParallelCsvFile.threads());
            if (p != null) {
                // The reader's arrays are exactly rows × cols and nobody else holds them: wrapped, not copied.
                return Dataset.wrap(p.rows(), p.layout().features(), p.x(), p.y(), p.w(), p.layout().featureNames,
                        spec.target());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, spec, source);
        } catch (NotUtf8 e) {
            IllegalArgumentException where = CsvText.findNotUtf8(file, source);
            throw where != null ? where : e;
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
     * Reads CSV from a reader, through FastCSV (quoted fields allowed), with the checks of {@link #read(Path, Spec)}.
     *
     * @param reader CSV with a header line; not closed
     * @param spec   the target (and optional weights and excluded) columns
     * @param source a name for messages (the file name)
     * @return the dataset
     */
    public static Dataset read(Reader reader, Spec spec, String source) {
        CsvLayout[] layout = new CsvLayout[1];
        Rows rows = new Rows();
        scan(reader, source, h -> layout[0] = CsvLayout.dataset(h, spec, source),
                rec -> rows.add(rec, layout[0], source));
        if (rows.count == 0) {
            throw new IllegalArgumentException(source + ": no data rows after the header, expected at least one");
        }
        int n = rows.count;
        // Fresh trimmed arrays that nobody else holds: wrapped, not copied again.
        return Dataset.wrap(n, layout[0].features(), rows.x(), Arrays.copyOf(rows.y, n),
                layout[0].hasWeights() ? Arrays.copyOf(rows.w, n) : null, layout[0].featureNames, spec.target());
    }

    /**
     * Reads a CSV file with typed columns and encodes it: numeric, boolean and categorical columns inferred
     * ({@link dev.linea.models.preprocessing.ColumnType}) unless declared in {@code encoding}, missing cells handled by
     * its policy, categorical columns one-hot encoded with the coding of its model.
     *
     * <p>A file of numbers only (and no column declared categorical) takes the numeric fast path of
     * {@link #read(Path, Spec)} (all cores, straight into the row-major x, no copy); the first cell that is not a
     * finite number sends it to the typed reader, which keeps the cells as text, infers the types and converts.
     *
     * @param file     the CSV file, with a header line
     * @param spec     target, weights and excluded columns
     * @param encoding declared types, reference levels, missing-value policy, the model's coding
     * @return the design, the encoding step that replays it on new rows, and what the missing-value policy did
     */
    public static TableEncoder.Encoded read(Path file, Spec spec, EncodingSpec encoding) {
        if (!encoding.declaresCategories()) {
            try {
                return numbersOnly(read(file, spec), encoding);
            } catch (CsvLayout.BadCell e) {
                // a cell that is not a finite number: text, a boolean or a missing value; the typed reader decides
            }
        }
        return TableEncoder.fit(readTable(file, spec, encoding), spec.target(), spec.weightsColumn(), encoding);
    }

    /** As {@link #read(Path, Spec, EncodingSpec)}, from a reader (not closed); {@code source} names it. */
    public static TableEncoder.Encoded read(Reader reader, Spec spec, EncodingSpec encoding, String source) {
        return TableEncoder.fit(readTable(reader, spec, encoding, source), spec.target(), spec.weightsColumn(),
                encoding);
    }

    /**
     * Reads a CSV file as a typed {@link Table} (target, weights and feature columns; excluded columns skipped),
     * before any encoding: for a caller that encodes itself (a formula) or wants the raw columns.
     *
     * @param encoding its declared types and missing-value policy are used (numeric cells missing under the error
     *                 policy are named here, with their spelling)
     */
    public static Table readTable(Path file, Spec spec, EncodingSpec encoding) {
        return withReader(file, r -> readTable(r, spec, encoding, file.toString()));
    }

    /** As {@link #readTable(Path, Spec, EncodingSpec)}, from a reader (not closed). */
    public static Table readTable(Reader reader, Spec spec, EncodingSpec encoding, String source) {
        return TypedCsv.read(reader, spec, encoding, source);
    }

    /**
     * Reads the columns a fitted {@link Encoding} takes from a CSV file and encodes each row (scoring a model with
     * an encoding step): {@code x} holds per row the encoding's features, then the {@code extra} columns as numbers
     * (an offset); {@code keep} columns are carried as text. Errors name the line, the column and the value: a
     * missing cell without a fill, an unseen level (unless {@code unseen} is ZERO), a cell of the wrong kind.
     */
    public static Features readEncoded(Path file, Encoding encoding, List<String> extra, List<String> keep,
                                       Encoding.Unseen unseen) {
        return withReader(file, r -> readEncoded(r, encoding, extra, keep, unseen, file.toString()));
    }

    /** As {@link #readEncoded(Path, Encoding, List, List, Encoding.Unseen)}, from a reader (not closed). */
    public static Features readEncoded(Reader reader, Encoding encoding, List<String> extra, List<String> keep,
                                       Encoding.Unseen unseen, String source) {
        return TypedCsv.readEncoded(reader, encoding, extra, keep, unseen, source);
    }

    /** A dataset of numbers only as an encoded table: the policy's fills computed, nothing missing. */
    private static TableEncoder.Encoded numbersOnly(Dataset d, EncodingSpec encoding) {
        MissingPolicy.Numeric p = encoding.missing().numeric();
        List<Encoding.Column> cols = new ArrayList<>();
        int m = d.rows();
        int n = d.cols();
        double[] x = d.xUnsafe();
        double[] col = new double[p == MissingPolicy.Numeric.MEAN || p == MissingPolicy.Numeric.MEDIAN ? m : 0];
        boolean[] none = new boolean[col.length];
        for (int j = 0; j < n; j++) {
            double fill = Double.NaN;
            if (col.length > 0) {
                for (int i = 0; i < m; i++) {
                    col[i] = x[i * n + j];
                }
                String name = d.featureNames().get(j);
                fill = p == MissingPolicy.Numeric.MEAN ? TableEncoder.mean(col, none, "", name)
                        : TableEncoder.median(col, none, "", name);
            }
            cols.add(new Encoding.Numeric(d.featureNames().get(j), fill));
        }
        return new TableEncoder.Encoded(d, new Encoding(cols, encoding.missing()), TableEncoder.MissingReport.none(encoding.missing(), m));
    }

    /** Runs {@code read} over the file as UTF-8 text, with the file checks and messages of the readers here. */
    private static <T> T withReader(Path file, java.util.function.Function<Reader, T> read) {
        String source = file.toString();
        CsvText.requireFile(file);
        try (FileChannel ch = Files.isRegularFile(file) ? FileChannel.open(file, StandardOpenOption.READ) : null) {
            if (ch != null) { // a pipe is not examined: that would consume it
                byte[] head = new byte[(int) Math.min(ch.size(), CsvText.HEAD)];
                int n = CsvText.readFully(ch, 0, head, 0, head.length);
                CsvText.requireUtf8Text(head, n, n == ch.size(), source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read.apply(r);
        } catch (NotUtf8 e) {
            IllegalArgumentException where = CsvText.findNotUtf8(file, source);
            throw where != null ? where : e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Feature values read by name for scoring: row-major {@code rows × names.size()}, and the text of the columns
     * asked to be kept (identifiers passed through to the output), row-major {@code rows × keptNames.size()}.
     *
     * @param rows      the number of data rows
     * @param names     the feature columns, in the order of x
     * @param x         row-major values
     * @param keptNames the columns kept as text (possibly empty)
     * @param kept      their cells, row-major, as read (unquoted)
     */
    public record Features(int rows, List<String> names, double[] x, List<String> keptNames, String[] kept) {
        /** Features without kept columns. */
        public Features(int rows, List<String> names, double[] x) {
            this(rows, names, x, List.of(), new String[0]);
        }

        /**
         * @param name one of {@link #keptNames()}
         * @return a new array of that kept column's cells, one per row
         */
        public String[] keptColumn(String name) {
            int c = keptNames.indexOf(name);
            if (c < 0) {
                throw new IllegalArgumentException("no kept column '" + name + "', expected one of " + keptNames);
            }
            int k = keptNames.size();
            String[] out = new String[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = kept[i * k + c];
            }
            return out;
        }
    }

    /**
     * Reads the named columns of a CSV (other columns are ignored), in the order given, for scoring a model.
     * Errors name the line and column as in {@link #read(Reader, Spec, String)}; a missing column is named too.
     */
    public static Features readFeatures(Reader reader, List<String> names, String source) {
        return readFeatures(reader, names, List.of(), source);
    }

    /**
     * Reads the named columns of a CSV as numbers, and the {@code keep} columns as text (any content: ids, names,
     * dates), for scoring a model and passing identifiers through.
     *
     * @param keep columns to carry as text; a name may also be one of {@code names}
     */
    public static Features readFeatures(Reader reader, List<String> names, List<String> keep, String source) {
        CsvLayout[] layout = new CsvLayout[1];
        int[][] keptAt = new int[1][];
        Rows rows = new Rows();
        List<String> kept = new ArrayList<>();
        scan(reader, source, h -> {
            layout[0] = CsvLayout.features(h, names, source);
            keptAt[0] = new int[keep.size()];
            for (int k = 0; k < keep.size(); k++) {
                keptAt[0][k] = CsvLayout.indexOf(layout[0].header, keep.get(k), "--keep", source);
            }
        }, rec -> {
            rows.add(rec, layout[0], source);
            for (int c : keptAt[0]) {
                kept.add(rec.getField(c));
            }
        });
        return new Features(rows.count, List.copyOf(names), rows.x(), List.copyOf(keep), kept.toArray(new String[0]));
    }

    /**
     * Reads the named columns of a CSV file as numbers and the {@code keep} columns as text, like
     * {@link #readFeatures(Reader, List, List, String)}, with the file's checks: a directory, binary content,
     * UTF-16 or bytes that are not UTF-8 are named (with their line).
     */
    public static Features readFeatures(Path file, List<String> names, List<String> keep) {
        return withReader(file, r -> readFeatures(r, names, keep, file.toString()));
    }

    /**
     * The file line of a data row, for messages that name rows (a label, a count, a score): data rows are counted
     * after the header, blank lines skipped, a quoted record spanning lines counted once, as every reader here does.
     * Reads the file again (an error path only).
     *
     * @param row the data row, 0-based
     * @return its 1-based line in the file, or −1 if the file has fewer rows or cannot be read
     */
    public static long lineOfRow(Path file, long row) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long[] seen = {0};
            scan(r, file.toString(), h -> {
            }, rec -> {
                if (seen[0]++ == row) {
                    throw new FoundRow(rec.getStartingLineNumber());
                }
            });
            return -1;
        } catch (FoundRow e) {
            return e.line;
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** Stops {@link #lineOfRow} at its row. */
    private static final class FoundRow extends RuntimeException {
        final long line;

        FoundRow(long line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    /** What to do with the header, once. */
    interface HeaderHandler {
        void header(List<String> header);
    }

    /** What to do with each data row (already checked to have as many fields as the header). */
    interface RowHandler {
        void row(CsvRecord record);
    }

    /** A decoder's failure on bytes that are not UTF-8 ({@link #read(Path, Spec)} then finds their line). */
    static final class NotUtf8 extends IllegalArgumentException {
        NotUtf8(String source, Throwable cause) {
            super(source + " is not valid UTF-8 text, expected UTF-8: convert the file, e.g. iconv -f LATIN1 -t "
                    + "UTF-8 (or the encoding it was written in)", cause);
        }
    }

    /**
     * Iterates over a CSV with a header: blank lines skipped, a BOM removed, a row with another number of fields
     * than the header rejected with its line, malformed CSV and read errors turned into
     * {@link IllegalArgumentException} naming the source and the cause.
     */
    static void scan(Reader reader, String source, HeaderHandler onHeader, RowHandler onRow) {
        int columns = -1;
        try {
            // A byte-order mark is dropped before FastCSV sees it (it would not through a Reader): a quoted first
            // name must still start with its quote.
            java.io.PushbackReader in = new java.io.PushbackReader(reader, 1);
            int first = in.read();
            if (first >= 0 && first != '\uFEFF') {
                in.unread(first);
            }
            CsvReader<CsvRecord> csv = CsvReader.builder().skipEmptyLines(true).ignoreDifferentFieldCount(true)
                    .ofCsvRecord(in);
            for (CsvRecord rec : csv) {
                if (columns < 0) {
                    List<String> header = rec.getFields();
                    onHeader.header(header);
                    columns = header.size();
                    continue;
                }
                if (rec.getFieldCount() != columns) {
                    throw new IllegalArgumentException(source + ": line " + rec.getStartingLineNumber() + " has "
                            + rec.getFieldCount() + " fields, expected " + columns + " (as in the header)");
                }
                onRow.row(rec);
            }
        } catch (CsvParseException | UncheckedIOException e) {
            throw readFailure(e, source);
        } catch (IOException e) {
            throw readFailure(new UncheckedIOException(e), source);
        }
        if (columns < 0) {
            throw new IllegalArgumentException(source + ": empty file, expected a header line and data rows");
        }
    }

    /** FastCSV's failure in words: its limits (and the property that raises each), bad UTF-8, malformed CSV. */
    private static IllegalArgumentException readFailure(RuntimeException e, String source) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof java.nio.charset.CharacterCodingException) {
                return new NotUtf8(source, e);
            }
            if (m.contains("Maximum number of fields exceeded")) {
                return new IllegalArgumentException(source + ": a line has more than " + Integer.getInteger("fastcsv.max.field.count", 16_384)
                        + " fields, the limit of the reader for CSV with quoted fields (FastCSV): raise it with "
                        + "-Dfastcsv.max.field.count=N (command line: LINEA_JAVA_OPTS=-Dfastcsv.max.field.count=N), "
                        + "or remove the quotes (plain CSV files have no column limit)", e);
            }
            if (m.contains("maximum limit of") && m.contains("characters")) {
                return new IllegalArgumentException(source + ": " + m + " (FastCSV's limit on a record): raise it "
                        + "with -Dfastcsv.max.record.size=N (command line: LINEA_JAVA_OPTS=-Dfastcsv.max.record."
                        + "size=N)", e);
            }
            if (m.contains("maximum buffer size")) {
                return new IllegalArgumentException(source + ": a field is longer than " + Integer.getInteger("fastcsv.max.field.size", 16_777_216)
                        + " characters (FastCSV's limit; often a quote that is never closed): raise it with "
                        + "-Dfastcsv.max.field.size=N (command line: LINEA_JAVA_OPTS=-Dfastcsv.max.field.size=N)", e);
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (e instanceof CsvParseException) {
            return new IllegalArgumentException(source + ": malformed CSV: " + e.getMessage(), e);
        }
        return new IllegalArgumentException(source + ": cannot read: " + root.getMessage(), e);
    }

    /** A growing row-major block of parsed values (the reader path, whose row count is not known ahead). */
    private static final class Rows {
        double[] x = new double[1024];
        double[] y = new double[64];
        double[] w = new double[64];
        int count;
        int width;

        /** Parses one record's columns, in file order, into a new row. */
        void add(CsvRecord rec, CsvLayout layout, String source) {
            int p = layout.features();
            width = p;
            if ((long) (count + 1) * p > x.length) {
                x = Arrays.copyOf(x, (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max((long) x.length * 2, (long) (count + 1) * p)));
            }
            if (count == y.length) {
                y = Arrays.copyOf(y, 2 * count);
                w = Arrays.copyOf(w, 2 * count);
            }
            int[] role = layout.role;
            for (int c = 0; c < role.length; c++) {
                int r = role[c];
                if (r == CsvLayout.SKIP) {
                    continue;
                }
                String raw = rec.getField(c);
                double v = DecimalParser.parse(raw);
                if (!(Math.abs(v) <= Double.MAX_VALUE) || r == CsvLayout.WEIGHTS && v < 0) {
                    throw layout.badCell(source, rec.getStartingLineNumber(), c, raw, v);
                }
                if (r >= 0) {
                    x[count * p + r] = v;
                } else if (r == CsvLayout.TARGET) {
                    y[count] = v;
                } else {
                    w[count] = v;
                }
            }
            count++;
        }

        double[] x() {
            return Arrays.copyOf(x, count * width);
        }
    }
}
