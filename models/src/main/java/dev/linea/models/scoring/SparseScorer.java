package dev.linea.models.scoring;

import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.LinearPredictor;
import dev.linea.models.glm.Link;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.preprocessing.FeatureHashing;
import dev.linea.models.preprocessing.MurmurHash3;
import dev.linea.models.preprocessing.Preprocessing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fitted linear predictor compiled for serving sparse rows: {@code score = g⁻¹(b + Σ_k β[j_k]·v_k [+ offset])}
 * over a row given as its non-zeros (feature index j_k, value v_k), or as the values of the numeric inputs and the
 * categorical values of the hashed columns, hashed here exactly as {@link FeatureHashing} hashed them for the fit
 * (each category adds ±β at its column of its column's block).
 *
 * <p>Immutable and thread-safe; no call allocates (the hashing encodes a category's UTF-8 bytes on the fly). The
 * sum runs in the order the non-zeros are given, so a row scores bit-identically on every call and thread. Indices
 * are checked (one compare each), values are not (a NaN in gives a NaN out). A {@link Preprocessing.Standardization}
 * step is folded into b and β at compile time, as {@link Scorer} does; a polynomial step is refused (a sparse row
 * has no expansion here).
 *
 * <p>Serving a wide model: each non-zero reads one coefficient at a random place in β (8 MB for 2²⁰ features). With
 * the operating system's 4 KiB pages such a β spans more pages than a core's TLB holds, and the page walks cost more
 * than the arithmetic: on the AVX2 EPYC this was measured on, 30 non-zeros scored in 72–82 ns (popular features)
 * and 104–132 ns (features spread over all 2²⁰) with small pages, 48–56 and 57–76 ns with the JVM started with
 * {@code -XX:+UseTransparentHugePages} (Linux transparent huge pages in {@code madvise} or {@code always} mode). A
 * service scoring a model of more than a few MB should run with that flag (docs/sparse.md, "Serving").
 */
public final class SparseScorer {
    private final double intercept;
    private final double[] beta;
    private final Link link;
    private final List<String> numericInputs;
    private final List<String> hashedColumns;
    /** Per hashed column: the feature index of its block's first feature, and its bits. */
    private final int[] blockStart;
    private final int[] bits;
    private final int seed;
    private final String offsetColumn;

    private SparseScorer(double intercept, double[] beta, Link link, List<String> numericInputs,
                         List<String> hashedColumns, int[] blockStart, int[] bits, int seed, String offsetColumn) {
        this.intercept = intercept;
        this.beta = beta;
        this.link = link;
        this.numericInputs = numericInputs;
        this.hashedColumns = hashedColumns;
        this.blockStart = blockStart;
        this.bits = bits;
        this.seed = seed;
        this.offsetColumn = offsetColumn;
    }

    /** A scorer of a loaded linear model file, its hashing (if any) replayed. */
    public static SparseScorer of(ModelFiles.Loaded loaded) {
        Objects.requireNonNull(loaded, "loaded");
        return of(loaded.linear(), loaded.preprocessing());
    }

    /** A scorer of the predictor's own features (rows given by feature index). */
    public static SparseScorer of(LinearPredictor predictor) {
        Objects.requireNonNull(predictor, "predictor");
        return of(predictor, Preprocessing.none(predictor.featureNames()));
    }

    /**
     * A scorer of a predictor whose features are what {@code preprocessing} makes of the inputs.
     *
     * @throws IllegalArgumentException when the steps do not make the predictor's features, or hold a polynomial
     *                                  expansion
     */
    public static SparseScorer of(LinearPredictor predictor, Preprocessing preprocessing) {
        Objects.requireNonNull(predictor, "predictor");
        Objects.requireNonNull(preprocessing, "preprocessing");
        if (preprocessing.polynomial().isPresent()) {
            throw new IllegalArgumentException("a polynomial step, expected none: a sparse scorer evaluates no "
                    + "polynomial terms (use Scorer)");
        }
        FoldedCoefficients folded = FoldedCoefficients.of(predictor, preprocessing);
        double b = folded.intercept();
        double[] beta = folded.beta();
        List<String> numeric = preprocessing.numericInputs();
        Optional<FeatureHashing> h = preprocessing.hashing();
        int cols = h.map(fh -> fh.columns().size()).orElse(0);
        int[] start = new int[cols];
        int[] bits = new int[cols];
        int at = numeric.size();
        for (int c = 0; c < cols; c++) {
            FeatureHashing.Column col = h.get().columns().get(c);
            start[c] = at;
            bits[c] = col.bits();
            at += col.size();
        }
        return new SparseScorer(b, beta, predictor.link(), numeric, h.map(FeatureHashing::names).orElse(List.of()),
                start, bits, h.map(FeatureHashing::seed).orElse(0), preprocessing.offset());
    }

    /** @return the number of features: valid indices are 0 … width − 1 */
    public int width() {
        return beta.length;
    }

    /** @return the inputs that are not hashed, in order: their features are 0 … size − 1 */
    public List<String> numericInputs() {
        return numericInputs;
    }

    /** @return the hashed columns, in order (empty without hashing) */
    public List<String> hashedColumns() {
        return hashedColumns;
    }

    /** @return the link whose inverse maps the linear predictor to the score */
    public Link link() {
        return link;
    }

    /** @return the offset column the model adds to its linear predictor, or null */
    public String offsetColumn() {
        return offsetColumn;
    }

    /**
     * @param indices feature indices (0-based, any order); not modified
     * @param values  their values; not modified
     * @param count   the number of non-zeros, from position 0
     * @return g⁻¹(b + Σ_k β[indices[k]]·values[k])
     * @throws IllegalArgumentException for an index outside 0 … {@link #width()} − 1 or count beyond the arrays
     */
    public double score(int[] indices, double[] values, int count) {
        return link.inverse(eta(indices, values, count));
    }

    /** As {@link #score(int[], double[], int)}, with the row's offset added to the linear predictor. */
    public double score(int[] indices, double[] values, int count, double offset) {
        return link.inverse(eta(indices, values, count) + offset);
    }

    /** @return the linear predictor b + Σ_k β[indices[k]]·values[k] (see {@link #score(int[], double[], int)}) */
    public double linearPredictor(int[] indices, double[] values, int count) {
        return eta(indices, values, count);
    }

    /**
     * Scores a row of raw inputs: the numeric inputs' values, and one categorical value per hashed column, hashed
     * as the fit hashed them.
     *
     * @param numeric    one value per {@link #numericInputs()}; not modified
     * @param categories one value per {@link #hashedColumns()}, null or empty when missing (adds nothing); not
     *                   modified
     * @return g⁻¹(b + Σ_j β_j·x_j + Σ_c sign_c·β[column_c])
     */
    public double score(double[] numeric, CharSequence[] categories) {
        if (numeric.length != numericInputs.size() || categories.length != blockStart.length) {
            throw new IllegalArgumentException("a row of " + numeric.length + " numbers and " + categories.length
                    + " categories, expected " + numericInputs.size() + " " + numericInputs + " and "
                    + blockStart.length + " " + hashedColumns);
        }
        double s = intercept;
        for (int j = 0; j < numeric.length; j++) {
            s += beta[j] * numeric[j];
        }
        for (int c = 0; c < categories.length; c++) {
            CharSequence v = categories[c];
            if (v != null && !v.isEmpty()) {
                int h = MurmurHash3.hashUtf8(v, seed);
                s += FeatureHashing.sign(h) * beta[blockStart[c] + FeatureHashing.column(h, bits[c])];
            }
        }
        return link.inverse(s);
    }

    /**
     * The feature index a categorical value of hashed column c lands on, and its sign: what
     * {@link #score(double[], CharSequence[])} adds, for callers that build index/value rows themselves.
     *
     * @return the feature index, negated and less one ({@code −index − 1}) when the sign is −1
     */
    public int hashedFeature(int column, CharSequence value) {
        Objects.checkIndex(column, blockStart.length);
        int h = MurmurHash3.hashUtf8(value, seed);
        int j = blockStart[column] + FeatureHashing.column(h, bits[column]);
        return h < 0 ? -j - 1 : j;
    }

    /**
     * Scores every row of a CSR matrix (a LIBSVM file's rows, a hashed CSV's): the same sum, in the same order, as
     * {@link #score(int[], double[], int)} on each row's non-zeros.
     *
     * @param x   the rows, with at most {@link #width()} columns; not modified
     * @param out {@code x.rows()} scores from {@code outOff}; modified
     * @throws IllegalArgumentException when x has more columns than the model has features
     */
    public void score(CsrMatrix x, double[] out, int outOff) {
        Objects.requireNonNull(x, "x");
        if (x.cols() > beta.length) {
            throw new IllegalArgumentException("rows of " + x.cols() + " features, expected at most " + beta.length
                    + " (the model's)");
        }
        Objects.checkFromIndexSize(outOff, x.rows(), out.length);
        int[] ptr = x.rowPtrUnsafe();
        int[] idx = x.indicesUnsafe();
        double[] val = x.valuesUnsafe();
        for (int i = 0; i < x.rows(); i++) {
            out[outOff + i] = link.inverse(eta(idx, val, ptr[i], ptr[i + 1]));
        }
    }

    private double eta(int[] indices, double[] values, int count) {
        if (count < 0 || count > indices.length || count > values.length) {
            throw new IllegalArgumentException("count " + count + " with " + indices.length + " indices and "
                    + values.length + " values, expected 0 ≤ count ≤ both");
        }
        return eta(indices, values, 0, count);
    }

    /** b + Σ β[indices[k]]·values[k] over k = from … to − 1, indices checked against the width. */
    private double eta(int[] indices, double[] values, int from, int to) {
        double[] w = beta;
        int p = w.length;
        double s = intercept;
        for (int k = from; k < to; k++) {
            int j = indices[k];
            if (Integer.compareUnsigned(j, p) >= 0) {
                throw new IllegalArgumentException("feature index " + j + " at position " + (k - from) + ", expected 0 ≤ "
                        + "index < " + p);
            }
            s += w[j] * values[k];
        }
        return s;
    }
}
