package dev.linea.models.formula;

import dev.linea.models.Dataset;
import dev.linea.models.Levels;
import dev.linea.models.Table;
import dev.linea.models.preprocessing.Coding;
import dev.linea.models.preprocessing.Encoding;
import dev.linea.models.preprocessing.EncodingSpec;
import dev.linea.models.preprocessing.MissingPolicy;
import dev.linea.models.preprocessing.Preprocessing;
import dev.linea.models.preprocessing.TableEncoder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link Formula} compiled against the {@link Encoding} of its columns: the plan that makes each feature of the
 * design from a dense row. A model file stores the formula's text after its encode step, and a scorer replays the
 * encoding and then this plan; feature names are an output of the plan, never an input to it.
 *
 * <p><b>One story with typed columns.</b> The formula reads typed raw columns through an {@link Encoding} step,
 * which does what it does without a formula: types the columns (numeric, boolean, categorical), fills missing cells
 * by the {@link dev.linea.models.preprocessing.MissingPolicy}, and codes each categorical column <em>fully</em>, one
 * 0/1 column {@code col[level]} per training level ({@link Coding#FULL}). The encoding's columns are the plan's
 * {@link #denseInputs()}; without an encoding (every column numeric, no fills) they are the formula's columns. Every
 * feature is then a product of dense columns: the numeric factors ({@code x1}, {@code I(x1^2)}, …) evaluated on the
 * numeric columns, times one indicator column per categorical factor. Treatment coding is the plan leaving out the
 * reference level's indicator, never a different encoding, so a level unseen in training (encoded as all
 * indicators 0 under {@code --unseen zero}) scores as the reference level.
 *
 * <p><b>Coding, as patsy decides it.</b> A categorical factor gets treatment coding (the reference level, first in
 * the encoding's order unless {@code Treatment('ref')} names another, left out) when the term without that factor
 * is already in the model (the intercept, for a main effect), else full coding; for example {@code ~ C(a) - 1}
 * codes every level of a. Interaction columns vary the first factor fastest. Names follow patsy:
 * {@code C(region)[T.north]} (treatment), {@code C(region)[north]} (full), {@code region[T.north]} for a text column
 * used without {@code C()}, {@code C(region)[T.north]:x2} for an interaction. A term of two or more categorical
 * factors that would need mixed coding (for example {@code C(a):C(b)} without the main effects) is refused: write
 * {@code C(a)*C(b)}. A boolean column is a numeric 0/1 factor named as the column (patsy would make it categorical:
 * write {@code C(flag)} for that). Immutable.
 */
public final class DesignPlan {
    private final Formula formula;
    private final Encoding encoding;
    private final List<String> columns;
    private final List<String> denseInputs;
    private final Map<String, List<String>> levels;
    private final List<String> names;
    /** Per feature: the numeric factors (bound to dense columns) and the indicator columns of its categories. */
    private final Expr[][] numeric;
    private final int[][] indicators;

    private DesignPlan(Formula formula, Encoding encoding, List<String> denseInputs, Map<String, List<String>> levels,
                       List<String> names, Expr[][] numeric, int[][] indicators) {
        this.formula = formula;
        this.encoding = encoding;
        this.columns = formula.columns();
        this.denseInputs = List.copyOf(denseInputs);
        this.levels = levels;
        this.names = List.copyOf(names);
        this.numeric = numeric;
        this.indicators = indicators;
    }

    /**
     * The encoding a formula needs of a table, for {@link TableEncoder#fit}: the columns in {@code C(…)} declared
     * categorical, every categorical column fully coded, the given missing-value policy.
     *
     * @param formula the formula
     * @param missing the missing-value policy
     * @return the spec
     */
    public static EncodingSpec encodingSpec(Formula formula, MissingPolicy missing) {
        return EncodingSpec.builder().categorical(categoricalColumns(formula).toArray(new String[0]))
                .missing(missing).model(true, formula.intercept()).build();
    }

    /**
     * A formula fitted to a table: the encoding of its columns, the plan and the design.
     *
     * @param plan          the compiled formula
     * @param preprocessing what a model file records: the encoding (when it does anything) and the formula step
     * @param data          the design of the rows kept: the plan's features, the response, the weights
     * @param missing       what the missing-value policy did
     */
    public record Fitted(DesignPlan plan, Preprocessing preprocessing, Dataset data,
                         TableEncoder.MissingReport missing) {
    }

    /**
     * Fits a formula to a typed table: the formula's columns are encoded ({@link #encodingSpec}: types as the table
     * has them, {@code C(…)} columns categorical, missing cells by {@code missing}), then the plan is compiled
     * against that encoding and every row transformed. Columns the formula does not name are ignored.
     *
     * @param table   the typed table; not modified. Its response column must be numeric (a classifier's labels
     *                as class indices: {@link dev.linea.models.ClassLabels#labelTarget})
     * @param weights the sample-weights column, or null
     * @param missing the missing-value policy
     * @throws IllegalArgumentException for a column the table lacks, a response among the terms, a categorical
     *                                  column in {@code I(…)} arithmetic, an unknown reference level, a term that
     *                                  needs mixed coding, and what {@link TableEncoder#fit} refuses
     */
    public static Fitted fit(Formula formula, Table table, String weights, MissingPolicy missing) {
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(table, "table");
        List<String> cols = new ArrayList<>(formula.columns());
        if (cols.contains(formula.response())) {
            throw new IllegalArgumentException("the response '" + formula.response() + "' is also a term of "
                    + formula.text() + ", expected it on the left of '~' only");
        }
        cols.add(formula.response());
        if (weights != null) {
            if (cols.contains(weights)) {
                throw new IllegalArgumentException("the weights column '" + weights + "' is also in the formula "
                        + formula.text() + ", expected a column of its own");
            }
            cols.add(weights);
        }
        TableEncoder.Encoded enc = TableEncoder.fit(select(table, cols), formula.response(), weights,
                encodingSpec(formula, missing));
        Encoding encoding = enc.encoding();
        // an encoding of plain numbers is the identity: not recorded, and the plan reads the columns themselves
        DesignPlan plan = compile(formula, encoding.needed() ? encoding : null);
        Dataset dense = enc.data();
        int m = dense.rows();
        Dataset d = Dataset.wrap(m, plan.names.size(), plan.transform(dense.xUnsafe(), m), dense.yUnsafe(),
                dense.weightsUnsafe(), plan.names, formula.response());
        List<Preprocessing.Step> steps = new ArrayList<>();
        if (encoding.needed()) {
            steps.add(encoding);
        }
        steps.add(new Preprocessing.Terms(plan));
        return new Fitted(plan, new Preprocessing(encoding.inputs(), steps, null), d, enc.missing());
    }

    /** The named columns of a table, in that order (a column it lacks is an error naming the columns it has). */
    private static Table select(Table table, List<String> cols) {
        Table.Builder b = Table.builder(table.source());
        for (String c : cols) {
            int j = table.indexOf(c);
            if (j < 0) {
                throw new IllegalArgumentException(table.source() + ": the formula reads column '" + c + "', which "
                        + "is not in the data, expected one of " + table.names());
            }
            switch (table.type(j)) {
                case NUMERIC -> b.numeric(c, table.numbersUnsafe(j));
                case BOOLEAN -> b.bool(c, table.numbersUnsafe(j));
                case CATEGORICAL -> b.categorical(c, table.textUnsafe(j));
            }
        }
        if (table.line(0) >= 0) {
            long[] lines = new long[table.rows()];
            for (int i = 0; i < lines.length; i++) {
                lines[i] = table.line(i);
            }
            b.lines(lines);
        }
        return b.build();
    }

    /**
     * Compiles a formula against the encoding of its columns (a model file's, or {@link #fit}'s).
     *
     * @param encoding the encoding whose columns are the formula's columns in {@link Formula#columns()} order, each
     *                 categorical one fully coded; or null: every column numeric, the dense inputs the columns
     * @throws IllegalArgumentException for an encoding of other columns, a categorical column under treatment
     *                                  coding, a {@code C(…)} column that is not categorical, a categorical column in
     *                                  arithmetic, an unknown reference level, a term that needs mixed coding
     */
    public static DesignPlan compile(Formula formula, Encoding encoding) {
        Objects.requireNonNull(formula, "formula");
        List<String> inputs = formula.columns();
        if (inputs.contains(formula.response())) {
            throw new IllegalArgumentException("the response '" + formula.response() + "' is also a term of "
                    + formula.text() + ", expected it on the left of '~' only");
        }
        if (encoding != null && !encoding.inputs().equals(inputs)) {
            throw new IllegalArgumentException("the encoding's columns " + encoding.inputs() + " are not the columns "
                    + "of " + formula.text() + ", expected " + inputs + " in that order");
        }
        List<String> dense = encoding == null ? inputs : encoding.features();
        // each categorical column's levels and the dense index of its first indicator
        Map<String, List<String>> lv = new LinkedHashMap<>();
        Map<String, Integer> first = new HashMap<>();
        int at = 0;
        for (Encoding.Column c : encoding == null ? List.<Encoding.Column>of() : encoding.columns()) {
            if (c instanceof Encoding.Categorical k) {
                if (k.coding() != Coding.FULL) {
                    throw new IllegalArgumentException("column '" + c.name() + "' is " + k.coding().key() + " coded, "
                            + "expected full coding under a formula (the formula leaves out reference levels)");
                }
                lv.put(c.name(), k.levels());
                first.put(c.name(), at);
            }
            at += c.width();
        }
        for (String c : categoricalColumns(formula)) {
            if (!lv.containsKey(c)) {
                throw new IllegalArgumentException("C(" + c + ") on column '" + c + "', which is not categorical "
                        + "in the encoding, expected a categorical column");
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
        List<int[]> ind = new ArrayList<>();
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
                    ref = l.indexOf(c.reference().strip());
                    if (ref < 0) {
                        ref = l.indexOf(Levels.canonical(c.reference(), Levels.numeric(l)));
                    }
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
                int q = 0;
                for (Factor f : t.factors()) {
                    name.append(name.isEmpty() ? "" : ":");
                    if (cats.contains(f)) {
                        String col = f.columns().getFirst();
                        boolean reduced = codes.get(q).length < lv.get(col).size();
                        name.append(f.name()).append(reduced ? "[T." : "[").append(lv.get(col).get(which[q]))
                                .append(']');
                        in[q] = first.get(col) + which[q];
                        q++;
                    } else {
                        name.append(f.name());
                        ex.add(f instanceof Factor.Expression e ? e.expr().bind(dense)
                                : new Expr.Col(f.columns().getFirst(), dense.indexOf(f.columns().getFirst())));
                    }
                }
                names.add(name.toString());
                num.add(ex.toArray(new Expr[0]));
                ind.add(in);
            }
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new IllegalArgumentException("the formula " + formula.text() + " makes the feature '" + n
                        + "' twice, expected distinct features");
            }
        }
        return new DesignPlan(formula, encoding, dense, java.util.Collections.unmodifiableMap(lv), names,
                num.toArray(new Expr[0][]), ind.toArray(new int[0][]));
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

    private static String shown(List<String> l) {
        return l.size() <= 10 ? l.toString() : l.subList(0, 10).toString().replace("]", ", …]");
    }

    /** @return the formula */
    public Formula formula() {
        return formula;
    }

    /** @return the encoding the plan reads (null: the formula's columns are numbers, read as they are) */
    public Encoding encoding() {
        return encoding;
    }

    /** @return the raw columns the formula reads, in order of first appearance (the response excluded) */
    public List<String> columns() {
        return columns;
    }

    /**
     * @return the values a dense row holds, in order: the encoding's features (categorical columns as one
     *         indicator per level), or the formula's columns without an encoding
     */
    public List<String> denseInputs() {
        return denseInputs;
    }

    /** @return the levels of each categorical column, in the encoding's order (unmodifiable) */
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
     * @param x   one dense row from {@code off} ({@link #denseInputs()}); not modified
     * @param out modified: the features from {@code outOff}
     */
    public void transform(double[] x, int off, double[] out, int outOff) {
        for (int t = 0; t < names.size(); t++) {
            out[outOff + t] = value(t, x, off);
        }
    }

    /**
     * @param x    rows × dense inputs, row-major; not modified
     * @param rows the number of rows
     * @return a new rows × features array
     */
    public double[] transform(double[] x, int rows) {
        int n = denseInputs.size();
        int p = names.size();
        if (x.length < (long) rows * n) {
            throw new IllegalArgumentException("x has " + x.length + " values, expected rows × dense inputs = "
                    + rows + " × " + n);
        }
        double[] out = new double[rows * p];
        for (int i = 0; i < rows; i++) {
            transform(x, i * n, out, i * p);
        }
        return out;
    }

    /**
     * Feature t of the dense row at {@code off}: the product of its indicator columns and numeric factors,
     * {@code Π_q x[ind_q] · Π_f f(x)} (0 as soon as an indicator is 0).
     *
     * @param x not modified
     */
    public double value(int t, double[] x, int off) {
        double v = 1;
        for (int j : indicators[t]) {
            v *= x[off + j];
            if (v == 0) {
                return 0;
            }
        }
        for (Expr f : numeric[t]) {
            v *= f.eval(x, off);
        }
        return v;
    }

    /** The same on a float row (each value widened exactly to double). */
    public double value(int t, float[] x, int off) {
        double v = 1;
        for (int j : indicators[t]) {
            v *= x[off + j];
            if (v == 0) {
                return 0;
            }
        }
        for (Expr f : numeric[t]) {
            v *= f.eval(x, off);
        }
        return v;
    }

    /** Equal when the formulas' texts and the encodings are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DesignPlan p && p.formula.text().equals(formula.text())
                && Objects.equals(p.encoding, encoding);
    }

    @Override
    public int hashCode() {
        return formula.text().hashCode() * 31 + Objects.hashCode(encoding);
    }

    @Override
    public String toString() {
        return "DesignPlan[" + formula.text() + " → " + names + "]";
    }
}
