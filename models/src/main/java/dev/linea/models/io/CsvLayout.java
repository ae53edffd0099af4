package dev.linea.models.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each column of a CSV becomes, decided once from the header: a feature (its index in the row-major x), the
 * target, the weights, or nothing; and the one wording of every bad-cell message, shared by the parallel file
 * reader and the general (quoted CSV, {@link java.io.Reader}) path so both name line, column and value alike.
 */
final class CsvLayout {
    static final int SKIP = -1;
    static final int TARGET = -2;
    static final int WEIGHTS = -3;

    final List<String> header;
    /** Per column: a feature index (≥ 0), {@link #TARGET}, {@link #WEIGHTS} or {@link #SKIP}. */
    final int[] role;
    final List<String> featureNames;

    private CsvLayout(List<String> header, int[] role, List<String> featureNames) {
        this.header = header;
        this.role = role;
        this.featureNames = featureNames;
    }

    int features() {
        return featureNames.size();
    }

    boolean hasWeights() {
        for (int r : role) {
            if (r == WEIGHTS) {
                return true;
            }
        }
        return false;
    }

    /** The layout of a dataset: target, optional weights, excluded columns dropped, every other a feature. */
    static CsvLayout dataset(List<String> rawHeader, CsvDatasets.Spec spec, String source) {
        List<String> header = names(rawHeader, source);
        int target = indexOf(header, spec.target(), "target", source);
        int weights = spec.weightsColumn() == null ? -1 : indexOf(header, spec.weightsColumn(), "weights", source);
        if (weights == target) {
            throw new IllegalArgumentException(source + ": the weights column '" + spec.weightsColumn()
                    + "' is the target column, expected another column");
        }
        for (String ex : spec.exclude()) {
            int c = indexOf(header, ex, "excluded", source);
            if (c == target || c == weights) {
                throw new IllegalArgumentException(source + ": column '" + ex + "' is both excluded and the "
                        + (c == target ? "target" : "weights") + " column, expected one role per column");
            }
        }
        int[] role = new int[header.size()];
        List<String> features = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (c == target) {
                role[c] = TARGET;
            } else if (c == weights) {
                role[c] = WEIGHTS;
            } else if (spec.exclude().contains(header.get(c))) {
                role[c] = SKIP;
            } else {
                role[c] = features.size();
                features.add(header.get(c));
            }
        }
        return new CsvLayout(header, role, List.copyOf(features));
    }

    /** The layout of scoring input: the named columns, in the order given, as features; every other skipped. */
    static CsvLayout features(List<String> rawHeader, List<String> names, String source) {
        List<String> header = names(rawHeader, source);
        int[] role = new int[header.size()];
        java.util.Arrays.fill(role, SKIP);
        for (int j = 0; j < names.size(); j++) {
            role[indexOf(header, names.get(j), "feature", source)] = j;
        }
        return new CsvLayout(header, role, List.copyOf(names));
    }

    /** The header's names, trimmed, checked to be distinct. */
    private static List<String> names(List<String> raw, String source) {
        List<String> header = new ArrayList<>(raw.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < raw.size(); c++) {
            String name = raw.get(c).trim();
            Integer first = seen.putIfAbsent(name, c);
            if (first != null) {
                // Two columns of one name would make every use of the name ambiguous.
                throw new IllegalArgumentException(source + ": columns " + (first + 1) + " and " + (c + 1)
                        + " of the header are both named '" + name + "', expected distinct column names");
            }
            header.add(name);
        }
        return List.copyOf(header);
    }

    static int indexOf(List<String> header, String name, String role, String source) {
        int c = header.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException(source + ": no column '" + name + "' (the " + role
                    + " column) in the header; columns are: " + String.join(", ", header));
        }
        return c;
    }

    /** A row of another number of fields than the header. */
    IllegalArgumentException fieldCount(String source, long line, int fields) {
        return new IllegalArgumentException(source + ": line " + line + " has " + fields + " fields, expected "
                + header.size() + " (as in the header)");
    }

    /**
     * The message for a cell whose text is not a finite number (or a negative weight).
     *
     * @param raw the cell's text
     * @param v   what {@link DecimalParser} made of it
     */
    BadCell badCell(String source, long line, int column, String raw, double v) {
        String where = source + ": line " + line + ", column '" + header.get(column) + "'";
        String text = raw.strip();
        String role = this.role[column] == TARGET ? "target" : this.role[column] == WEIGHTS ? "weight" : null;
        String hint = role != null ? " (a row with a missing " + role + " is dropped under any --missing "
                + "policy but error: it is never imputed)" : " (missing values are an error by default: --missing drop, mean or median "
                + "handles them)";
        if (text.isEmpty()) {
            return new BadCell(where + ": empty value, expected a number" + hint);
        }
        if (DecimalParser.isSyntaxError(v) && Cells.isMissing(text)) {
            return new BadCell(where + ": '" + text + "' (a missing value), expected a number" + hint);
        }
        if (DecimalParser.isSyntaxError(v)) {
            return new BadCell(where + ": '" + printable(text) + "' is not a number, expected a "
                    + "decimal number such as 12, -0.5 or 1.5e-3");
        }
        if (Double.isNaN(v)) {
            return new BadCell(where + ": " + printable(text) + ", expected a finite number (NaN is read as a "
                    + "missing value)" + hint);
        }
        if (!Double.isFinite(v)) {
            return new BadCell(where + ": " + printable(text) + ", expected a finite number");
        }
        return new BadCell(where + ": weight " + v + ", expected >= 0");
    }

    /**
     * A cell that is not a finite number where one was expected: the numeric fast path gives the file to the typed
     * reader on it (the cell may belong to a categorical column or be a missing value a policy handles).
     */
    static final class BadCell extends IllegalArgumentException {
        BadCell(String message) {
            super(message);
        }
    }

    /** The text with control and invisible characters shown as \\uXXXX, and at most 40 characters. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (; i < s.length() && b.length() <= 40; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\uFEFF' || c == '\uFFFD' || Character.isWhitespace(c) && c != ' ') {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return i == s.length() && b.length() <= 40 ? b.toString() : b.substring(0, 37) + "...";
    }
}
