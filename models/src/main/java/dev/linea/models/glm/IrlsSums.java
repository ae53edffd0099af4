package dev.linea.models.glm;

import java.io.Serializable;

/**
 * The sums of one IRLS pass over some rows ({@link IrlsBlock}), mergeable across blocks: the deviance, the rows
 * with a mean outside the family's domain, the working system {@code AᵀWA} (k×k, row-major) and {@code AᵀW·z}, the
 * rows that need Fisher scoring, and the rows with a non-finite working weight or response. For each kind of bad
 * row the first one (smallest block, then row) is kept for the messages. The working system is summed over the
 * rows with a valid mean and a finite weight and response only; when there is any other row it is not used.
 *
 * <p>Mutable, {@link Serializable} (a distributed fit merges the sums of its blocks); not thread-safe.
 */
public final class IrlsSums implements Serializable {
    private static final long serialVersionUID = 1L;

    final int k;
    double deviance;
    long invalid;
    int invalidBlock = Integer.MAX_VALUE;
    long invalidRow;
    double invalidMu;
    long badQ;
    long nonFinite;
    int nonFiniteBlock = Integer.MAX_VALUE;
    long nonFiniteRow;
    double nonFiniteW;
    double nonFiniteZ;
    double nonFiniteMu;
    /** the working system's smallest and largest row weight W_i, and the mean nearest 0 (the domain's edge) */
    double minWeight = Double.POSITIVE_INFINITY;
    double maxWeight;
    int edgeBlock = Integer.MAX_VALUE;
    long edgeRow;
    double edgeMu = Double.POSITIVE_INFINITY;
    /**
     * The largest {@code |q_i − 1|} of the working system's rows (0 for Fisher scoring): how far its weights are
     * from the expected information's, relatively (0 up to rounding for a canonical link).
     */
    double maxObservedShift;
    final double[] gram;
    final double[] rhs;

    /**
     * Zero sums.
     *
     * @param k      the number of coefficients
     * @param system true to hold a working system (k×k and k zeros), false for an evaluation only
     */
    public IrlsSums(int k, boolean system) {
        this.k = k;
        this.gram = system ? new double[k * k] : null;
        this.rhs = system ? new double[k] : null;
    }

    /** @return true when these sums hold a working system */
    public boolean hasSystem() {
        return gram != null;
    }

    /** @return true when the observed information had a row with a weight that is not positive and finite */
    public boolean needsFisher() {
        return badQ > 0;
    }

    /** @return Σ s_i·d(y_i, μ_i) over the rows with a valid mean */
    public double deviance() {
        return deviance;
    }

    /**
     * Adds {@code o} to these sums (in this order: the result depends on the merge order only by rounding).
     *
     * @param o not modified
     * @return this
     */
    public IrlsSums merge(IrlsSums o) {
        deviance += o.deviance;
        if (o.invalid > 0 && before(o.invalidBlock, o.invalidRow, invalidBlock, invalidRow)) {
            invalidBlock = o.invalidBlock;
            invalidRow = o.invalidRow;
            invalidMu = o.invalidMu;
        }
        invalid += o.invalid;
        badQ += o.badQ;
        if (o.nonFinite > 0 && before(o.nonFiniteBlock, o.nonFiniteRow, nonFiniteBlock, nonFiniteRow)) {
            nonFiniteBlock = o.nonFiniteBlock;
            nonFiniteRow = o.nonFiniteRow;
            nonFiniteW = o.nonFiniteW;
            nonFiniteZ = o.nonFiniteZ;
            nonFiniteMu = o.nonFiniteMu;
        }
        nonFinite += o.nonFinite;
        minWeight = Math.min(minWeight, o.minWeight);
        maxWeight = Math.max(maxWeight, o.maxWeight);
        maxObservedShift = Math.max(maxObservedShift, o.maxObservedShift);
        if (Math.abs(o.edgeMu) < Math.abs(edgeMu)
                || (Math.abs(o.edgeMu) == Math.abs(edgeMu) && before(o.edgeBlock, o.edgeRow, edgeBlock, edgeRow))) {
            edgeBlock = o.edgeBlock;
            edgeRow = o.edgeRow;
            edgeMu = o.edgeMu;
        }
        if (gram != null && o.gram != null) {
            add(gram, o.gram);
            add(rhs, o.rhs);
        }
        return this;
    }

    void invalid(int block, long row, double mu) {
        if (invalid == 0 || before(block, row, invalidBlock, invalidRow)) {
            invalidBlock = block;
            invalidRow = row;
            invalidMu = mu;
        }
        invalid++;
    }

    void nonFinite(int block, long row, double w, double z, double mu) {
        if (nonFinite == 0 || before(block, row, nonFiniteBlock, nonFiniteRow)) {
            nonFiniteBlock = block;
            nonFiniteRow = row;
            nonFiniteW = w;
            nonFiniteZ = z;
            nonFiniteMu = mu;
        }
        nonFinite++;
    }

    /** Records a row's working weight (the smallest and the largest) and its mean (the one nearest 0 is kept). */
    void weight(int block, long row, double w, double mu) {
        if (w > 0) {
            minWeight = Math.min(minWeight, w);
        }
        maxWeight = Math.max(maxWeight, w);
        if (Math.abs(mu) < Math.abs(edgeMu)) {
            edgeBlock = block;
            edgeRow = row;
            edgeMu = mu;
        }
    }

    String edgeWhere() {
        return where(edgeBlock, edgeRow);
    }

    String invalidWhere() {
        return where(invalidBlock, invalidRow);
    }

    String nonFiniteWhere() {
        return where(nonFiniteBlock, nonFiniteRow);
    }

    /** "row r (1-based)" for local rows (block −1), as a person counts data rows; else "partition b, row r". */
    private static String where(int block, long row) {
        return block < 0 ? "row " + (row + 1) + " (1-based)" : "partition " + block + ", row " + row;
    }

    static void add(double[] into, double[] v) {
        for (int t = 0; t < into.length; t++) {
            into[t] += v[t];
        }
    }

    private static boolean before(int p, long r, int q, long s) {
        return p < q || (p == q && r < s);
    }
}
