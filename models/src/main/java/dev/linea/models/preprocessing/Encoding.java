package dev.linea.models.preprocessing;

import dev.linea.models.io.Cells;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The first preprocessing step of a table with typed columns: each raw input column becomes its features, with
 * missing cells filled as the training data's {@link MissingPolicy} decided.
 *
 * <ul>
 *   <li>{@link Numeric}: one feature of the column's name, the number itself; a missing cell takes the
 *       {@code fill} (the training mean or median), or is an error when there is none.</li>
 *   <li>{@link Bool}: one 0/1 feature of the column's name (true and yes are 1, false and no 0); a missing cell
 *       takes the {@code fill} (the training mode) or is an error.</li>
 *   <li>{@link Categorical}: one-hot dummies over the training levels, {@link Coding#TREATMENT} ({@code col[T.level]}
 *       for every level but the reference) or {@link Coding#FULL} ({@code col[level]} for every level); a missing
 *       cell takes the {@code fill} level (the mode, or the level {@value MissingPolicy#MISSING_LEVEL}) or is an
 *       error; a level not seen in training is an error, or all dummies 0 with {@link Unseen#ZERO}.</li>
 * </ul>
 * The features are the columns' features in column order. Immutable. The formula compiler and any Java caller
 * build a column with {@link Categorical#of(String, Collection, Coding, String)} ("x is categorical, reference r").
 *
 * @param columns the raw input columns, in order, of distinct names
 * @param missing the missing-value policy the fills come from (recorded for the model file and reports)
 */
public record Encoding(List<Column> columns, MissingPolicy missing) implements Preprocessing.Step {

    /** What to do with a categorical level that training did not see. */
    public enum Unseen {
        /** An error naming the row, column and level (the default). */
        ERROR,
        /** All the column's dummies 0: the reference level under treatment coding, no level under full coding. */
        ZERO
    }

    /** One raw input column and how it becomes features. */
    public sealed interface Column permits Numeric, Bool, Categorical {
        /** @return the raw column's name */
        String name();

        /** @return the features it becomes, in order */
        List<String> features();

        /** @return the number of features */
        default int width() {
            return features().size();
        }

        /** @return its type */
        ColumnType type();

        /**
         * Writes the features of one cell into {@code out[off …off + width())}.
         *
         * @param value  a String (read by {@link Cells}' rules), a Number, a Boolean, or null (missing)
         * @param out    modified: width() values from off
         * @param unseen what an unseen level does
         * @throws IllegalArgumentException naming the column and the value (the caller adds the row)
         */
        void encode(Object value, double[] out, int off, Unseen unseen);
    }

    /**
     * A numeric column.
     *
     * @param fill the value of a missing cell, or NaN (a missing cell is an error)
     */
    public record Numeric(String name, double fill) implements Column {
        public Numeric {
            Objects.requireNonNull(name, "name");
            if (Double.isInfinite(fill)) {
                throw new IllegalArgumentException("column '" + name + "': fill " + fill + ", expected a finite "
                        + "number or NaN (none)");
            }
        }

        /** A numeric column without a fill. */
        public static Numeric of(String name) {
            return new Numeric(name, Double.NaN);
        }

        @Override
        public List<String> features() {
            return List.of(name);
        }

        @Override
        public ColumnType type() {
            return ColumnType.NUMERIC;
        }

        @Override
        public void encode(Object value, double[] out, int off, Unseen unseen) {
            double v;
            if (value == null || value instanceof String s && Cells.isMissing(s)
                    || value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN()) {
                v = missing(name, fill, "a number");
            } else if (value instanceof Number n) {
                v = n.doubleValue();
            } else if (value instanceof String s) {
                try {
                    v = Cells.number(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("column '" + name + "': " + e.getMessage()
                            + " (the column is numeric in the model)");
                }
            } else {
                throw new IllegalArgumentException("column '" + name + "': " + value + " (a "
                        + value.getClass().getSimpleName() + "), expected a number");
            }
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("column '" + name + "': " + v + ", expected a finite number");
            }
            out[off] = v;
        }
    }

    /**
     * A boolean column: one 0/1 feature.
     *
     * @param fill 0 or 1 for a missing cell, or NaN (a missing cell is an error)
     */
    public record Bool(String name, double fill) implements Column {
        public Bool {
            Objects.requireNonNull(name, "name");
            if (!(Double.isNaN(fill) || fill == 0 || fill == 1)) {
                throw new IllegalArgumentException("column '" + name + "': fill " + fill + ", expected 0, 1 or NaN "
                        + "(none)");
            }
        }

        @Override
        public List<String> features() {
            return List.of(name);
        }

        @Override
        public ColumnType type() {
            return ColumnType.BOOLEAN;
        }

        @Override
        public void encode(Object value, double[] out, int off, Unseen unseen) {
            double v;
            if (value == null || value instanceof String s && Cells.isMissing(s)) {
                v = missing(name, fill, "true or false");
            } else if (value instanceof Boolean b) {
                v = b ? 1 : 0;
            } else if (value instanceof String s && !Double.isNaN(Cells.bool(s))) {
                v = Cells.bool(s);
            } else if (value instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
                v = n.doubleValue();
            } else {
                throw new IllegalArgumentException("column '" + name + "': '" + Cells.shown(String.valueOf(value))
                        + "', expected true, false, yes or no (the column is boolean in the model)");
            }
            out[off] = v;
        }
    }

    private static double missing(String name, double fill, String expected) {
        if (Double.isNaN(fill)) {
            throw new IllegalArgumentException("column '" + name + "': missing value, expected " + expected
                    + " (the model was fitted without a fill for this column: --missing error or drop)");
        }
        return fill;
    }

    /**
     * A categorical column, one-hot encoded over its training levels. Immutable.
     */
    public static final class Categorical implements Column {
        private final String name;
        private final List<String> levels;
        private final Coding coding;
        private final String reference;
        private final String fill;
        private final Map<String, Integer> index;
        private final int referenceIndex;
        private final List<String> features;

        /**
         * @param name      the column
         * @param levels    the training levels, distinct, in feature order (sorted, then the missing level if any)
         * @param coding    treatment or full
         * @param reference the reference level (one of levels) under treatment coding; null under full coding
         *                  (ignored) or to take the first level
         * @param fill      the level of a missing cell (one of levels), or null (a missing cell is an error)
         * @throws IllegalArgumentException for no levels, a level twice, a reference or fill that is not a level
         */
        public Categorical(String name, List<String> levels, Coding coding, String reference, String fill) {
            this.name = Objects.requireNonNull(name, "name");
            this.levels = List.copyOf(levels);
            this.coding = Objects.requireNonNull(coding, "coding");
            if (this.levels.isEmpty()) {
                throw new IllegalArgumentException("column '" + name + "' has no levels, expected at least one");
            }
            Map<String, Integer> ix = new HashMap<>();
            for (int l = 0; l < this.levels.size(); l++) {
                if (ix.putIfAbsent(this.levels.get(l), l) != null) {
                    throw new IllegalArgumentException("column '" + name + "': level '" + this.levels.get(l)
                            + "' twice, expected distinct levels");
                }
            }
            this.index = ix;
            String ref = coding == Coding.TREATMENT ? (reference == null ? this.levels.get(0) : reference) : null;
            if (ref != null && !ix.containsKey(ref)) {
                throw new IllegalArgumentException("column '" + name + "': reference level '" + ref + "' is not a "
                        + "level, expected one of " + this.levels);
            }
            if (fill != null && !ix.containsKey(fill)) {
                throw new IllegalArgumentException("column '" + name + "': fill level '" + fill + "' is not a "
                        + "level, expected one of " + this.levels);
            }
            this.reference = ref;
            this.referenceIndex = ref == null ? -1 : ix.get(ref);
            this.fill = fill;
            List<String> f = new ArrayList<>();
            for (String l : this.levels) {
                if (coding == Coding.FULL) {
                    f.add(name + "[" + l + "]");
                } else if (!l.equals(ref)) {
                    f.add(name + "[T." + l + "]");
                }
            }
            this.features = List.copyOf(f);
        }

        /**
         * "Column {@code name} is categorical, reference {@code reference}": the levels are the distinct
         * non-missing values (stripped), in sorted order ({@link #sortedLevels}).
         *
         * @param values    the training cells (missing ones, by {@link Cells#isMissing}, are skipped)
         * @param reference the reference level for treatment coding, or null for the first in sorted order
         */
        public static Categorical of(String name, Collection<String> values, Coding coding, String reference) {
            return new Categorical(name, sortedLevels(values), coding, reference, null);
        }

        /** The distinct non-missing values, stripped, sorted: numerically if all are numbers, else as text. */
        public static List<String> sortedLevels(Collection<String> values) {
            TreeSet<String> set = new TreeSet<>();
            for (String v : values) {
                if (!Cells.isMissing(v)) {
                    set.add(Cells.strip(v));
                }
            }
            List<String> out = new ArrayList<>(set);
            boolean numbers = !out.isEmpty();
            for (String l : out) {
                if (!Cells.isNumber(l)) {
                    numbers = false;
                    break;
                }
            }
            if (numbers) {
                out.sort(Comparator.comparingDouble(Cells::number).thenComparing(Comparator.naturalOrder()));
            }
            return out;
        }

        /** @return a column of the same levels and fill with another coding (the reference kept when treatment) */
        public Categorical withCoding(Coding c, String ref) {
            return new Categorical(name, levels, c, ref, fill);
        }

        /** @return the same with this fill level (null: none); a new level is appended when it is not a level */
        public Categorical withFill(String level) {
            List<String> l = new ArrayList<>(levels);
            if (level != null && !index.containsKey(level)) {
                l.add(level);
            }
            return new Categorical(name, l, coding, reference, level);
        }

        @Override
        public String name() {
            return name;
        }

        /** @return the training levels, in feature order */
        public List<String> levels() {
            return levels;
        }

        public Coding coding() {
            return coding;
        }

        /** @return the reference level (treatment coding), or null (full coding) */
        public String reference() {
            return reference;
        }

        /** @return the level given to a missing cell, or null (an error) */
        public String fill() {
            return fill;
        }

        @Override
        public List<String> features() {
            return features;
        }

        @Override
        public ColumnType type() {
            return ColumnType.CATEGORICAL;
        }

        /** @return the level's index in {@link #levels()}, or −1 */
        public int indexOf(String level) {
            Integer i = index.get(level);
            return i == null ? -1 : i;
        }

        @Override
        public void encode(Object value, double[] out, int off, Unseen unseen) {
            int w = features.size();
            for (int k = 0; k < w; k++) {
                out[off + k] = 0;
            }
            String level;
            if (value == null || value instanceof String s && Cells.isMissing(s)
                    || value instanceof Double d && d.isNaN()) {
                if (fill == null) {
                    throw new IllegalArgumentException("column '" + name + "': missing value, expected a level "
                            + "(the model was fitted without a fill for this column: --missing error or drop)");
                }
                level = fill;
            } else {
                level = value instanceof String s ? Cells.strip(s) : String.valueOf(value);
            }
            Integer l = index.get(level);
            if (l == null) {
                if (unseen == Unseen.ZERO) {
                    return;
                }
                throw new IllegalArgumentException("column '" + name + "': level '" + Cells.shown(level)
                        + "' was not seen in training, expected one of " + shownLevels()
                        + " (predict --unseen zero encodes an unseen level as all dummies 0)");
            }
            int at = coding == Coding.FULL ? l : l < referenceIndex ? l : l > referenceIndex ? l - 1 : -1;
            if (at >= 0) {
                out[off + at] = 1;
            }
        }

        private String shownLevels() {
            return levels.size() <= 20 ? levels.toString()
                    : levels.subList(0, 20).toString().replace("]", ", … (" + levels.size() + " levels)]");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Categorical c && c.name.equals(name) && c.levels.equals(levels)
                    && c.coding == coding && Objects.equals(c.reference, reference) && Objects.equals(c.fill, fill);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, levels, coding, reference, fill);
        }

        @Override
        public String toString() {
            return "Categorical[" + name + ", levels=" + levels + ", " + coding.key()
                    + (reference == null ? "" : ", reference=" + reference) + (fill == null ? "" : ", fill=" + fill)
                    + "]";
        }
    }

    /** An encoding whose policy is {@link MissingPolicy#error()} (no fills). */
    public Encoding(List<Column> columns) {
        this(columns, MissingPolicy.error());
    }

    /** @throws IllegalArgumentException for a column name given twice */
    public Encoding {
        columns = List.copyOf(columns);
        Objects.requireNonNull(missing, "missing");
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < columns.size(); j++) {
            Integer first = seen.putIfAbsent(columns.get(j).name(), j);
            if (first != null) {
                throw new IllegalArgumentException("encoding columns " + (first + 1) + " and " + (j + 1)
                        + " are both named '" + columns.get(j).name() + "', expected distinct names");
            }
        }
    }

    /** @return the raw columns' names, in order */
    public List<String> inputs() {
        List<String> n = new ArrayList<>(columns.size());
        columns.forEach(c -> n.add(c.name()));
        return List.copyOf(n);
    }

    /** @return the features the columns become, in order */
    public List<String> features() {
        List<String> f = new ArrayList<>();
        columns.forEach(c -> f.addAll(c.features()));
        return List.copyOf(f);
    }

    /** @return the number of features */
    public int width() {
        int w = 0;
        for (Column c : columns) {
            w += c.width();
        }
        return w;
    }

    /** @return the column of this name, or null */
    public Column column(String name) {
        for (Column c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /**
     * @return whether the step changes anything: a column that is not numeric, or a fill; an encoding of plain
     *         numbers without fills is the identity and need not be recorded
     */
    public boolean needed() {
        for (Column c : columns) {
            if (!(c instanceof Numeric n) || !Double.isNaN(n.fill())) {
                return true;
            }
        }
        return false;
    }

    /** @return the same without the named column (a role such as an offset that is not a feature) */
    public Encoding without(String name) {
        List<Column> rest = new ArrayList<>(columns);
        rest.removeIf(c -> c.name().equals(name));
        return new Encoding(rest, missing);
    }

    /**
     * Encodes one row given as values in column order.
     *
     * @param values one per column: String, Number, Boolean or null (missing); not modified
     * @param out    modified: {@link #width()} values from off
     * @throws IllegalArgumentException naming the column and the value
     */
    public void encode(Object[] values, double[] out, int off, Unseen unseen) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("row has " + values.length + " values, expected " + columns.size()
                    + " (the columns " + inputs() + ")");
        }
        for (int j = 0; j < values.length; j++) {
            Column c = columns.get(j);
            c.encode(values[j], out, off, unseen);
            off += c.width();
        }
    }

    /**
     * Encodes one row given by name; other names are ignored, a column without a name in the map is an error (a
     * null value is a missing value).
     *
     * @param values not modified
     * @param out    modified: {@link #width()} values from off
     */
    public void encode(Map<String, ?> values, double[] out, int off, Unseen unseen) {
        for (Column c : columns) {
            Object v = values.get(c.name());
            if (v == null && !values.containsKey(c.name())) {
                throw new IllegalArgumentException("no value for column '" + c.name() + "', expected the columns "
                        + inputs() + " (a null value is a missing one)");
            }
            c.encode(v, out, off, unseen);
            off += c.width();
        }
    }
}
