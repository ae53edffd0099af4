package dev.linea.models;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The distinct values of a text column (class labels, levels of a categorical factor) in the one order every part
 * of Linea uses, as scikit-learn's {@code np.unique} and R's {@code factor} sort them:
 * <ul>
 *   <li>when every value is a number (the CSV number grammar: {@code -1}, {@code 2}, {@code 0.5}, {@code 1e3}),
 *       they are compared as numbers, and each is written in a canonical form: an integer without a fraction
 *       ({@code "1.0"} and {@code "1"} are the same value, written {@code "1"}), any other value as
 *       {@link Double#toString(double)};</li>
 *   <li>otherwise they are compared as strings (by UTF-16 code units, {@link String#compareTo}: upper case before
 *       lower case, {@code "10"} before {@code "9"}), exactly as written (surrounding spaces removed).</li>
 * </ul>
 */
public final class Levels {
    private Levels() {
    }

    /**
     * @param values the cells of a column, any number of times each; not modified
     * @return the distinct values, canonical and sorted as the class documents
     */
    public static List<String> sorted(Collection<String> values) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String v : values) {
            distinct.add(v.strip());
        }
        boolean numeric = !distinct.isEmpty();
        for (String v : distinct) {
            numeric &= number(v) != null;
        }
        List<String> out = new ArrayList<>();
        if (numeric) {
            Set<String> canonical = new LinkedHashSet<>();
            for (String v : distinct) {
                canonical.add(canonical(number(v)));
            }
            out.addAll(canonical);
            out.sort(Comparator.comparingDouble(Double::parseDouble));
        } else {
            out.addAll(distinct);
            out.sort(Comparator.naturalOrder());
        }
        return out;
    }

    /**
     * @return the canonical text of a cell among these levels: the number's canonical form when the levels are
     *         numbers and the cell is one, else the cell without surrounding spaces
     */
    public static String canonical(String cell, boolean numericLevels) {
        String s = cell.strip();
        if (numericLevels) {
            Double d = number(s);
            if (d != null) {
                return canonical(d);
            }
        }
        return s;
    }

    /** @return whether every level is a number (then cells are matched by value) */
    public static boolean numeric(List<String> levels) {
        for (String v : levels) {
            if (number(v) == null) {
                return false;
            }
        }
        return !levels.isEmpty();
    }

    /** The canonical text of a finite number: no fraction for an integer value ("1", "-1"), else Double.toString. */
    static String canonical(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return new BigDecimal(d).toBigInteger().toString();
        }
        return Double.toString(d);
    }

    /** A finite number in the CSV grammar (digits, optional sign, fraction and exponent), else null. */
    private static Double number(String s) {
        if (!s.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null;
        }
        double d = Double.parseDouble(s);
        return Double.isFinite(d) ? (d == 0 ? 0.0 : d) : null;
    }
}
