package dev.linea.models.formula;

import java.util.List;

/** One factor of a formula term: a numeric column, a categorical column ({@code C(col)}), or an expression. */
public sealed interface Factor {

    /** @return the factor as named in term names: {@code x1}, {@code C(region)}, {@code I(x1 ^ 2)} */
    String name();

    /** @return the columns it reads */
    List<String> columns();

    /**
     * A column used as it is: numeric, or categorical when its cells are not all numbers (as patsy treats strings).
     *
     * @param column the column's name
     */
    record Column(String column) implements Factor {
        @Override
        public String name() {
            return Formula.quoteName(column);
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /**
     * {@code C(col)} or {@code C(col, Treatment('ref'))}: the column's values are levels, whatever they look like.
     *
     * @param column    the column's name
     * @param reference the reference level of treatment coding (null: the first in sorted order)
     */
    record Categorical(String column, String reference) implements Factor {
        @Override
        public String name() {
            return "C(" + Formula.quoteName(column) + (reference == null ? "" : ", Treatment('" + reference + "')")
                    + ")";
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /**
     * {@code I(expr)} or a bare function call ({@code log(x)}): arithmetic on numeric columns.
     *
     * @param expr the expression
     * @param bare whether it was written as a bare function call (then named without {@code I(…)})
     */
    record Expression(Expr expr, boolean bare) implements Factor {
        @Override
        public String name() {
            String t = expr.text();
            if (bare) {
                return t;
            }
            return "I(" + (t.startsWith("(") && t.endsWith(")") ? t.substring(1, t.length() - 1) : t) + ")";
        }

        @Override
        public List<String> columns() {
            List<String> out = new java.util.ArrayList<>();
            expr.columns(out);
            return out;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Expression e && e.name().equals(name());
        }

        @Override
        public int hashCode() {
            return name().hashCode();
        }
    }
}
