package dev.linea.models.scoring;

import dev.linea.kernels.RowDot;
import dev.linea.models.LinearModel;
import dev.linea.models.LinearPredictor;
import dev.linea.models.glm.Link;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.preprocessing.Encoding;
import dev.linea.models.preprocessing.Preprocessing;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A fitted linear predictor compiled for serving, with its preprocessing replayed:
 * {@code score(x) = g⁻¹(b + Σ_j β_j·x_j + Σ_t β_t·Π_{j∈t} x_j [+ offset])} over the raw inputs, where
 * <ul>
 *   <li>the polynomial terms t (a {@link Preprocessing.Polynomial} step) come from the expansion's plan
 *       ({@link dev.linea.models.preprocessing.PolynomialFeatures#terms}) and are evaluated in place from the row,
 *       each product in the order the expansion computes it, instead of building the expanded row;</li>
 *   <li>a {@link Preprocessing.Standardization} step {@code z = (x − m)/s} is folded into the coefficients once,
 *       at compile time ({@code β_j/s_j}, {@code b − Σ_j β_j·m_j/s_j}, the arithmetic of
 *       {@link dev.linea.models.preprocessing.StandardScaler#toOriginalScale});</li>
 *   <li>g⁻¹ is the predictor's {@link Link}: η for least squares, σ(η) for logistic regression, e^η for a log-link
 *       GLM, 1/η for the inverse link;</li>
 *   <li>a {@link Preprocessing.Terms} step (a model formula) is evaluated feature by feature from the dense row by
 *       its plan ({@link dev.linea.models.formula.DesignPlan#value}), after the encoding;</li>
 *   <li>an offset column ({@link #offsetColumn()}), when the model has one, is passed to
 *       {@link #score(double[], double)} or the batch form with an offset array.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; no call allocates. The linear part runs on {@link RowDot#best()} (the Vector API
 * when present), in a fixed summation order, so a row scores bit-identically on every call and every thread.
 * Lengths are checked on each call (a few ns); values are not (a NaN in gives NaN out), except by
 * {@link #scoreFinite}, which refuses a non-finite score and names the row.
 */
public final class Scorer {
    private final RowDot dot;
    private final double intercept;
    /** Coefficients of the raw inputs (the degree-1 terms). */
    private final double[] linear;
    /** Higher-degree terms: coefficient and the input indices of each factor, flattened. */
    private final double[] termCoefficients;
    private final int[] termStart;
    private final int[] factors;
    private final Link link;
    private final List<String> inputs;
    private final String offsetColumn;
    /** The model's encoding of typed columns (the named-values path), or null: the inputs are the columns. */
    private final Encoding encoding;
    /** A formula's plan (null when there is none): then η = b + Σ_t β_t·plan.value(t, x) and linear is all zero. */
    private final dev.linea.models.formula.DesignPlan plan;
    private final double[] planBeta;

    private Scorer(RowDot dot, double intercept, double[] linear, double[] termCoefficients, int[] termStart,
                   int[] factors, Link link, List<String> inputs, String offsetColumn, Encoding encoding) {
        this(dot, intercept, linear, termCoefficients, termStart, factors, link, inputs, offsetColumn, encoding, null,
                null);
    }

    private Scorer(RowDot dot, double intercept, double[] linear, double[] termCoefficients, int[] termStart,
                   int[] factors, Link link, List<String> inputs, String offsetColumn, Encoding encoding,
                   dev.linea.models.formula.DesignPlan plan, double[] planBeta) {
        this.plan = plan;
        this.planBeta = planBeta;
        this.encoding = encoding;
        this.dot = dot;
        this.intercept = intercept;
        this.linear = linear;
        this.termCoefficients = termCoefficients;
        this.termStart = termStart;
        this.factors = factors;
        this.link = link;
        this.inputs = inputs;
        this.offsetColumn = offsetColumn;
    }

    /** A least-squares scorer of {@code model}'s own features: b + xᵀβ (identity link). */
    public static Scorer of(LinearModel model) {
        return of(LinearPredictor.identity(Objects.requireNonNull(model, "model")));
    }

    /** A scorer of the predictor's own features, through its link (any fit's {@code predictor()}). */
    public static Scorer of(LinearPredictor predictor) {
        Objects.requireNonNull(predictor, "predictor");
        return of(predictor, Preprocessing.none(predictor.featureNames()));
    }

    /**
     * A scorer of a loaded model file: its preprocessing replayed, its link applied, its offset column (if any)
     * expected by the offset forms of {@code score}. The natural way to serve a saved model.
     *
     * @throws IllegalArgumentException for a softmax model file (use {@link SoftmaxScorer#of(ModelFiles.Loaded)})
     */
    public static Scorer of(ModelFiles.Loaded loaded) {
        Objects.requireNonNull(loaded, "loaded");
        return of(loaded.linear(), loaded.preprocessing());
    }

    /**
     * A scorer over the raw inputs of a predictor whose features are what {@code preprocessing} makes of them.
     *
     * @throws IllegalArgumentException when the steps do not produce the predictor's features
     */
    public static Scorer of(LinearPredictor predictor, Preprocessing preprocessing) {
        Objects.requireNonNull(predictor, "predictor");
        Objects.requireNonNull(preprocessing, "preprocessing");
        if (preprocessing.hashing().isPresent()) {
            throw new IllegalArgumentException("the model hashes the columns " + preprocessing.hashing().get().names()
                    + ": a dense scorer cannot take their values, expected SparseScorer.of(…)");
        }
        FoldedCoefficients folded = FoldedCoefficients.of(predictor, preprocessing);
        double b = folded.intercept();
        double[] beta = folded.beta();
        List<String> dense = preprocessing.denseInputs();
        Encoding enc = preprocessing.encoding().orElse(null);
        int n = dense.size();
        Optional<Preprocessing.Terms> formulaStep = preprocessing.terms();
        if (formulaStep.isPresent()) {
            return new Scorer(RowDot.best(), b, new double[n], new double[0], new int[] {0}, new int[0],
                    predictor.link(), dense, preprocessing.offset(), enc, formulaStep.get().plan(), beta);
        }
        Optional<Preprocessing.Polynomial> poly = preprocessing.polynomial();
        if (poly.isEmpty()) {
            return new Scorer(RowDot.best(), b, beta, new double[0], new int[] {0}, new int[0], predictor.link(),
                    dense, preprocessing.offset(), enc);
        }
        int[][] terms = poly.get().plan().terms(n);
        double[] lin = Arrays.copyOf(beta, n); // the first n terms are the inputs, in order
        int higher = terms.length - n;
        double[] tc = new double[higher];
        int[] start = new int[higher + 1];
        int total = 0;
        for (int t = n; t < terms.length; t++) {
            total += terms[t].length;
        }
        int[] fac = new int[total];
        int f = 0;
        for (int t = 0; t < higher; t++) {
            tc[t] = beta[n + t];
            start[t] = f;
            for (int i : terms[n + t]) {
                fac[f++] = i;
            }
            start[t + 1] = f;
        }
        return new Scorer(RowDot.best(), b, lin, tc, start, fac, predictor.link(), dense, preprocessing.offset(),
                enc);
    }

    /** Calls per path that {@link #warmUp()} makes; see there for why this many. */
    static final int WARM_UP_CALLS = 60_000;
    /** Keeps the warm-up's results observable, so the JIT cannot discard the calls it is meant to compile. */
    private static volatile double warmUpSink;

    /**
     * Brings this scorer's paths to compiled code before the first real request, and returns this scorer.
     *
     * <p>Until the JIT's top tier (C2) has compiled a path, the Vector API kernel runs interpreted or in C1, where
     * each vector operation allocates a box: the first million calls of a 64-feature scorer then allocate tens of
     * megabytes and run several times slower than steady state. This method scores {@value #WARM_UP_CALLS}
     * synthetic rows through each entry point ({@code double[]} row, {@code float[]} row, batch, top-k) on the
     * calling thread, about the number the JIT needs to compile them with the vector intrinsics inlined. Compiled
     * code is shared by every scorer of the same shape in the JVM, so one warm-up per process and link serves
     * all of them. It takes tens to a few hundred milliseconds, once; the effect is measured in README ("Use it from
     * Maven"). It has no other effect: the scorer is immutable.
     *
     * @return this scorer
     */
    public Scorer warmUp() {
        int p = linear.length;
        double[] row = new double[p];
        float[] floatRow = new float[p];
        for (int j = 0; j < p; j++) {
            row[j] = ((j % 7) - 3) * 0.25; // small values: the inverse links stay on their common path
            floatRow[j] = (float) row[j];
        }
        int batch = 64;
        double[] rows = new double[batch * p];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = ((i % 11) - 5) * 0.125;
        }
        double[] out = new double[batch];
        int[] topIndex = new int[4];
        double[] topScore = new double[4];
        double sink = 0;
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            sink += score(row) + score(floatRow);
            if (i % batch == 0) {
                score(rows, 0, batch, out, 0);
                sink += out[i % batch] + topK(rows, 0, batch, topIndex.length, topIndex, topScore);
            }
        }
        warmUpSink = sink;
        return this;
    }

    /**
     * @return the values a dense row must hold, in order: the model's input columns, or, for a model with an
     *         {@link Encoding} step, the encoded features (dummies, 0/1 flags, numbers with fills applied)
     */
    public List<String> inputs() {
        return inputs;
    }

    /**
     * @return the raw columns a named row ({@link #score(Map)}, {@link Row}) must provide, in order: the
     *         encoding's columns, or the inputs when the model has no encoding (the offset column not included)
     */
    public List<String> columns() {
        return encoding == null ? inputs : encoding.inputs();
    }

    /**
     * Scores one row given by name: raw values as the data holds them (numbers, or strings read by the rules of
     * {@link dev.linea.models.io.Cells}; a category's level as a string; booleans; null for a missing value, which
     * takes the model's fill or is an error), the model's encoding replayed, then the dense path. With an offset
     * column ({@link #offsetColumn()}), its value is read from the map too. Other names are ignored.
     * Allocates one dense row per call; a {@link Row} does not.
     *
     * @param values not modified
     * @throws IllegalArgumentException for a column without a value (a missing key), a level not seen in training,
     *                                  a value of the wrong kind, a missing value without a fill: naming column and
     *                                  value
     */
    public double score(Map<String, ?> values) {
        return score(values, Encoding.Unseen.ERROR);
    }

    /** As {@link #score(Map)}, with the given treatment of a level not seen in training. */
    public double score(Map<String, ?> values, Encoding.Unseen unseen) {
        double[] row = new double[linear.length];
        return scoreNamed(values, unseen, row);
    }

    private double scoreNamed(Map<String, ?> values, Encoding.Unseen unseen, double[] row) {
        if (encoding != null) {
            encoding.encode(values, row, 0, unseen);
        } else {
            new Encoding(numericColumns(inputs)).encode(values, row, 0, unseen);
        }
        if (offsetColumn == null) {
            return link.inverse(eta(row, 0));
        }
        Object o = values.get(offsetColumn);
        double[] off = new double[1];
        Encoding.Numeric.of(offsetColumn).encode(o, off, 0, unseen);
        return link.inverse(eta(row, 0) + off[0]);
    }

    private static List<Encoding.Column> numericColumns(List<String> names) {
        java.util.ArrayList<Encoding.Column> c = new java.util.ArrayList<>();
        names.forEach(n -> c.add(Encoding.Numeric.of(n)));
        return c;
    }

    /** @return a new reusable named row of this scorer ({@link Row}) */
    public Row newRow() {
        return new Row(this);
    }

    /**
     * A reusable row of named raw values for {@link Scorer#score(Row)}: set each column ({@link #set}), score,
     * set again. Holds its own dense buffer, so scoring allocates nothing beyond boxing the values given. Not
     * thread-safe: one per thread.
     */
    public static final class Row {
        private final Scorer scorer;
        private final List<String> columns;
        private final Object[] values;
        private final java.util.Map<String, Integer> index = new java.util.HashMap<>();
        private final double[] dense;
        private double offset = Double.NaN;

        private Row(Scorer scorer) {
            this.scorer = scorer;
            this.columns = scorer.columns();
            this.values = new Object[columns.size()];
            for (int j = 0; j < columns.size(); j++) {
                index.put(columns.get(j), j);
            }
            this.dense = new double[scorer.linear.length];
        }

        /**
         * Sets a column's value (a Number, a String, a Boolean, or null: missing); the offset column's too.
         *
         * @throws IllegalArgumentException for a name that is not a column of the model
         */
        public Row set(String column, Object value) {
            Integer j = index.get(column);
            if (j == null) {
                if (column.equals(scorer.offsetColumn)) {
                    offset = value instanceof Number n ? n.doubleValue() : Double.NaN;
                    return this;
                }
                throw new IllegalArgumentException("no column '" + column + "' in the model, expected one of "
                        + columns);
            }
            values[j] = value;
            return this;
        }

        /** Sets a numeric column's value without boxing it. */
        public Row set(String column, double value) {
            return set(column, (Object) value);
        }

        /** Clears every value (all missing). */
        public Row clear() {
            java.util.Arrays.fill(values, null);
            offset = Double.NaN;
            return this;
        }
    }

    /** Scores a named row ({@link #newRow()}); a level not seen in training is an error. */
    public double score(Row row) {
        return score(row, Encoding.Unseen.ERROR);
    }

    /**
     * Scores a named row with the given treatment of unseen levels.
     *
     * @throws IllegalArgumentException as {@link #score(Map)}, or for a row of another scorer
     */
    public double score(Row row, Encoding.Unseen unseen) {
        if (row.scorer != this) {
            throw new IllegalArgumentException("a row of another scorer, expected one from this scorer's newRow()");
        }
        if (encoding != null) {
            encoding.encode(row.values, row.dense, 0, unseen);
        } else {
            for (int j = 0; j < row.values.length; j++) {
                Encoding.Numeric.of(inputs.get(j)).encode(row.values[j], row.dense, j, unseen);
            }
        }
        double eta = eta(row.dense, 0);
        if (offsetColumn != null) {
            if (Double.isNaN(row.offset)) {
                throw new IllegalArgumentException("no value for the offset column '" + offsetColumn + "', expected a "
                        + "number");
            }
            eta += row.offset;
        }
        return link.inverse(eta);
    }

    /** @return the number of values per row */
    public int width() {
        return linear.length;
    }

    /** @return "vector" or "scalar": the row-dot implementation in use */
    public String kernel() {
        return dot.name();
    }

    /**
     * @param row not modified; {@link #width()} values
     * @return g⁻¹(b + xᵀβ + polynomial terms)
     */
    public double score(double[] row) {
        checkRow(row.length);
        double eta = eta(row, 0);
        // The identity link (every least-squares model) skips the call: at p = 64 the dot is ~20 ns, a call ~1 ns.
        return link == Link.IDENTITY ? eta : link.inverse(eta);
    }

    /**
     * @param row    not modified; {@link #width()} values
     * @param offset the row's value of the offset column ({@link #offsetColumn()}): a known part of η
     * @return g⁻¹(b + xᵀβ + polynomial terms + offset)
     */
    public double score(double[] row, double offset) {
        checkRow(row.length);
        return link.inverse(eta(row, 0) + offset);
    }

    /** @return the link whose inverse maps the linear predictor to the score */
    public Link link() {
        return link;
    }

    /**
     * @return the column of the data whose value the model adds to its linear predictor (pass it to the offset
     *         forms of {@code score}), or null when the model has none
     */
    public String offsetColumn() {
        return offsetColumn;
    }

    /** The same for a float row (each value widened exactly to double). */
    public double score(float[] row) {
        checkRow(row.length);
        return link.inverse(eta(row, 0));
    }

    /**
     * Batch scoring: {@code out[outOff + i] = score(row i)} for i &lt; count, the rows stored one after another
     * ({@link #width()} values each) from {@code rowsOff}.
     *
     * @param rows not modified
     * @param out  modified
     */
    public void score(double[] rows, int rowsOff, int count, double[] out, int outOff) {
        checkBatch(rows.length, rowsOff, count, out.length, outOff);
        int p = linear.length;
        for (int i = 0; i < count; i++) {
            out[outOff + i] = link.inverse(eta(rows, rowsOff + i * p));
        }
    }

    /**
     * Batch scoring with an offset on the linear predictor (exposure, a known part of η): {@code out[outOff + i] =
     * g⁻¹(b + x_iᵀβ + offset[offsetOff + i])} for i &lt; count, the rows stored as in
     * {@link #score(double[], int, int, double[], int)}.
     *
     * @param rows   not modified
     * @param offset not modified; count values from offsetOff
     * @param out    modified
     */
    public void score(double[] rows, int rowsOff, int count, double[] offset, int offsetOff, double[] out,
                      int outOff) {
        checkBatch(rows.length, rowsOff, count, out.length, outOff);
        if (offsetOff < 0 || (long) offsetOff + count > offset.length) {
            throw new IllegalArgumentException("batch of " + count + " rows needs " + count + " offsets from "
                    + offsetOff + " (offset has " + offset.length + ")");
        }
        int p = linear.length;
        for (int i = 0; i < count; i++) {
            out[outOff + i] = link.inverse(eta(rows, rowsOff + i * p) + offset[offsetOff + i]);
        }
    }

    /**
     * Batch scoring that refuses to hand back a non-finite score: as {@link #score(double[], int, int, double[], int)},
     * then every score is checked (one compare per row). For writing predictions where ±Infinity or NaN would be
     * a silent wrong answer.
     *
     * @param rows not modified; finite values (a NaN in gives a NaN score, reported as below)
     * @param out  modified; on failure holds the scores up to the failing row
     * @throws NonFiniteScoreException for the first row whose score is not finite, naming it (1-based) with its
     *                                 linear predictor
     */
    public void scoreFinite(double[] rows, int rowsOff, int count, double[] out, int outOff) {
        score(rows, rowsOff, count, out, outOff);
        int p = linear.length;
        for (int i = 0; i < count; i++) {
            if (!Double.isFinite(out[outOff + i])) {
                throw new NonFiniteScoreException(i, eta(rows, rowsOff + i * p), out[outOff + i], link);
            }
        }
    }

    /**
     * Batch scoring of float rows (each value widened exactly to double).
     *
     * @param rows not modified
     * @param out  modified
     */
    public void score(float[] rows, int rowsOff, int count, double[] out, int outOff) {
        checkBatch(rows.length, rowsOff, count, out.length, outOff);
        int p = linear.length;
        for (int i = 0; i < count; i++) {
            out[outOff + i] = link.inverse(eta(rows, rowsOff + i * p));
        }
    }

    /**
     * The k best-scoring rows of a candidate batch, best first (ties: the lower row index first): the ranker's
     * shape. Scores all {@code count} rows and keeps a k-heap in the caller's arrays, so nothing is allocated.
     *
     * @param rows       not modified; count rows of {@link #width()} values from rowsOff
     * @param indexOut   modified: the row indices (0 … count−1) of the best min(k, count), best first
     * @param scoreOut   modified: their scores
     * @return min(k, count), the number of entries written
     */
    public int topK(double[] rows, int rowsOff, int count, int k, int[] indexOut, double[] scoreOut) {
        checkBatch(rows.length, rowsOff, count, Integer.MAX_VALUE, 0);
        if (k < 0 || indexOut.length < Math.min(k, count) || scoreOut.length < Math.min(k, count)) {
            throw new IllegalArgumentException("topK: k = " + k + " with output arrays of " + indexOut.length + " and "
                    + scoreOut.length + " entries, expected 0 ≤ k and at least min(k, count) = "
                    + Math.min(Math.max(k, 0), count) + " entries");
        }
        int size = 0;
        int kk = Math.min(k, count);
        int p = linear.length;
        for (int i = 0; i < count; i++) {
            double s = link.inverse(eta(rows, rowsOff + i * p));
            if (size < kk) {
                indexOut[size] = i;
                scoreOut[size] = s;
                siftUp(indexOut, scoreOut, size++);
            } else if (kk > 0 && better(s, i, scoreOut[0], indexOut[0])) {
                indexOut[0] = i;
                scoreOut[0] = s;
                siftDown(indexOut, scoreOut, 0, size);
            }
        }
        // Heap sort in place: repeatedly move the worst of the heap to the end.
        for (int end = size - 1; end > 0; end--) {
            swap(indexOut, scoreOut, 0, end);
            siftDown(indexOut, scoreOut, 0, end);
        }
        return size;
    }

    /** The linear predictor of a float row: the same terms, each value widened exactly to double. */
    private double eta(float[] x, int off) {
        if (plan != null) {
            double s = intercept;
            for (int t = 0; t < planBeta.length; t++) {
                s += planBeta[t] * plan.value(t, x, off);
            }
            return s;
        }
        double s = intercept + dot.dot(linear, x, off, linear.length);
        for (int t = 0; t < termCoefficients.length; t++) {
            // x_{j1}·(x_{j2}·(…·x_{jk})): the expansion's product, from the last factor outwards
            int first = termStart[t];
            int f = termStart[t + 1] - 1;
            double v = x[off + factors[f]];
            while (--f >= first) {
                v = x[off + factors[f]] * v;
            }
            s += termCoefficients[t] * v;
        }
        return s;
    }

    private double eta(double[] x, int off) {
        if (plan != null) {
            double s = intercept;
            for (int t = 0; t < planBeta.length; t++) {
                s += planBeta[t] * plan.value(t, x, off);
            }
            return s;
        }
        double s = intercept + dot.dot(linear, x, off, linear.length);
        for (int t = 0; t < termCoefficients.length; t++) {
            // x_{j1}·(x_{j2}·(…·x_{jk})): the expansion's product, from the last factor outwards
            int first = termStart[t];
            int f = termStart[t + 1] - 1;
            double v = x[off + factors[f]];
            while (--f >= first) {
                v = x[off + factors[f]] * v;
            }
            s += termCoefficients[t] * v;
        }
        return s;
    }

    /** Strictly better: higher score, or equal score and lower index. NaN ranks below everything. */
    private static boolean better(double s, int i, double t, int j) {
        if (Double.isNaN(t)) {
            return !Double.isNaN(s) || i < j;
        }
        return s > t || (s == t && i < j);
    }

    /** Min-heap on "better": the root is the worst of the kept rows. */
    private static void siftUp(int[] idx, double[] sc, int c) {
        while (c > 0) {
            int parent = (c - 1) / 2;
            if (better(sc[parent], idx[parent], sc[c], idx[c])) {
                swap(idx, sc, parent, c);
                c = parent;
            } else {
                return;
            }
        }
    }

    private static void siftDown(int[] idx, double[] sc, int c, int size) {
        while (true) {
            int l = 2 * c + 1;
            if (l >= size) {
                return;
            }
            int worst = l;
            int r = l + 1;
            if (r < size && better(sc[l], idx[l], sc[r], idx[r])) {
                worst = r;
            }
            if (better(sc[c], idx[c], sc[worst], idx[worst])) {
                swap(idx, sc, c, worst);
                c = worst;
            } else {
                return;
            }
        }
    }

    private static void swap(int[] idx, double[] sc, int a, int b) {
        int ti = idx[a];
        idx[a] = idx[b];
        idx[b] = ti;
        double ts = sc[a];
        sc[a] = sc[b];
        sc[b] = ts;
    }

    private void checkRow(int length) {
        if (length != linear.length) {
            throw new IllegalArgumentException("row has " + length + " values, expected " + linear.length
                    + " (the scorer's inputs " + inputs + ")");
        }
    }

    private void checkBatch(int rowsLength, int rowsOff, int count, int outLength, int outOff) {
        long need = (long) rowsOff + (long) count * linear.length;
        if (rowsOff < 0 || count < 0 || need > rowsLength || outOff < 0 || (long) outOff + count > outLength) {
            throw new IllegalArgumentException("batch of " + count + " rows × " + linear.length + " values from offset "
                    + rowsOff + " needs " + need + " values (rows has " + rowsLength + ") and " + count
                    + " outputs from " + outOff + " (out has " + (outLength == Integer.MAX_VALUE ? "—" : outLength)
                    + ")");
        }
    }
}
