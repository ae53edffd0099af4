package dev.linea.models.preprocessing;

import dev.linea.models.Dataset;
import dev.linea.models.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Fits an {@link Encoding} to a {@link Table} and applies it: the table's typed columns become the numeric,
 * row-major design of a {@link Dataset}, missing cells handled by the {@link MissingPolicy}, categorical columns
 * one-hot encoded over their training levels with the {@link Coding} the model needs.
 *
 * <p>Order of work ({@link #fit}): rows with a missing cell in a column whose kind drops (and rows with a missing
 * target or weight, under any policy but error: they are never imputed) are dropped; the fills (mean, median, mode) and the levels are
 * computed over the remaining rows; then every remaining row is encoded. A missing cell under the error policy is
 * an error naming the line (or row) and the column.
 */
public final class TableEncoder {
    private TableEncoder() {
    }

    /**
     * An encoded table.
     *
     * @param data     the design (features: {@code encoding.features()}), target and weights of the rows kept
     * @param encoding the step that replays the encoding on new rows (levels, coding, fills)
     * @param missing  what the missing-value policy did
     */
    public record Encoded(Dataset data, Encoding encoding, MissingReport missing) {
    }

    /**
     * What the missing-value policy did, for the fit report.
     *
     * @param policy      the policy
     * @param rowsRead    rows in the table
     * @param rowsDropped rows dropped (a missing cell under drop, or a missing target or weight)
     * @param columns     per column with missing cells (in column order): the count and what was done
     */
    public record MissingReport(MissingPolicy policy, int rowsRead, int rowsDropped, List<ColumnMissing> columns) {
        public MissingReport {
            columns = List.copyOf(columns);
        }

        /** No missing cell. */
        public static MissingReport none(MissingPolicy policy, int rows) {
            return new MissingReport(policy, rows, 0, List.of());
        }

        /** @return the number of missing cells over all columns */
        public long cells() {
            long n = 0;
            for (ColumnMissing c : columns) {
                n += c.cells();
            }
            return n;
        }

        /** @return one line for a report: "2 rows dropped of 153; Ozone: 37 cells filled with the median 31.5" */
        @Override
        public String toString() {
            if (columns.isEmpty()) {
                return "no missing values (policy " + policy + ")";
            }
            StringBuilder b = new StringBuilder("policy " + policy + ": " + rowsDropped + " of " + rowsRead
                    + " rows dropped");
            for (ColumnMissing c : columns) {
                b.append("; ").append(c.column()).append(": ").append(c.cells()).append(" missing, ")
                        .append(c.action());
            }
            return b.toString();
        }
    }

    /**
     * One column's missing cells.
     *
     * @param column the column
     * @param cells  its missing cells in the table
     * @param action what was done: "rows dropped", "filled with the mean 42.1", "level 'missing'", …
     */
    public record ColumnMissing(String column, int cells, String action) {
    }

    /**
     * Fits the encoding of every column but the target and weights, and encodes the table.
     *
     * @param table   the typed table; not modified
     * @param target  the target column (numeric)
     * @param weights the sample-weights column (numeric), or null
     * @param spec    references, the missing-value policy and the model's coding (declared types were applied by
     *                the reader; a numeric column declared categorical here is read as categories of its numbers)
     * @throws IllegalArgumentException for a missing cell under the error policy (line or row, and column), a
     *                                  target or weights column that is not numeric, a reference that is not a
     *                                  level, no rows left after dropping, a column with no value to compute a
     *                                  fill from
     */
    public static Encoded fit(Table table, String target, String weights, EncodingSpec spec) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(spec, "spec");
        String source = table.source();
        int ty = role(table, target, "target");
        int tw = weights == null ? -1 : role(table, weights, "weights");
        List<Integer> feats = new ArrayList<>();
        for (int j = 0; j < table.names().size(); j++) {
            if (j != ty && j != tw) {
                feats.add(j);
            }
        }
        for (String c : spec.references().keySet()) {
            int j = table.indexOf(c);
            if (j < 0 || j == ty || j == tw) {
                throw new IllegalArgumentException(source + ": --reference " + c + "=" + spec.references().get(c)
                        + ": no feature column '" + c + "', expected one of " + featureNames(table, feats));
            }
        }
        MissingPolicy policy = spec.missing();
        int m = table.rows();
        // The kind of each feature: categorical when typed so, declared so, or given a reference
        ColumnType[] kind = new ColumnType[table.names().size()];
        for (int j : feats) {
            String name = table.names().get(j);
            ColumnType t = table.type(j);
            if (spec.declared(name) == ColumnType.CATEGORICAL || spec.references().containsKey(name)) {
                if (t != ColumnType.CATEGORICAL && spec.declared(name) != ColumnType.CATEGORICAL) {
                    throw new IllegalArgumentException(source + ": --reference " + name + "="
                            + spec.references().get(name) + ": column '" + name + "' is " + t.key() + ", expected a "
                            + "categorical column (declare it with --categorical " + name + ")");
                }
                t = ColumnType.CATEGORICAL;
            }
            kind[j] = t;
        }
        // Rows to drop, and missing cells per column
        boolean[] drop = new boolean[m];
        int[] missingCells = new int[kind.length];
        int dropped = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < kind.length; j++) {
                if (!table.isMissing(i, j)) {
                    continue;
                }
                missingCells[j]++;
                boolean drops;
                String name = table.names().get(j);
                if (j == ty || j == tw) {
                    // never imputed: dropped under any policy that handles missing values (as R's na.omit)
                    drops = !policy.isError();
                    if (!drops) {
                        throw new IllegalArgumentException(table.where(i) + ", column '" + name + "': missing "
                                + (j == ty ? "target" : "weight") + ", expected a number (a row with a missing "
                                + (j == ty ? "target" : "weight") + " is dropped under any --missing policy but "
                                + "error: it is never imputed)");
                    }
                } else if (kind[j] == ColumnType.NUMERIC) {
                    drops = policy.numeric() == MissingPolicy.Numeric.DROP;
                    if (policy.numeric() == MissingPolicy.Numeric.ERROR) {
                        throw missingError(table, i, name, "a number", "drop, mean or median");
                    }
                } else {
                    drops = policy.categorical() == MissingPolicy.Categorical.DROP;
                    if (policy.categorical() == MissingPolicy.Categorical.ERROR) {
                        throw missingError(table, i, name, kind[j] == ColumnType.BOOLEAN ? "true or false"
                                : "a level", "drop, mode or level");
                    }
                }
                if (drops && !drop[i]) {
                    drop[i] = true;
                    dropped++;
                }
            }
        }
        int n = m - dropped;
        if (n == 0) {
            throw new IllegalArgumentException(source + ": every one of the " + m + " rows has a missing value and "
                    + "was dropped (--missing " + policy + "), expected at least one complete row");
        }
        // The columns' encodings, fitted on the rows kept
        List<Encoding.Column> columns = new ArrayList<>();
        List<ColumnMissing> report = new ArrayList<>();
        int categorical = 0;
        for (int j : feats) {
            String name = table.names().get(j);
            String action = null;
            Encoding.Column col;
            if (kind[j] == ColumnType.NUMERIC) {
                double fill = Double.NaN;
                double[] v = table.numbersUnsafe(j);
                switch (policy.numeric()) {
                    case MEAN -> {
                        fill = mean(v, drop, source, name);
                        action = "filled with the mean " + shown(fill);
                    }
                    case MEDIAN -> {
                        fill = median(v, drop, source, name);
                        action = "filled with the median " + shown(fill);
                    }
                    case DROP -> action = "rows dropped";
                    case ERROR -> action = "error";
                }
                col = new Encoding.Numeric(name, fill);
            } else if (kind[j] == ColumnType.BOOLEAN && !(policy.categorical() == MissingPolicy.Categorical.LEVEL
                    && missingCells[j] > 0)) {
                double fill = Double.NaN;
                if (policy.categorical() == MissingPolicy.Categorical.MODE) {
                    fill = booleanMode(table.numbersUnsafe(j), drop, source, name);
                    action = "filled with the mode " + (fill == 1 ? "true" : "false");
                } else {
                    action = policy.categorical() == MissingPolicy.Categorical.DROP ? "rows dropped" : "error";
                }
                col = new Encoding.Bool(name, fill);
            } else {
                String[] cells = text(table, j);
                List<String> kept = new ArrayList<>();
                Map<String, Integer> counts = new HashMap<>();
                boolean anyMissing = false;
                for (int i = 0; i < m; i++) {
                    if (!drop[i]) {
                        if (cells[i] == null) {
                            anyMissing = true;
                        } else {
                            kept.add(cells[i]);
                            counts.merge(cells[i], 1, Integer::sum);
                        }
                    }
                }
                List<String> levels = Encoding.Categorical.sortedLevels(kept);
                String fill = null;
                switch (policy.categorical()) {
                    case MODE -> {
                        if (levels.isEmpty()) {
                            throw noValues(source, name, "mode");
                        }
                        fill = levels.get(0);
                        for (String l : levels) { // the most frequent; ties: the first in sorted order
                            if (counts.get(l) > counts.get(fill)) {
                                fill = l;
                            }
                        }
                        action = "filled with the mode '" + fill + "'";
                    }
                    case LEVEL -> {
                        if (anyMissing) {
                            if (counts.containsKey(MissingPolicy.MISSING_LEVEL)) {
                                throw new IllegalArgumentException(source + ": column '" + name + "' has a level "
                                        + "named '" + MissingPolicy.MISSING_LEVEL + "' already, expected no such "
                                        + "level with --missing level (use mode, or rename the level)");
                            }
                            fill = MissingPolicy.MISSING_LEVEL;
                            levels = new ArrayList<>(levels);
                            levels.add(fill);
                        }
                        action = "level '" + MissingPolicy.MISSING_LEVEL + "'";
                    }
                    case DROP -> action = "rows dropped";
                    case ERROR -> action = "error";
                }
                if (levels.isEmpty()) {
                    throw noValues(source, name, "levels");
                }
                String ref = spec.references().get(name);
                Coding coding = spec.coding(categorical++);
                if (ref != null && !levels.contains(ref)) {
                    throw new IllegalArgumentException(source + ": --reference " + name + "=" + ref + ": '" + ref
                            + "' is not a level of '" + name + "', expected one of " + levels);
                }
                col = new Encoding.Categorical(name, levels, coding, ref, fill);
            }
            if (missingCells[j] > 0) {
                report.add(new ColumnMissing(name, missingCells[j], action));
            }
            columns.add(col);
        }
        for (int j : new int[] {ty, tw}) {
            if (j >= 0 && missingCells[j] > 0) {
                report.add(new ColumnMissing(table.names().get(j), missingCells[j], "rows dropped"));
            }
        }
        Encoding encoding = new Encoding(columns, policy);
        double[] x = new double[n * encoding.width()];
        double[] y = new double[n];
        double[] w = tw < 0 ? null : new double[n];
        encodeRows(table, encoding, feats, drop, Encoding.Unseen.ERROR, x);
        double[] yy = table.numbersUnsafe(ty);
        double[] ww = tw < 0 ? null : table.numbersUnsafe(tw);
        for (int i = 0, r = 0; i < m; i++) {
            if (!drop[i]) {
                y[r] = yy[i];
                if (w != null) {
                    w[r] = ww[i];
                }
                r++;
            }
        }
        Dataset d = Dataset.wrap(n, encoding.width(), x, y, w, encoding.features(), target);
        return new Encoded(d, encoding, new MissingReport(policy, m, dropped, report));
    }

    /**
     * Applies a fitted encoding to a table with a target (a held-out file): every row encoded, none dropped.
     *
     * @throws IllegalArgumentException for a missing cell without a fill, a missing target or weight, or an
     *                                  unseen level (unless {@code unseen} is ZERO), naming line or row and column
     */
    public static Dataset apply(Table table, Encoding encoding, String target, String weights,
                                Encoding.Unseen unseen) {
        int ty = role(table, target, "target");
        int tw = weights == null ? -1 : role(table, weights, "weights");
        int m = table.rows();
        double[] y = new double[m];
        double[] w = tw < 0 ? null : new double[m];
        for (int i = 0; i < m; i++) {
            for (int j : new int[] {ty, tw}) {
                if (j >= 0 && table.isMissing(i, j)) {
                    throw new IllegalArgumentException(table.where(i) + ", column '" + table.names().get(j)
                            + "': missing " + (j == ty ? "target" : "weight") + ", expected a number");
                }
            }
            y[i] = table.numbersUnsafe(ty)[i];
            if (w != null) {
                w[i] = table.numbersUnsafe(tw)[i];
            }
        }
        double[] x = encode(table, encoding, unseen);
        return Dataset.wrap(m, encoding.width(), x, y, w, encoding.features(), target);
    }

    /**
     * Encodes every row of a table by a fitted encoding (scoring): row-major rows × {@code encoding.width()}. The
     * table must have the encoding's columns (others are ignored).
     *
     * @throws IllegalArgumentException for a column the table lacks, a missing cell without a fill, an unseen
     *                                  level (unless ZERO), naming line or row, column and value
     */
    public static double[] encode(Table table, Encoding encoding, Encoding.Unseen unseen) {
        List<Integer> at = new ArrayList<>();
        for (String c : encoding.inputs()) {
            int j = table.indexOf(c);
            if (j < 0) {
                throw new IllegalArgumentException(table.source() + ": no column '" + c + "', expected the model's "
                        + "columns " + encoding.inputs() + " (columns are: " + String.join(", ", table.names()) + ")");
            }
            at.add(j);
        }
        double[] x = new double[table.rows() * encoding.width()];
        encodeRows(table, encoding, at, new boolean[table.rows()], unseen, x);
        return x;
    }

    /** Encodes the rows not dropped, in order; columns {@code at} of the table are the encoding's columns. */
    private static void encodeRows(Table table, Encoding encoding, List<Integer> at, boolean[] drop,
                                   Encoding.Unseen unseen, double[] x) {
        int width = encoding.width();
        List<Encoding.Column> cols = encoding.columns();
        int off = 0;
        for (int k = 0; k < cols.size(); k++) {
            Encoding.Column c = cols.get(k);
            int j = at.get(k);
            boolean numbers = table.type(j) != ColumnType.CATEGORICAL;
            boolean bool = table.type(j) == ColumnType.BOOLEAN;
            double[] v = numbers ? table.numbersUnsafe(j) : null;
            String[] s = numbers ? null : table.textUnsafe(j);
            for (int i = 0, r = 0; i < table.rows(); i++) {
                if (drop[i]) {
                    continue;
                }
                int o = r * width + off;
                if (c instanceof Encoding.Numeric num && numbers && !Double.isNaN(v[i])) {
                    x[o] = v[i]; // the common case, without boxing
                } else {
                    Object value = numbers ? (Double.isNaN(v[i]) ? null : (Object) cellOf(v[i], c, bool)) : s[i];
                    try {
                        c.encode(value, x, o, unseen);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(table.where(i) + ", " + e.getMessage(), e);
                    }
                }
                r++;
            }
            off += c.width();
        }
    }

    /** A number as the column takes it: text for a categorical column (its level), else the number. */
    private static Object cellOf(double v, Encoding.Column c, boolean bool) {
        if (!(c instanceof Encoding.Categorical)) {
            return v;
        }
        return bool ? (v == 1 ? "true" : "false") : numberText(v);
    }

    /** A number as a level's text: whole numbers without ".0" (a month 5 is level "5"). */
    static String numberText(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String[] text(Table table, int j) {
        if (table.type(j) == ColumnType.CATEGORICAL) {
            return table.textUnsafe(j);
        }
        double[] v = table.numbersUnsafe(j);
        String[] s = new String[v.length];
        boolean bool = table.type(j) == ColumnType.BOOLEAN;
        for (int i = 0; i < v.length; i++) {
            s[i] = Double.isNaN(v[i]) ? null : bool ? (v[i] == 1 ? "true" : "false") : numberText(v[i]);
        }
        return s;
    }

    private static int role(Table table, String name, String role) {
        int j = table.indexOf(Objects.requireNonNull(name, role));
        if (j < 0) {
            throw new IllegalArgumentException(table.source() + ": no column '" + name + "' (the " + role
                    + " column); columns are: " + String.join(", ", table.names()));
        }
        if (table.type(j) != ColumnType.NUMERIC) {
            throw new IllegalArgumentException(table.source() + ": the " + role + " column '" + name + "' is "
                    + table.type(j).key() + ", expected numbers" + (role.equals("target") ? " (a categorical target "
                    + "holds class labels: a classifier's, ClassLabels.labelTarget, --model logistic or softmax)" : ""));
        }
        return j;
    }

    private static List<String> featureNames(Table table, List<Integer> feats) {
        List<String> n = new ArrayList<>();
        feats.forEach(j -> n.add(table.names().get(j)));
        return n;
    }

    private static IllegalArgumentException missingError(Table table, int row, String column, String expected,
                                                         String policies) {
        return new IllegalArgumentException(table.where(row) + ", column '" + column + "': missing value, expected "
                + expected + " (missing values are an error by default: --missing " + policies + " handles them)");
    }

    private static IllegalArgumentException noValues(String source, String column, String what) {
        return new IllegalArgumentException(source + ": column '" + column + "' has no value in the rows kept, "
                + "expected at least one to compute its " + what + " from");
    }

    /** The mean of the non-missing cells of the rows kept (Neumaier's compensated sum). */
    public static double mean(double[] v, boolean[] drop, String source, String column) {
        double sum = 0;
        double c = 0;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (!drop[i] && !Double.isNaN(v[i])) {
                double t = sum + v[i];
                c += Math.abs(sum) >= Math.abs(v[i]) ? (sum - t) + v[i] : (v[i] - t) + sum;
                sum = t;
                n++;
            }
        }
        if (n == 0) {
            throw noValues(source, column, "mean");
        }
        return (sum + c) / n;
    }

    /** The median of the non-missing cells of the rows kept: the middle value, or the mean of the two middle. */
    public static double median(double[] v, boolean[] drop, String source, String column) {
        double[] s = new double[v.length];
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (!drop[i] && !Double.isNaN(v[i])) {
                s[n++] = v[i];
            }
        }
        if (n == 0) {
            throw noValues(source, column, "median");
        }
        Arrays.sort(s, 0, n);
        return n % 2 == 1 ? s[n / 2] : s[n / 2 - 1] / 2 + s[n / 2] / 2;
    }

    private static double booleanMode(double[] v, boolean[] drop, String source, String column) {
        int ones = 0;
        int zeros = 0;
        for (int i = 0; i < v.length; i++) {
            if (!drop[i] && !Double.isNaN(v[i])) {
                if (v[i] == 1) {
                    ones++;
                } else {
                    zeros++;
                }
            }
        }
        if (ones + zeros == 0) {
            throw noValues(source, column, "mode");
        }
        return ones > zeros ? 1 : 0; // ties: false, the first in sorted order
    }

    private static String shown(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** @return the report as a map for JSON output */
    public static Map<String, Object> toMap(MissingReport r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("policy", r.policy().toString());
        out.put("rows_read", r.rowsRead());
        out.put("rows_dropped", r.rowsDropped());
        Map<String, Object> cols = new LinkedHashMap<>();
        for (ColumnMissing c : r.columns()) {
            cols.put(c.column(), Map.of("cells", c.cells(), "action", c.action()));
        }
        out.put("columns", cols);
        return out;
    }
}
