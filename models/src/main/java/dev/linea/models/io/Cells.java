package dev.linea.models.io;

import java.util.Locale;
import java.util.Set;

/**
 * What the text of one table cell is, by the rules every reader and every encoder of Linea shares (documented in
 * docs/data.md): a <b>missing</b> value, a <b>number</b> in the strict grammar of {@link CsvDatasets#NUMBER_GRAMMAR},
 * a <b>boolean</b> spelling, or text. Spaces and tabs around a cell are ignored.
 *
 * <ul>
 *   <li>Missing: an empty cell, {@code NA}, {@code N/A}, {@code NaN} or {@code null} (any letter case): what R,
 *       pandas and most exports write for a missing value.</li>
 *   <li>Boolean: {@code true}/{@code false} and {@code yes}/{@code no}, any letter case; true and yes are 1. A
 *       column of {@code 0}/{@code 1} is numeric (the same 0/1 feature).</li>
 * </ul>
 */
public final class Cells {
    private Cells() {
    }

    /** The spellings of a missing value, lower case (compared ignoring case, after stripping). */
    public static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "null");
    /** The spellings read as true, lower case. */
    public static final Set<String> TRUE = Set.of("true", "yes");
    /** The spellings read as false, lower case. */
    public static final Set<String> FALSE = Set.of("false", "no");

    /** @return whether the cell is a missing value (null, empty, NA, N/A, NaN or null in any case) */
    public static boolean isMissing(String cell) {
        if (cell == null) {
            return true;
        }
        String s = strip(cell);
        return s.length() <= 4 && MISSING.contains(s.toLowerCase(Locale.ROOT));
    }

    /** @return 1 for a true spelling, 0 for a false one, NaN for anything else */
    public static double bool(String cell) {
        String s = strip(cell).toLowerCase(Locale.ROOT);
        return TRUE.contains(s) ? 1 : FALSE.contains(s) ? 0 : Double.NaN;
    }

    /** @return whether the cell is a number in the strict grammar (finite or not: Inf counts as a number) */
    public static boolean isNumber(String cell) {
        return !DecimalParser.isSyntaxError(DecimalParser.parse(strip(cell)));
    }

    /**
     * @return the cell's value in the strict grammar (the bits of {@link Double#parseDouble}; ±Inf and NaN when
     *         spelled so)
     * @throws NumberFormatException for text outside the grammar, naming it
     */
    public static double number(String cell) {
        double v = DecimalParser.parse(strip(cell));
        if (DecimalParser.isSyntaxError(v)) {
            throw new NumberFormatException("'" + CsvLayout.printable(strip(cell)) + "' is not a number, expected a "
                    + "decimal number such as 12, -0.5 or 1.5e-3");
        }
        return v;
    }

    /** The text without the spaces and tabs around it (what every rule above looks at). */
    public static String strip(String cell) {
        int a = 0;
        int b = cell.length();
        while (a < b && (cell.charAt(a) == ' ' || cell.charAt(a) == '\t')) {
            a++;
        }
        while (b > a && (cell.charAt(b - 1) == ' ' || cell.charAt(b - 1) == '\t')) {
            b--;
        }
        return cell.substring(a, b);
    }

    /** The text shown in a message: control characters escaped, at most 40 characters. */
    public static String shown(String cell) {
        return CsvLayout.printable(cell);
    }
}
