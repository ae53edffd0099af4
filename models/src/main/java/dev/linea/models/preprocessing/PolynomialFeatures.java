package dev.linea.models.preprocessing;

import dev.linea.models.Dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Polynomial and interaction features, as scikit-learn's {@code PolynomialFeatures}: every monomial
 * {@code x_{j1}·x_{j2}·…·x_{jk}} with 1 ≤ k ≤ degree and j1 ≤ j2 ≤ … ≤ jk (j1 &lt; j2 &lt; … &lt; jk when
 * interaction-only), plus optionally the bias column of ones. Immutable and thread-safe.
 *
 * <p><b>Column order</b> is scikit-learn's: the bias (when included), then the degree-1 terms (the inputs as they
 * are), then the degree-2 terms in lexicographic {@code combinations_with_replacement} order
 * (x1², x1·x2, …, x1·xn, x2², …), then degree 3, and so on. Each product is computed as scikit-learn computes it,
 * {@code x_{j1}·(x_{j2}·…·x_{jk})}.
 *
 * <p><b>Names</b> are built from the input names: exponents as {@code ^k}, factors joined by {@code *}, e.g.
 * {@code x1^2}, {@code x1*x2}, {@code x1^2*x2}, and {@code 1} for the bias (scikit-learn writes {@code x0^2},
 * {@code x0 x1}).
 *
 * <p><b>Sizes.</b> With n inputs and degree d the output has {@code C(n+d, d) − 1} columns
 * ({@code Σ_{k=1..min(d,n)} C(n, k)} when interaction-only), plus one for the bias. That must stay at most
 * {@link #MAX_OUTPUT_COLUMNS}; {@link #outputColumns(int)} and the transforms reject larger expansions.
 */
public final class PolynomialFeatures {
    /** The largest output column count accepted (which also keeps it within an int). */
    public static final int MAX_OUTPUT_COLUMNS = 1_000_000;

    private final int degree;
    private final boolean interactionOnly;
    private final boolean includeBias;
    /** the expansion plan of the last input width used; plans are immutable, so a racy cache is safe */
    private volatile Plan cached;

    /** Degree d, all monomials, no bias column (scikit-learn's defaults except include_bias). */
    public PolynomialFeatures(int degree) {
        this(degree, false, false);
    }

    /**
     * @param degree          highest total degree d, 1 ≤ d ≤ {@link #MAX_OUTPUT_COLUMNS} (a single input column
     *                        already gives d output columns)
     * @param interactionOnly true for products of distinct features only (no powers x_j^k, k ≥ 2)
     * @param includeBias     true to put a column of ones (named {@code 1}) first
     */
    public PolynomialFeatures(int degree, boolean interactionOnly, boolean includeBias) {
        if (degree < 1 || degree > MAX_OUTPUT_COLUMNS) {
            throw new IllegalArgumentException("degree is " + degree + ", expected 1.." + MAX_OUTPUT_COLUMNS
                    + " (one input column alone gives degree output columns, at most " + MAX_OUTPUT_COLUMNS + ")");
        }
        this.degree = degree;
        this.interactionOnly = interactionOnly;
        this.includeBias = includeBias;
    }

    public int degree() {
        return degree;
    }

    public boolean interactionOnly() {
        return interactionOnly;
    }

    public boolean includeBias() {
        return includeBias;
    }

    /**
     * The number of output columns for n inputs: {@code C(n+d, d) − 1}, or {@code Σ_{k=1..min(d,n)} C(n, k)}
     * when interaction-only, plus 1 with the bias.
     *
     * @param inputColumns n ≥ 0
     * @throws IllegalArgumentException when n &lt; 0 or the count exceeds {@link #MAX_OUTPUT_COLUMNS}
     */
    public int outputColumns(int inputColumns) {
        if (inputColumns < 0) {
            throw new IllegalArgumentException("inputColumns is " + inputColumns + ", expected >= 0");
        }
        long n = inputColumns;
        long total = includeBias ? 1 : 0;
        long term = 1; // C(n+k-1, k), or C(n, k) when interaction-only, for k = 0
        int top = interactionOnly ? (int) Math.min(degree, n) : degree;
        for (int k = 1; k <= top; k++) {
            // exact: C(a, k) = C(a-1, k-1)·a / k, and term ≤ MAX so term·a stays far below 2^63
            term = interactionOnly ? term * (n - k + 1) / k : term * (n + k - 1) / k;
            total += term;
            if (total > MAX_OUTPUT_COLUMNS) {
                throw new IllegalArgumentException("degree " + degree + (interactionOnly ? " interactions" : "")
                        + " of " + inputColumns + " input columns gives more than " + MAX_OUTPUT_COLUMNS
                        + " output columns (at least " + total + "), expected at most " + MAX_OUTPUT_COLUMNS
                        + " (the limit keeps the count within an int and the design in memory);"
                        + " lower the degree or use fewer columns");
            }
        }
        return (int) total;
    }

    /**
     * The output names, in output order (see the class comment).
     *
     * @param inputNames one name per input column; not modified
     */
    public List<String> names(List<String> inputNames) {
        Objects.requireNonNull(inputNames, "inputNames");
        Plan plan = plan(inputNames.size());
        List<String> out = new ArrayList<>(plan.width(includeBias));
        if (includeBias) {
            out.add("1");
        }
        // term c = x_f^e · tail, f = factor[c], tail = the term without its first factor (-1: none); built in
        // order, so each name is its head plus the tail's name (linear in the total length, even for x1^1000000)
        int terms = plan.terms();
        int[] exponent = new int[terms];
        int[] tail = new int[terms];
        String[] name = new String[terms];
        for (int c = 0; c < terms; c++) {
            int f = plan.factor[c];
            int q = plan.parent[c];
            if (q < 0) {
                exponent[c] = 1;
                tail[c] = -1;
            } else if (plan.factor[q] == f) {
                exponent[c] = exponent[q] + 1;
                tail[c] = tail[q];
            } else {
                exponent[c] = 1;
                tail[c] = q;
            }
            String head = exponent[c] == 1 ? inputNames.get(f) : inputNames.get(f) + "^" + exponent[c];
            name[c] = tail[c] < 0 ? head : head + "*" + name[tail[c]];
            out.add(name[c]);
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Expands X. y, the weights and the target name are kept; the feature names become {@link #names}; double-double
     * low parts are dropped. A product that overflows to ±Inf is rejected by {@link Dataset#of} with its row and
     * column name (standardize first, see {@link StandardScaler}, when the inputs are large).
     *
     * @param d the data; not modified
     */
    public Dataset transform(Dataset d) {
        Objects.requireNonNull(d, "d");
        Plan plan = plan(d.cols());
        int n = d.rows();
        int p = d.cols();
        int width = plan.width(includeBias);
        long size = (long) n * width;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("expanded design has " + n + " rows × " + width + " columns = "
                    + size + " values, expected at most " + (Integer.MAX_VALUE - 8) + " (one Java array)");
        }
        double[] x = d.xUnsafe();
        double[] out = new double[(int) size];
        for (int i = 0; i < n; i++) {
            plan.expand(x, i * p, out, i * width, includeBias);
        }
        return Dataset.of(n, width, out, d.yUnsafe(), d.weightsUnsafe(), names(d.featureNames()), d.targetName());
    }

    /**
     * Expands one row.
     *
     * @param row the input values; not modified
     * @return a new array of {@link #outputColumns}(row.length) values
     */
    public double[] transformRow(double[] row) {
        Objects.requireNonNull(row, "row");
        Plan plan = plan(row.length);
        double[] out = new double[plan.width(includeBias)];
        plan.expand(row, 0, out, 0, includeBias);
        return out;
    }

    /**
     * The expansion's plan for n inputs: for each output term (bias excluded), in output order, the input indices of
     * its factors {@code j1, j2, …, jk}, so that the term is {@code x_{j1}·(x_{j2}·(…·x_{jk}))}, the product
     * {@link #transform} computes (evaluate from the last factor outwards for the same bits). The first n terms
     * are the inputs themselves. A scorer compiles these terms instead of parsing {@link #names}.
     *
     * @param inputColumns n ≥ 0
     * @return a new array, one factor list per term
     */
    public int[][] terms(int inputColumns) {
        Plan plan = plan(inputColumns);
        int[][] out = new int[plan.terms()][];
        for (int c = 0; c < out.length; c++) {
            int q = plan.parent[c];
            out[c] = q < 0 ? new int[] {plan.factor[c]} : prepend(plan.factor[c], out[q]);
        }
        return out;
    }

    private static int[] prepend(int head, int[] tail) {
        int[] r = new int[tail.length + 1];
        r[0] = head;
        System.arraycopy(tail, 0, r, 1, tail.length);
        return r;
    }

    private Plan plan(int inputs) {
        Plan p = cached;
        if (p == null || p.inputs != inputs) {
            outputColumns(inputs); // validates the size before anything is allocated
            p = Plan.build(inputs, degree, interactionOnly);
            cached = p;
        }
        return p;
    }

    /**
     * Output term c (bias excluded) is {@code x[factor[c]]} when {@code parent[c] < 0}, else
     * {@code x[factor[c]]·term[parent[c]]}, with parent[c] &lt; c. This is scikit-learn's recursion: the terms of
     * degree k whose first factor is j are x_j times the degree-(k−1) terms whose first factor is ≥ j (&gt; j when
     * interaction-only), in order.
     */
    private record Plan(int inputs, int[] parent, int[] factor) {

        static Plan build(int n, int degree, boolean interactionOnly) {
            List<int[]> parents = new ArrayList<>();
            List<int[]> factors = new ArrayList<>();
            int total = n;
            int[] index = new int[n + 1]; // index[j]: first term of the current degree with first factor j
            for (int j = 0; j <= n; j++) {
                index[j] = j;
            }
            int top = interactionOnly ? Math.min(degree, n) : degree;
            for (int k = 2; k <= top; k++) {
                int end = index[n];
                int[] next = new int[n + 1];
                int count = 0;
                for (int j = 0; j < n; j++) {
                    count += end - (interactionOnly ? index[j + 1] : index[j]);
                }
                int[] par = new int[count];
                int[] fac = new int[count];
                int c = 0;
                for (int j = 0; j < n; j++) {
                    next[j] = total + c;
                    for (int t = interactionOnly ? index[j + 1] : index[j]; t < end; t++) {
                        par[c] = t;
                        fac[c++] = j;
                    }
                }
                total += count;
                next[n] = total;
                parents.add(par);
                factors.add(fac);
                index = next;
            }
            int[] parent = new int[total];
            int[] factor = new int[total];
            for (int j = 0; j < n; j++) {
                parent[j] = -1;
                factor[j] = j;
            }
            int at = n;
            for (int k = 0; k < parents.size(); k++) {
                System.arraycopy(parents.get(k), 0, parent, at, parents.get(k).length);
                System.arraycopy(factors.get(k), 0, factor, at, factors.get(k).length);
                at += parents.get(k).length;
            }
            return new Plan(n, parent, factor);
        }

        int terms() {
            return parent.length;
        }

        int width(boolean bias) {
            return parent.length + (bias ? 1 : 0);
        }

        /** Writes the expansion of x[xOff … xOff+inputs) to out[outOff …); x is not modified, out is. */
        void expand(double[] x, int xOff, double[] out, int outOff, boolean bias) {
            int o = outOff;
            if (bias) {
                out[o++] = 1;
            }
            for (int c = 0; c < parent.length; c++) {
                int q = parent[c];
                out[o + c] = q < 0 ? x[xOff + factor[c]] : x[xOff + factor[c]] * out[o + q];
            }
        }
    }
}
