package dev.linea.models.io;

import de.siegmar.fastcsv.reader.CsvRecord;
import dev.linea.models.Table;
import dev.linea.models.preprocessing.ColumnType;
import dev.linea.models.preprocessing.Encoding;
import dev.linea.models.preprocessing.EncodingSpec;
import dev.linea.models.preprocessing.MissingPolicy;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed reader: every used cell is kept as text while the file is read (through FastCSV), then each column's
 * type is inferred ({@link ColumnType}) or taken from the spec, and the cells are converted in file order, so the
 * first bad cell of the file is the one named. Slower and larger than the numeric fast path
 * ({@link ParallelCsvFile}), which a file of numbers only never leaves.
 */
final class TypedCsv {
    private TypedCsv() {
    }

    /** Reads a table: the target, the weights and every feature column (excluded columns skipped). */
    static Table read(Reader reader, CsvDatasets.Spec spec, EncodingSpec enc, String source) {
        CsvLayout[] layout = new CsvLayout[1];
        Cellar cells = new Cellar();
        CsvDatasets.scan(reader, source, h -> {
            layout[0] = CsvLayout.dataset(h, spec, source);
            cells.start(layout[0]);
        }, rec -> cells.add(rec));
        if (cells.rows == 0) {
            throw new IllegalArgumentException(source + ": no data rows after the header, expected at least one");
        }
        CsvLayout l = layout[0];
        for (String c : enc.types().keySet()) {
            int j = l.header.indexOf(c);
            if (j < 0 || l.role[j] == CsvLayout.SKIP) {
                throw new IllegalArgumentException(source + ": --" + enc.types().get(c).key() + " " + c + ": no "
                        + "column '" + c + "'" + (j < 0 ? "" : " that is read (it is excluded)") + "; columns are: "
                        + String.join(", ", l.header));
            }
        }
        int used = cells.columns.length;
        ColumnType[] type = new ColumnType[used];
        for (int k = 0; k < used; k++) {
            int c = cells.fileColumn[k];
            String name = l.header.get(c);
            ColumnType declared = enc.declared(name);
            boolean role = l.role[c] == CsvLayout.TARGET || l.role[c] == CsvLayout.WEIGHTS;
            if (l.role[c] == CsvLayout.TARGET && declared == ColumnType.CATEGORICAL) {
                type[k] = declared; // a classifier's labels, as text (ClassLabels.labelTarget)
            } else if (role) {
                if (declared != null && declared != ColumnType.NUMERIC) {
                    throw new IllegalArgumentException(source + ": --" + declared.key() + " " + name + ": the "
                            + (l.role[c] == CsvLayout.TARGET ? "target" : "weights") + " column is numeric, "
                            + "expected a feature column");
                }
                type[k] = ColumnType.NUMERIC;
            } else if (declared != null) {
                type[k] = declared;
            } else {
                type[k] = infer(cells, k, l, source);
            }
        }
        return convert(cells, type, l, enc.missing(), source);
    }

    /** The type of an undeclared feature column, from its cells; numbers mixed with text are an error. */
    private static ColumnType infer(Cellar cells, int k, CsvLayout l, String source) {
        String[] col = cells.columns[k];
        int firstNumber = -1;
        int firstText = -1;
        boolean bool = true;
        for (int i = 0; i < cells.rows; i++) {
            String s = col[i];
            if (Cells.isMissing(s)) {
                continue;
            }
            if (Cells.isNumber(s)) {
                if (firstNumber < 0) {
                    firstNumber = i;
                }
            } else {
                if (firstText < 0) {
                    firstText = i;
                }
                if (bool && Double.isNaN(Cells.bool(s))) {
                    bool = false;
                }
            }
            if (firstNumber >= 0 && firstText >= 0) {
                break;
            }
        }
        if (firstText < 0) {
            return ColumnType.NUMERIC;
        }
        if (firstNumber >= 0) {
            String name = l.header.get(cells.fileColumn[k]);
            throw new IllegalArgumentException(source + ": line " + cells.lines[firstText] + ", column '" + name
                    + "': '" + CsvLayout.printable(Cells.strip(col[firstText])) + "' is not a number, expected a "
                    + "decimal number such as 12, -0.5 or 1.5e-3 (the column's other values, such as '"
                    + CsvLayout.printable(Cells.strip(col[firstNumber])) + "' on line " + cells.lines[firstNumber]
                    + ", are numbers: fix the value, or declare --categorical " + name + " to read the column as "
                    + "categories)");
        }
        return bool ? ColumnType.BOOLEAN : ColumnType.CATEGORICAL;
    }

    /** The cells as typed columns, converted row by row so that the first bad cell in file order is named. */
    private static Table convert(Cellar cells, ColumnType[] type, CsvLayout l, MissingPolicy policy, String source) {
        int used = type.length;
        int m = cells.rows;
        double[][] numbers = new double[used][];
        String[][] text = new String[used][];
        List<Map<String, String>> interned = new ArrayList<>();
        for (int k = 0; k < used; k++) {
            if (type[k] == ColumnType.CATEGORICAL) {
                text[k] = new String[m];
            } else {
                numbers[k] = new double[m];
            }
            interned.add(type[k] == ColumnType.CATEGORICAL ? new HashMap<>() : null);
        }
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < used; k++) {
                String raw = cells.columns[k][i];
                int c = cells.fileColumn[k];
                int role = l.role[c];
                boolean missing = Cells.isMissing(raw);
                if (missing) {
                    boolean error = role == CsvLayout.TARGET || role == CsvLayout.WEIGHTS ? policy.isError()
                            : type[k] == ColumnType.NUMERIC && policy.numeric() == MissingPolicy.Numeric.ERROR;
                    if (error) {
                        throw l.badCell(source, cells.lines[i], c, raw, DecimalParser.parse(Cells.strip(raw)));
                    }
                    if (type[k] != ColumnType.NUMERIC && policy.categorical() == MissingPolicy.Categorical.ERROR
                            && role != CsvLayout.TARGET && role != CsvLayout.WEIGHTS) {
                        throw new IllegalArgumentException(source + ": line " + cells.lines[i] + ", column '"
                                + l.header.get(c) + "': missing value, expected " + (type[k] == ColumnType.BOOLEAN
                                ? "true or false" : "a level") + " (missing values are an error by default: "
                                + "--missing drop, mode or level handles them)");
                    }
                    if (type[k] == ColumnType.CATEGORICAL) {
                        text[k][i] = null;
                    } else {
                        numbers[k][i] = Double.NaN;
                    }
                    continue;
                }
                switch (type[k]) {
                    case NUMERIC -> {
                        double v = DecimalParser.parse(Cells.strip(raw));
                        if (!(Math.abs(v) <= Double.MAX_VALUE) || role == CsvLayout.WEIGHTS && v < 0) {
                            throw l.badCell(source, cells.lines[i], c, raw, v);
                        }
                        numbers[k][i] = v;
                    }
                    case BOOLEAN -> {
                        double v = Cells.bool(raw);
                        if (Double.isNaN(v)) {
                            throw new IllegalArgumentException(source + ": line " + cells.lines[i] + ", column '"
                                    + l.header.get(c) + "': '" + CsvLayout.printable(Cells.strip(raw)) + "', "
                                    + "expected true, false, yes or no (the column is declared boolean)");
                        }
                        numbers[k][i] = v;
                    }
                    case CATEGORICAL -> {
                        String s = Cells.strip(raw);
                        text[k][i] = interned.get(k).computeIfAbsent(s, x -> x);
                    }
                }
            }
        }
        Table.Builder b = Table.builder(source).lines(Arrays.copyOf(cells.lines, m));
        for (int k = 0; k < used; k++) {
            String name = l.header.get(cells.fileColumn[k]);
            switch (type[k]) {
                case NUMERIC -> b.numeric(name, numbers[k]);
                case BOOLEAN -> b.bool(name, numbers[k]);
                case CATEGORICAL -> b.categorical(name, text[k]);
            }
        }
        return b.build();
    }

    /**
     * Reads the columns a fitted encoding needs (plus the numeric {@code extra} columns, such as an offset, and the
     * {@code keep} columns as text) and encodes every row: the dense rows a scorer takes, then the extra columns.
     */
    static CsvDatasets.Features readEncoded(Reader reader, Encoding encoding, List<String> extra, List<String> keep,
                                            Encoding.Unseen unseen, String source) {
        List<String> names = new ArrayList<>(encoding.inputs());
        names.addAll(extra);
        CsvLayout[] layout = new CsvLayout[1];
        int[][] keptAt = new int[1][];
        int[][] at = new int[1][];
        int width = encoding.width() + extra.size();
        double[][] x = {new double[Math.max(16, width * 64)]};
        int[] rows = {0};
        List<String> kept = new ArrayList<>();
        List<Encoding.Column> cols = encoding.columns();
        CsvDatasets.scan(reader, source, h -> {
            layout[0] = CsvLayout.features(h, names, source);
            at[0] = new int[names.size()];
            for (int j = 0; j < names.size(); j++) {
                at[0][j] = layout[0].header.indexOf(names.get(j));
            }
            keptAt[0] = new int[keep.size()];
            for (int k = 0; k < keep.size(); k++) {
                keptAt[0][k] = CsvLayout.indexOf(layout[0].header, keep.get(k), "--keep", source);
            }
        }, rec -> {
            int r = rows[0];
            if ((long) (r + 1) * width > x[0].length) {
                x[0] = Arrays.copyOf(x[0], (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max(2L * x[0].length, (long) (r + 1) * width)));
            }
            int off = r * width;
            for (int j = 0; j < cols.size(); j++) {
                Encoding.Column c = cols.get(j);
                try {
                    c.encode(rec.getField(at[0][j]), x[0], off, unseen);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + ": line " + rec.getStartingLineNumber() + ", "
                            + e.getMessage(), e);
                }
                off += c.width();
            }
            for (int e = 0; e < extra.size(); e++) {
                int c = at[0][cols.size() + e];
                String raw = rec.getField(c);
                double v = DecimalParser.parse(Cells.strip(raw));
                if (!(Math.abs(v) <= Double.MAX_VALUE)) {
                    throw layout[0].badCell(source, rec.getStartingLineNumber(), c, raw, v);
                }
                x[0][off++] = v;
            }
            for (int c : keptAt[0]) {
                kept.add(rec.getField(c));
            }
            rows[0]++;
        });
        List<String> dense = new ArrayList<>(encoding.features());
        dense.addAll(extra);
        return new CsvDatasets.Features(rows[0], List.copyOf(dense), Arrays.copyOf(x[0], rows[0] * width),
                List.copyOf(keep), kept.toArray(new String[0]));
    }

    /** Every used column's cells as text, and each row's line, growing as the file is read. */
    private static final class Cellar {
        String[][] columns;
        int[] fileColumn;
        long[] lines = new long[64];
        int rows;

        void start(CsvLayout layout) {
            List<Integer> used = new ArrayList<>();
            for (int c = 0; c < layout.role.length; c++) {
                if (layout.role[c] != CsvLayout.SKIP) {
                    used.add(c);
                }
            }
            fileColumn = used.stream().mapToInt(Integer::intValue).toArray();
            columns = new String[fileColumn.length][64];
        }

        void add(CsvRecord rec) {
            if (rows == lines.length) {
                lines = Arrays.copyOf(lines, 2 * rows);
                for (int k = 0; k < columns.length; k++) {
                    columns[k] = Arrays.copyOf(columns[k], 2 * rows);
                }
            }
            for (int k = 0; k < fileColumn.length; k++) {
                columns[k][rows] = rec.getField(fileColumn[k]);
            }
            lines[rows++] = rec.getStartingLineNumber();
        }
    }
}
