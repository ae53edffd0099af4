package dev.linea.models.scoring;

import dev.linea.kernels.RowDot;
import dev.linea.models.LinearModel;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.preprocessing.PolynomialFeatures;
import java.util.List;
import java.util.Objects;

/**
 * A fitted model compiled for serving: {@code score(x) = g⁻¹(b + Σ_j β_j·x_j + Σ_t β_t·Π_{j∈t} x_j)} over the raw
 * inputs, where the polynomial terms t (if the model was fitted on an expansion) are evaluated in place from the
 * row instead of building the expanded row, and g⁻¹ is the {@link Response}. Standardization never reaches the
 * scorer: estimators report coefficients on the original scale already.
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
    private final Response response;
    private final List<String> inputs;

    private Scorer(RowDot dot, double intercept, double[] linear, double[] termCoefficients, int[] termStart,
                   int[] factors, Response response, List<String> inputs) {
        this.dot = dot;
        this.intercept = intercept;
        this.linear = linear;
        this.termCoefficients = termCoefficients;
        this.termStart = termStart;
        this.factors = factors;
        this.response = response;
        this.inputs = inputs;
    }

    /** A linear scorer of {@code model}'s own features (response {@link Response#LINEAR}). */
    public static Scorer of(LinearModel model) {
        return of(model, Response.LINEAR);
    }

    /** A scorer of {@code model}'s own features with the given response. */
    public static Scorer of(LinearModel model, Response response) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(response, "response");
        return new Scorer(RowDot.best(), model.intercept(), model.coefficients(), new double[0], new int[] {0},
                new int[0], response, model.featureNames());
    }

    /** A probability scorer of a binary logistic model: σ(b + xᵀβ), {@link Response#LOGISTIC}. */
    public static Scorer of(dev.linea.models.logistic.LogisticModel model) {
        Objects.requireNonNull(model, "model");
        return new Scorer(RowDot.best(), model.intercept(), model.coefficients(), new double[0], new int[] {0},
                new int[0], Response.LOGISTIC, model.featureNames());
    }

    /**
     * A scorer of a loaded model file with the response its link says (identity: η, logit: probability, log:
     * mean, …) and its polynomial expansion, if any, compiled in: the natural way to serve a saved model.
     *
     * @throws IllegalArgumentException for a softmax model file (use {@link SoftmaxScorer})
     */
    public static Scorer of(ModelFiles.Loaded loaded) {
        Objects.requireNonNull(loaded, "loaded");
        if (loaded.softmax() != null) {
            throw new IllegalArgumentException("a softmax model file has " + loaded.softmax().classCount()
                    + " classes, expected a single linear predictor: use SoftmaxScorer.of(loaded.softmax())");
        }
        return of(loaded, Response.ofLink(loaded.link()));
    }

    /** A scorer of a loaded model file: its polynomial expansion, if any, is compiled in. */
    public static Scorer of(ModelFiles.Loaded loaded, Response response) {
        Objects.requireNonNull(loaded, "loaded");
        if (loaded.preprocessing() == null) {
            return of(loaded.model(), response);
        }
        return polynomial(loaded.model(), loaded.preprocessing().polynomial(), loaded.preprocessing().inputs(),
                response);
    }

    /**
     * A scorer over the raw inputs of a model fitted on {@code poly}'s expansion of {@code inputs}.
     *
     * @throws IllegalArgumentException when the model's features are not that expansion
     */
    public static Scorer polynomial(LinearModel model, PolynomialFeatures poly, List<String> inputs,
                                    Response response) {
        List<String> expected = poly.names(inputs);
        if (!expected.equals(model.featureNames())) {
            throw new IllegalArgumentException("the model's features " + model.featureNames()
                    + " are not the expansion of " + inputs + ", expected " + expected);
        }
        if (poly.includeBias()) {
            throw new IllegalArgumentException("a bias column in the expansion is not supported by the scorer:"
                    + " fit with an intercept instead");
        }
        int n = inputs.size();
        double[] beta = model.coefficients();
        // The expansion's terms, recovered exactly by expanding unit-free indicator rows would be fragile; the
        // names are canonical (x^k, x*y), so parse them against the inputs.
        double[] linear = new double[n];
        int higher = beta.length - n;
        double[] tc = new double[higher];
        int[] start = new int[higher + 1];
        int[] fac = new int[higher * poly.degree()];
        int f = 0;
        for (int t = 0; t < beta.length; t++) {
            int[] idx = factorsOf(expected.get(t), inputs);
            if (t < n) {
                linear[idx[0]] = beta[t];
                continue;
            }
            tc[t - n] = beta[t];
            start[t - n] = f;
            for (int i : idx) {
                fac[f++] = i;
            }
            start[t - n + 1] = f;
        }
        return new Scorer(RowDot.best(), model.intercept(), linear, tc, start, java.util.Arrays.copyOf(fac, f),
                response, List.copyOf(inputs));
    }

    private static int[] factorsOf(String term, List<String> inputs) {
        String[] parts = term.split("\\*");
        int count = 0;
        int[] out = new int[64];
        for (String p : parts) {
            int caret = p.lastIndexOf('^');
            String name = p;
            int power = 1;
            if (caret > 0 && inputs.indexOf(p) < 0) {
                name = p.substring(0, caret);
                power = Integer.parseInt(p.substring(caret + 1));
            }
            int j = inputs.indexOf(name);
            if (j < 0) {
                throw new IllegalArgumentException("term '" + term + "' names no input of " + inputs);
            }
            for (int k = 0; k < power; k++) {
                if (count == out.length) {
                    out = java.util.Arrays.copyOf(out, 2 * count);
                }
                out[count++] = j;
            }
        }
        return java.util.Arrays.copyOf(out, count);
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
     * code is shared by every scorer of the same shape in the JVM, so one warm-up per process and response serves
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
            row[j] = ((j % 7) - 3) * 0.25; // small values: the response functions stay on their common path
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

    /** @return the raw inputs a row must hold, in order */
    public List<String> inputs() {
        return inputs;
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
        return response.apply(eta(row, 0));
    }

    /** The same for a float row (each value widened exactly to double). */
    public double score(float[] row) {
        checkRow(row.length);
        return response.apply(eta(row, 0));
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
            out[outOff + i] = response.apply(eta(rows, rowsOff + i * p));
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
            out[outOff + i] = response.apply(eta(rows, rowsOff + i * p) + offset[offsetOff + i]);
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
                throw new NonFiniteScoreException(i, eta(rows, rowsOff + i * p), out[outOff + i], response);
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
            out[outOff + i] = response.apply(eta(rows, rowsOff + i * p));
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
            double s = response.apply(eta(rows, rowsOff + i * p));
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
        double s = intercept + dot.dot(linear, x, off, linear.length);
        for (int t = 0; t < termCoefficients.length; t++) {
            double prod = termCoefficients[t];
            for (int f = termStart[t]; f < termStart[t + 1]; f++) {
                prod *= x[off + factors[f]];
            }
            s += prod;
        }
        return s;
    }

    private double eta(double[] x, int off) {
        double s = intercept + dot.dot(linear, x, off, linear.length);
        for (int t = 0; t < termCoefficients.length; t++) {
            double prod = termCoefficients[t];
            for (int f = termStart[t]; f < termStart[t + 1]; f++) {
                prod *= x[off + factors[f]];
            }
            s += prod;
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
