package dev.linea.models.formula;

import dev.linea.models.Levels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link Formula} compiled against the levels of its categorical columns: the plan that makes each feature of
 * the design from a row of raw inputs. It is what a model file stores (the formula and the levels) and what a
 * scorer replays; feature names are an output of the plan, never an input to it.
 *
 * <p><b>Inputs.</b> {@link #inputs()} are the columns the formula reads, in order of first appearance. In a dense
 * row a numeric input holds its value and a categorical input holds its <em>level code</em>: the 0-based index of
 * its level in {@link #levels()}{@code .get(column)} ({@link #encode} makes such rows from text).
 *
 * <p><b>Features.</b> Each term gives the products of its factors' columns: a numeric column or {@code I(…)} is one
 * column; a categorical factor is one 0/1 indicator per level, with treatment coding (the reference level, first in
 * sorted order unless {@code Treatment('ref')} names another, left out) when the term without that factor is
 * already in the model (the intercept for a main effect), else full coding, as patsy decides it; for example
 * {@code ~ C(a) - 1} codes every level of a. Interaction columns vary the first factor fastest. Names follow patsy:
 * {@code C(region)[T.north]} (treatment), {@code C(region)[north]} (full), {@code region[T.north]} for a text column
 * used without {@code C()}, {@code C(region)[T.north]:x2} for an interaction. A term of two or more categorical
 * factors that would need mixed coding (for example {@code C(a):C(b)} without the main effects) is refused: write
 * {@code C(a)*C(b)}. Immutable.
 */
public final class DesignPlan {
    private final Formula formula;
    private final List<String> inputs;
    private final Map<String, List<String>> levels;
    private final List<String> names;
    /** Per feature: the numeric factors (bound expressions) and the categorical factors (input, level code). */
    private final Expr[][] numeric;
    private final int[][] catInput;
    private final int[][] catCode;

    private DesignPlan(Formula formula, List<String> inputs, Map<String, List<String>> levels, List<String> names,
                       Expr[][] numeric, int[][] catInput, int[][] catCode) {
        this.formula = formula;
        this.inputs = List.copyOf(inputs);
        this.levels = levels;
        this.names = List.copyOf(names);
        this.numeric = numeric;
        this.catInput = catInput;
        this.catCode = catCode;
    }

    /**
     * Decides each column's kind from its cells and compiles: a column in {@code C(…)} is categorical; a bare column
     * is numeric when every cell is a number, else categorical (as patsy treats text); a column inside
     * {@code I(…)} must be numeric. Levels are the distinct cells in {@link Levels} order.
     *
     * @param cells each column the formula reads (more are ignored), as text, one cell per row; not modified
     * @throws IllegalArgumentException for a missing column, the response among the terms, a text column in
     *                                  arithmetic, an unknown reference level
     */
    public static DesignPlan fit(Formula formula, Map<String, String[]> cells) {
        Set<String> categorical = categoricalColumns(formula);
        Map<String, List<String>> levels = new LinkedHashMap<>();
        for (String c : formula.columns()) {
            String[] col = cells.get(c);
            if (col == null) {
                throw new IllegalArgumentException("the formula reads column '" + c + "', which is not in the data, "
                        + "expected one of " + cells.keySet());
            }
            if (categorical.contains(c) || !allNumbers(col) && !inArithmetic(formula, c)) {
                levels.put(c, Levels.sorted(List.of(col)));
            }
        }
        return compile(formula, levels);
    }

    /**
     * Compiles a formula given the levels of its categorical columns (a model file's, or chosen by the caller).
     *
     * @param levels every categorical column's levels, sorted, distinct; a column absent here is numeric
     * @throws IllegalArgumentException for a {@code C(…)} column without levels, a categorical column in
     *                                  arithmetic, an unknown reference level, a term that needs mixed coding
     */
    public static DesignPlan compile(Formula formula, Map<String, List<String>> levels) {
        Objects.requireNonNull(formula, "formula");
        List<String> inputs = formula.columns();
        if (inputs.contains(formula.response())) {
            throw new IllegalArgumentException("the response '" + formula.response() + "' is also a term of "
                    + formula.text() + ", expected it on the left of '~' only");
        }
        Map<String, List<String>> lv = new LinkedHashMap<>();
        for (String c : inputs) {
            if (levels.containsKey(c)) {
                List<String> l = List.copyOf(levels.get(c));
                if (l.isEmpty() || new HashSet<>(l).size() != l.size()) {
                    throw new IllegalArgumentException("column '" + c + "' has levels " + l + ", expected distinct "
                            + "levels, at least one");
                }
                lv.put(c, l);
            }
        }
        for (String c : categoricalColumns(formula)) {
            if (!lv.containsKey(c)) {
                throw new IllegalArgumentException("C(" + c + ") without the levels of column '" + c + "'");
            }
        }
        for (String c : lv.keySet()) {
            if (inArithmetic(formula, c)) {
                throw new IllegalArgumentException("column '" + c + "' is categorical (levels " + shown(lv.get(c))
                        + ") and used in I(…) arithmetic in " + formula.text() + ", expected a numeric column there");
            }
        }
        List<String> names = new ArrayList<>();
        List<Expr[]> num = new ArrayList<>();
        List<int[]> ci = new ArrayList<>();
        List<int[]> cc = new ArrayList<>();
        // patsy's rule, per set of numeric factors: which sets of categorical factors are already spanned
        Map<Set<Factor>, Set<Set<Factor>>> spanned = new HashMap<>();
        if (formula.intercept()) {
            spanned.computeIfAbsent(Set.of(), k -> new HashSet<>()).add(Set.of());
        }
        for (Formula.Term t : formula.terms()) {
            List<Factor> cats = new ArrayList<>();
            Set<Factor> nums = new HashSet<>();
            for (Factor f : t.factors()) {
                if (isCategorical(f, lv)) {
                    cats.add(f);
                } else {
                    nums.add(f);
                }
            }
            Set<Set<Factor>> span = spanned.computeIfAbsent(nums, k -> new HashSet<>());
            // per categorical factor: the level codes it takes (treatment drops the reference)
            List<int[]> codes = new ArrayList<>();
            int full = 0;
            for (Factor f : cats) {
                Set<Factor> rest = new HashSet<>(cats);
                rest.remove(f);
                boolean reduced = span.contains(rest);
                List<String> l = lv.get(f.columns().getFirst());
                int ref = 0;
                if (f instanceof Factor.Categorical c && c.reference() != null) {
                    ref = l.indexOf(Levels.canonical(c.reference(), Levels.numeric(l)));
                    if (ref < 0) {
                        throw new IllegalArgumentException("reference level '" + c.reference() + "' of "
                                + c.name() + " is not a level of column '" + c.column() + "', expected one of "
                                + shown(l));
                    }
                }
                if (reduced && l.size() < 2) {
                    throw new IllegalArgumentException("column '" + f.columns().getFirst() + "' has one level only ("
                            + l + "): treatment coding leaves no column, expected at least two levels");
                }
                int[] k = new int[reduced ? l.size() - 1 : l.size()];
                int n = 0;
                for (int j = 0; j < l.size(); j++) {
                    if (!reduced || j != ref) {
                        k[n++] = j;
                    }
                }
                codes.add(k);
                full += reduced ? 0 : 1;
            }
            if (cats.size() >= 2 && full > 0) {
                throw new IllegalArgumentException("term " + t.name() + " needs a mix of full and treatment coding, "
                        + "which is not supported, expected its main effects in the model too (write "
                        + t.name().replace(':', '*') + ")");
            }
            addSubsets(cats, span);
            // the columns: every combination of the categorical codes, the first factor fastest
            int combos = 1;
            for (int[] k : codes) {
                combos *= k.length;
            }
            for (int r = 0; r < combos; r++) {
                int rem = r;
                int[] which = new int[cats.size()];
                for (int q = 0; q < cats.size(); q++) {
                    which[q] = codes.get(q)[rem % codes.get(q).length];
                    rem /= codes.get(q).length;
                }
                StringBuilder name = new StringBuilder();
                List<Expr> ex = new ArrayList<>();
                int[] in = new int[cats.size()];
                int[] code = new int[cats.size()];
                int q = 0;
                for (Factor f : t.factors()) {
                    name.append(name.isEmpty() ? "" : ":");
                    if (cats.contains(f)) {
                        String col = f.columns().getFirst();
                        boolean reduced = codes.get(q).length < lv.get(col).size();
                        name.append(f.name()).append(reduced ? "[T." : "[").append(lv.get(col).get(which[q]))
                                .append(']');
                        in[q] = inputs.indexOf(col);
                        code[q] = which[q];
                        q++;
                    } else {
                        name.append(f.name());
                        ex.add(f instanceof Factor.Expression e ? e.expr().bind(inputs)
                                : new Expr.Col(f.columns().getFirst(), inputs.indexOf(f.columns().getFirst())));
                    }
                }
                names.add(name.toString());
                num.add(ex.toArray(new Expr[0]));
                ci.add(in);
                cc.add(code);
            }
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new IllegalArgumentException("the formula " + formula.text() + " makes the feature '" + n
                        + "' twice, expected distinct features");
            }
        }
        return new DesignPlan(formula, inputs, java.util.Collections.unmodifiableMap(lv), names,
                num.toArray(new Expr[0][]), ci.toArray(new int[0][]), cc.toArray(new int[0][]));
    }

    private static void addSubsets(List<Factor> cats, Set<Set<Factor>> span) {
        for (int mask = 0; mask < 1 << cats.size(); mask++) {
            Set<Factor> s = new HashSet<>();
            for (int i = 0; i < cats.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    s.add(cats.get(i));
                }
            }
            span.add(s);
        }
    }

    private static boolean isCategorical(Factor f, Map<String, List<String>> lv) {
        return f instanceof Factor.Categorical || f instanceof Factor.Column c && lv.containsKey(c.column());
    }

    private static Set<String> categoricalColumns(Formula formula) {
        Set<String> out = new HashSet<>();
        for (Formula.Term t : formula.terms()) {
            for (Factor f : t.factors()) {
                if (f instanceof Factor.Categorical c) {
                    out.add(c.column());
                }
            }
        }
        return out;
    }

    private static boolean inArithmetic(Formula formula, String column) {
        for (Formula.Term t : formula.terms()) {
            for (Factor f : t.factors()) {
                if (f instanceof Factor.Expression && f.columns().contains(column)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean allNumbers(String[] col) {
        for (String s : col) {
            if (parse(s) == null) {
                return false;
            }
        }
        return true;
    }

    /** A cell in the CSV number grammar, else null. */
    private static Double parse(String s) {
        String t = s == null ? "" : s.strip();
        if (!t.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null;
        }
        double d = Double.parseDouble(t);
        return Double.isFinite(d) ? d : null;
    }

    private static String shown(List<String> l) {
        return l.size() <= 10 ? l.toString() : l.subList(0, 10).toString().replace("]", ", …]");
    }

    /** @return the formula */
    public Formula formula() {
        return formula;
    }

    /** @return the columns a row holds, in order (the formula's columns, response excluded) */
    public List<String> inputs() {
        return inputs;
    }

    /** @return the levels of each categorical input (unmodifiable) */
    public Map<String, List<String>> levels() {
        return levels;
    }

    /** @return the names of the features the plan makes, in order */
    public List<String> names() {
        return names;
    }

    /** @return whether the model has an intercept (the formula's) */
    public boolean intercept() {
        return formula.intercept();
    }

    /**
     * Dense rows of inputs from text: numbers parsed, categorical cells replaced by their level codes.
     *
     * @param cells  each input column's cells, one per row (more columns are ignored); not modified
     * @param source a name for messages (the file)
     * @return a new row-major rows × inputs array
     * @throws IllegalArgumentException for a missing column, a cell that is not a number in a numeric input, or a
     *                                  level the plan does not know, naming the row (1-based), column and cell
     */
    public double[] encode(Map<String, String[]> cells, String source) {
        int n = inputs.size();
        int m = -1;
        for (String c : inputs) {
            String[] col = cells.get(c);
            if (col == null) {
                throw new IllegalArgumentException(source + ": no column '" + c + "', expected the columns the "
                        + "formula reads " + inputs);
            }
            m = col.length;
        }
        m = Math.max(m, 0);
        double[] x = new double[m * n];
        for (int j = 0; j < n; j++) {
            String c = inputs.get(j);
            String[] col = cells.get(c);
            List<String> l = levels.get(c);
            if (l == null) {
                for (int i = 0; i < m; i++) {
                    Double d = parse(col[i]);
                    if (d == null) {
                        throw new IllegalArgumentException(source + ": '" + col[i] + "' in column '" + c + "' at row "
                                + (i + 1) + " (1-based) is not a finite number, expected a number (the column is "
                                + "numeric in the formula " + formula.text() + ")");
                    }
                    x[i * n + j] = d;
                }
            } else {
                boolean numericLevels = Levels.numeric(l);
                Map<String, Integer> code = new HashMap<>();
                for (int k = 0; k < l.size(); k++) {
                    code.put(l.get(k), k);
                }
                for (int i = 0; i < m; i++) {
                    Integer k = code.get(Levels.canonical(col[i], numericLevels));
                    if (k == null) {
                        throw new IllegalArgumentException(source + ": level '" + col[i] + "' of column '" + c
                                + "' at row " + (i + 1) + " (1-based) was not seen in training, expected one of "
                                + shown(l));
                    }
                    x[i * n + j] = k;
                }
            }
        }
        return x;
    }

    /**
     * @param x   the inputs of one row from {@code off} (categorical inputs as level codes); not modified
     * @param out modified: the features from {@code outOff}
     */
    public void transform(double[] x, int off, double[] out, int outOff) {
        for (int t = 0; t < names.size(); t++) {
            out[outOff + t] = value(t, x, off);
        }
    }

    /**
     * @param x    rows × inputs, row-major; not modified
     * @param rows the number of rows
     * @return a new rows × features array
     */
    public double[] transform(double[] x, int rows) {
        int n = inputs.size();
        int p = names.size();
        if (x.length < (long) rows * n) {
            throw new IllegalArgumentException("x has " + x.length + " values, expected rows × inputs = " + rows
                    + " × " + n);
        }
        double[] out = new double[rows * p];
        for (int i = 0; i < rows; i++) {
            transform(x, i * n, out, i * p);
        }
        return out;
    }

    /**
     * The design of a table: its rows encoded ({@link #encode}) and transformed into the features.
     *
     * @param cells   the input columns as text, one cell per row; not modified
     * @param y       the target (the response, or class indices), one per row; copied
     * @param weights sample weights or null; copied
     * @param source  a name for messages
     * @return a dataset of the plan's features, named by {@link #names()}, target named by the response
     */
    public dev.linea.models.Dataset dataset(Map<String, String[]> cells, double[] y, double[] weights,
                                            String source) {
        double[] raw = encode(cells, source);
        int m = y.length;
        if (raw.length != (long) m * inputs.size()) {
            throw new IllegalArgumentException(source + ": " + raw.length / Math.max(1, inputs.size()) + " rows of "
                    + "inputs and " + m + " targets, expected one target per row");
        }
        return dev.linea.models.Dataset.of(m, names.size(), transform(raw, m), y, weights, names,
                formula.response());
    }

    /** @return the preprocessing a model file records for this plan: the inputs and the formula step */
    public dev.linea.models.preprocessing.Preprocessing preprocessing() {
        return new dev.linea.models.preprocessing.Preprocessing(inputs,
                List.of(new dev.linea.models.preprocessing.Preprocessing.Terms(this)), null);
    }

    /** @return feature t of the row at {@code off}: the product of its factors */
    public double value(int t, double[] x, int off) {
        int[] in = catInput[t];
        int[] code = catCode[t];
        for (int q = 0; q < in.length; q++) {
            if (x[off + in[q]] != code[q]) {
                return 0;
            }
        }
        Expr[] e = numeric[t];
        double v = 1;
        for (Expr f : e) {
            v *= f.eval(x, off);
        }
        return v;
    }

    /** The same on a float row. */
    public double value(int t, float[] x, int off) {
        int[] in = catInput[t];
        int[] code = catCode[t];
        for (int q = 0; q < in.length; q++) {
            if (x[off + in[q]] != code[q]) {
                return 0;
            }
        }
        Expr[] e = numeric[t];
        double v = 1;
        for (Expr f : e) {
            v *= f.eval(x, off);
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DesignPlan p && p.formula.text().equals(formula.text()) && p.levels.equals(levels);
    }

    @Override
    public int hashCode() {
        return formula.text().hashCode() * 31 + levels.hashCode();
    }

    @Override
    public String toString() {
        return "DesignPlan[" + formula.text() + " → " + names + "]";
    }
}
