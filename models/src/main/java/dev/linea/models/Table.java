package dev.linea.models;

import dev.linea.models.preprocessing.ColumnType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A table of typed raw columns, before encoding: what a CSV with text, booleans and missing values reads into
 * ({@code CsvDatasets.readTable}), or what a Java caller builds ({@link #builder}). A numeric or boolean column holds
 * doubles (boolean: 0 or 1), NaN where a cell is missing; a categorical column holds its cells' text (stripped),
 * null where missing. {@code TableEncoder} turns it into a {@link Dataset} and the encoding step that replays it.
 *
 * <p>Each row may carry the file line it came from, so that every message names the line an editor shows; rows
 * of a table built in Java are named "row r (1-based)". Immutable (arrays are kept, not copied: the builder's
 * caller hands them over).
 */
public final class Table {
    private final String source;
    private final int rows;
    private final List<String> names;
    private final List<ColumnType> types;
    private final Object[] data;
    private final long[] lines;
    private final Map<String, Integer> index = new HashMap<>();

    private Table(String source, int rows, List<String> names, List<ColumnType> types, Object[] data, long[] lines) {
        this.source = source;
        this.rows = rows;
        this.names = List.copyOf(names);
        this.types = List.copyOf(types);
        this.data = data;
        this.lines = lines;
        for (int j = 0; j < names.size(); j++) {
            index.put(names.get(j), j);
        }
    }

    /** @return a builder of a table whose messages name {@code source} */
    public static Builder builder(String source) {
        return new Builder(source);
    }

    /** Adds columns of one length; names must be distinct. */
    public static final class Builder {
        private final String source;
        private final List<String> names = new ArrayList<>();
        private final List<ColumnType> types = new ArrayList<>();
        private final List<Object> data = new ArrayList<>();
        private long[] lines;
        private int rows = -1;

        private Builder(String source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /** A numeric column: NaN where missing. Kept, not copied. */
        public Builder numeric(String name, double[] values) {
            return add(name, ColumnType.NUMERIC, values, values.length);
        }

        /** A boolean column: 0, 1, or NaN where missing. Kept, not copied. */
        public Builder bool(String name, double[] values) {
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (!(Double.isNaN(v) || v == 0 || v == 1)) {
                    throw new IllegalArgumentException("boolean column '" + name + "' has " + v + " at row "
                            + (i + 1) + " (1-based), expected 0, 1 or NaN (missing)");
                }
            }
            return add(name, ColumnType.BOOLEAN, values, values.length);
        }

        /** A categorical column: each cell's level, null where missing. Kept, not copied. */
        public Builder categorical(String name, String[] values) {
            return add(name, ColumnType.CATEGORICAL, values, values.length);
        }

        /** The file line of each row (1-based), for messages. Kept, not copied. */
        public Builder lines(long[] lines) {
            this.lines = lines;
            return this;
        }

        private Builder add(String name, ColumnType type, Object values, int length) {
            Objects.requireNonNull(name, "name");
            if (names.contains(name)) {
                throw new IllegalArgumentException("column '" + name + "' twice, expected distinct column names");
            }
            if (rows >= 0 && length != rows) {
                throw new IllegalArgumentException("column '" + name + "' has " + length + " rows, expected " + rows
                        + " (as the columns before it)");
            }
            rows = length;
            names.add(name);
            types.add(type);
            data.add(values);
            return this;
        }

        /** @throws IllegalArgumentException for no column or no row, or lines of another length */
        public Table build() {
            if (names.isEmpty() || rows < 1) {
                throw new IllegalArgumentException(source + ": a table of " + names.size() + " columns and "
                        + Math.max(rows, 0) + " rows, expected at least one of each");
            }
            if (lines != null && lines.length != rows) {
                throw new IllegalArgumentException(source + ": " + lines.length + " line numbers for " + rows
                        + " rows, expected one per row");
            }
            return new Table(source, rows, names, types, data.toArray(), lines);
        }
    }

    /** @return where the rows came from, for messages */
    public String source() {
        return source;
    }

    public int rows() {
        return rows;
    }

    /** @return the columns' names, in order */
    public List<String> names() {
        return names;
    }

    /** @return the columns' types, in order */
    public List<ColumnType> types() {
        return types;
    }

    /** @return the column's index, or −1 */
    public int indexOf(String name) {
        Integer j = index.get(name);
        return j == null ? -1 : j;
    }

    public ColumnType type(int column) {
        return types.get(column);
    }

    /**
     * @return the numeric or boolean column's values (NaN where missing), the table's own array: not to be
     *         modified
     */
    public double[] numbersUnsafe(int column) {
        if (!(data[column] instanceof double[] d)) {
            throw new IllegalArgumentException("column '" + names.get(column) + "' is " + types.get(column).key()
                    + ", expected a numeric or boolean column");
        }
        return d;
    }

    /** @return the categorical column's cells (null where missing), the table's own array: not to be modified */
    public String[] textUnsafe(int column) {
        if (!(data[column] instanceof String[] s)) {
            throw new IllegalArgumentException("column '" + names.get(column) + "' is " + types.get(column).key()
                    + ", expected a categorical column");
        }
        return s;
    }

    /** @return whether the cell is missing */
    public boolean isMissing(int row, int column) {
        return data[column] instanceof double[] d ? Double.isNaN(d[row]) : ((String[]) data[column])[row] == null;
    }

    /** @return the cell as an encoder takes it: a Double, a String, or null where missing */
    public Object value(int row, int column) {
        if (data[column] instanceof double[] d) {
            return Double.isNaN(d[row]) ? null : d[row];
        }
        return ((String[]) data[column])[row];
    }

    /** @return "source: line L" (a file's table) or "source: row r (1-based)" */
    public String where(int row) {
        return source + ": " + (lines != null ? "line " + lines[row] : "row " + (row + 1) + " (1-based)");
    }

    /** @return the file line of a row, or −1 when the table has none */
    public long line(int row) {
        return lines == null ? -1 : lines[row];
    }

    @Override
    public String toString() {
        return "Table[" + source + ", " + rows + " rows, columns " + names + " " + types + "]";
    }
}
