package dev.linea.models.preprocessing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What to do with missing cells ({@link dev.linea.models.io.Cells#isMissing}), per kind of column.
 *
 * <ul>
 *   <li>numeric columns: {@link Numeric#ERROR} (the default: the message names line and column),
 *       {@link Numeric#DROP} (the row is dropped and counted), {@link Numeric#MEAN} or {@link Numeric#MEDIAN}
 *       (the training column's mean or median over its non-missing cells, unweighted, stored in the model and
 *       used again at prediction);</li>
 *   <li>categorical and boolean columns: {@link Categorical#ERROR}, {@link Categorical#DROP},
 *       {@link Categorical#MODE} (the most frequent training level; ties: the first in sorted order) or
 *       {@link Categorical#LEVEL} (a level of its own, named {@value #MISSING_LEVEL}; a boolean column with
 *       missing cells is then read as categorical).</li>
 * </ul>
 * A missing target or weight is never imputed: the row is dropped (and counted) under any policy but
 * {@link #error()}, and is an error under that one.
 *
 * <p>The text form ({@link #parse}), as {@code --missing} takes it: one or two comma-separated words, at most one
 * per kind; {@code error} and {@code drop} apply to both kinds unless the other kind is named. Examples:
 * {@code drop}, {@code median} (numeric median, categorical error), {@code median,mode}, {@code mean,level},
 * {@code drop,level} (numeric drop, categorical level).
 *
 * @param numeric     the policy of numeric columns
 * @param categorical the policy of categorical and boolean columns
 */
public record MissingPolicy(Numeric numeric, Categorical categorical) {
    /** The name of the level that {@link Categorical#LEVEL} gives missing cells. */
    public static final String MISSING_LEVEL = "missing";

    /** Numeric columns' policy. */
    public enum Numeric { ERROR, DROP, MEAN, MEDIAN }

    /** Categorical and boolean columns' policy. */
    public enum Categorical { ERROR, DROP, MODE, LEVEL }

    public MissingPolicy {
        Objects.requireNonNull(numeric, "numeric");
        Objects.requireNonNull(categorical, "categorical");
    }

    /** Missing values are errors (the default). */
    public static MissingPolicy error() {
        return new MissingPolicy(Numeric.ERROR, Categorical.ERROR);
    }

    /** Rows with a missing value are dropped. */
    public static MissingPolicy drop() {
        return new MissingPolicy(Numeric.DROP, Categorical.DROP);
    }

    /** @return whether any kind drops rows (a missing target or weight is then dropped too) */
    public boolean drops() {
        return numeric == Numeric.DROP || categorical == Categorical.DROP;
    }

    /** @return whether every missing value is an error */
    public boolean isError() {
        return numeric == Numeric.ERROR && categorical == Categorical.ERROR;
    }

    /**
     * Reads the text form (see the class comment).
     *
     * @param text e.g. "median,mode"
     * @throws IllegalArgumentException naming the word found and the words expected
     */
    public static MissingPolicy parse(String text) {
        Objects.requireNonNull(text, "text");
        Numeric n = null;
        Categorical c = null;
        Numeric both = null;
        for (String raw : text.split(",", -1)) {
            String w = raw.strip().toLowerCase(Locale.ROOT);
            switch (w) {
                case "error", "drop" -> {
                    if (both != null) {
                        throw twice(text, "error/drop");
                    }
                    both = w.equals("error") ? Numeric.ERROR : Numeric.DROP;
                }
                case "mean", "median" -> {
                    if (n != null) {
                        throw twice(text, "numeric");
                    }
                    n = w.equals("mean") ? Numeric.MEAN : Numeric.MEDIAN;
                }
                case "mode", "level" -> {
                    if (c != null) {
                        throw twice(text, "categorical");
                    }
                    c = w.equals("mode") ? Categorical.MODE : Categorical.LEVEL;
                }
                default -> throw new IllegalArgumentException("--missing '" + text + "': '" + raw.strip()
                        + "' is not a policy, expected error, drop, mean, median (numeric columns), mode or level "
                        + "(categorical columns), e.g. --missing median,mode");
            }
        }
        if (both != null && n != null && c != null) {
            throw new IllegalArgumentException("--missing '" + text + "' names three policies, expected at most one "
                    + "per kind (numeric, categorical)");
        }
        Numeric numeric = n != null ? n : both != null ? both : Numeric.ERROR;
        Categorical categorical = c != null ? c : both == Numeric.DROP ? Categorical.DROP : Categorical.ERROR;
        return new MissingPolicy(numeric, categorical);
    }

    private static IllegalArgumentException twice(String text, String kind) {
        return new IllegalArgumentException("--missing '" + text + "' gives two " + kind + " policies, expected at "
                + "most one per kind (numeric: error, drop, mean, median; categorical: error, drop, mode, level)");
    }

    /** The text form: "median,mode", "drop", "error". */
    @Override
    public String toString() {
        List<String> words = new ArrayList<>();
        String n = numeric.name().toLowerCase(Locale.ROOT);
        String c = categorical.name().toLowerCase(Locale.ROOT);
        if (n.equals(c)) {
            return n;
        }
        words.add(n);
        words.add(c);
        return String.join(",", words);
    }
}
