package dev.linea.models.glm;

import dev.linea.kernels.Backend;
import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.Design;
import dev.linea.models.SparseDesign;

/**
 * The rows of one IRLS pass: a design {@code A = [1, X]} (m×k, the intercept first when there is one) held as a
 * no-copy {@link Design} view of X with an implicit intercept, responses y, weights s and offsets o, with the η and
 * μ of the last {@link #evaluate}. A single machine makes one block of all its rows; a distributed fit one per block
 * of a partition, merging the {@link IrlsSums}. Every formula of a pass is here, so that both compute the same
 * numbers on the same rows. No ones column is stored: η = b + Xβ, and AᵀWA is bordered by Σw and Xᵀw
 * ({@link Design#borderedGram}). The rows may also be a {@link SparseDesign} (CSR): the same formulas, with the
 * sparse kernels for η, AᵀWA and AᵀW·z (its AᵀWA is dense k×k, so for a modest number of columns).
 *
 * <p>Mutable (η, μ), not thread-safe.
 */
public final class IrlsBlock {
    private final int m;
    private final int k;
    /** The rows: exactly one of {@code a} (dense) and {@code sparse} is set. */
    private final Design a;
    private final CsrMatrix sparse;
    /** Whether the sparse rows carry an implicit intercept (coefficient 0). */
    private final boolean sparseIntercept;
    private final double[] y;
    private final double[] s;
    private final double[] offset;
    private final int block;
    private final long firstRow;
    private final double[] eta;
    private final double[] mu;
    private final boolean[] valid;
    /** Working weights and weighted working responses, reused by every pass (allocated on first need). */
    private double[] work;
    private double[] workZ;

    /**
     * @param m         rows
     * @param n         features (columns of X); k = n + 1 coefficients with an intercept, n without
     * @param x         m×n, row-major from xOff with leading dimension ldx; not modified (kept, never copied)
     * @param intercept whether the model has an intercept (coefficient 0, an implicit ones column)
     * @param y         m responses; not modified (kept)
     * @param s         m weights ≥ 0, or null for ones; not modified (kept)
     * @param offset    m offsets, or null for zeros; not modified (kept)
     * @param block     the block's number for messages (a partition), or −1 for a single machine's rows ("row i")
     * @param firstRow  the number of the block's first row, for messages
     */
    public IrlsBlock(int m, int n, double[] x, int xOff, int ldx, boolean intercept, double[] y, double[] s,
                     double[] offset, int block, long firstRow) {
        this.m = m;
        this.k = n + (intercept ? 1 : 0);
        this.a = Design.ofRows(m, n, x, xOff, ldx, y, s, intercept);
        this.sparse = null;
        this.sparseIntercept = false;
        this.y = y;
        this.s = s;
        this.offset = offset;
        this.block = block;
        this.firstRow = firstRow;
        this.eta = new double[m];
        this.mu = new double[m];
        this.valid = new boolean[m];
    }

    /**
     * The rows of a sparse design: its X (CSR, unmapped), y, weights s, offsets o and implicit intercept, all kept.
     *
     * @param design   no affine map (IRLS re-weights the rows every pass); not modified
     * @param block    as above
     * @param firstRow as above
     */
    IrlsBlock(SparseDesign design, int block, long firstRow) {
        this(design.matrix(), design.intercept(), design.yUnsafe(), design.weightsUnsafe(), design.offsetsUnsafe(),
                block, firstRow);
    }

    /**
     * Sparse rows without a design (a distributed fit's block, whose weights may all be zero): X as CSR (unmapped),
     * y, weights s, offsets o and an implicit intercept, all kept.
     *
     * @param x         m×n, CSR; not modified (kept)
     * @param intercept whether the model has an intercept (coefficient 0, an implicit ones column)
     * @param y         m responses; not modified (kept)
     * @param s         m weights ≥ 0, or null for ones; not modified (kept)
     * @param offset    m offsets, or null for zeros; not modified (kept)
     * @param block     the block's number for messages (a partition), or −1 for a single machine's rows
     * @param firstRow  the number of the block's first row, for messages
     */
    public IrlsBlock(CsrMatrix x, boolean intercept, double[] y, double[] s, double[] offset, int block,
                     long firstRow) {
        this.m = x.rows();
        this.k = x.cols() + (intercept ? 1 : 0);
        this.a = null;
        this.sparse = x;
        this.sparseIntercept = intercept;
        this.y = y;
        this.s = s;
        this.offset = offset;
        this.block = block;
        this.firstRow = firstRow;
        this.eta = new double[m];
        this.mu = new double[m];
        this.valid = new boolean[m];
    }

    /** @return μ of the last {@link #evaluate} (the block's own array; do not modify) */
    double[] mu() {
        return mu;
    }

    /**
     * @param i a row of the block, 0 ≤ i &lt; m
     * @return μ_i of the last {@link #evaluate}
     */
    public double mu(int i) {
        return mu[i];
    }

    /**
     * Evaluates the rows at β into {@code into}: {@code η = Aβ + o}, {@code μ = g⁻¹(η)} and the deviance
     * {@code Σ s_i·d(y_i, μ_i)}, over the rows with μ in the family's domain; the others are counted as invalid.
     * With β null, the start (statsmodels'): {@code μ_i = (y_i + ȳ)/2}, or ȳ where that is outside the domain,
     * {@code η_i = g(μ_i)}, no deviance; rows where ȳ is outside the domain too are counted as invalid (with their
     * (y + ȳ)/2).
     *
     * @param beta k coefficients, or null for the start; not modified
     * @param ybar the weighted mean of y (used only for the start)
     * @param into modified: the deviance and invalid rows are added
     */
    public void evaluate(Backend backend, Family family, Link link, double[] beta, double ybar, IrlsSums into) {
        if (beta == null) {
            for (int i = 0; i < m; i++) {
                double v = (y[i] + ybar) / 2;
                if (!validStart(family, link, v)) {
                    v = ybar;
                }
                valid[i] = validStart(family, link, v);
                if (!valid[i]) {
                    into.invalid(block, firstRow + i, (y[i] + ybar) / 2);
                    continue;
                }
                mu[i] = v;
                eta[i] = link.link(v);
            }
            return;
        }
        if (sparse != null) {
            backend.sparseTimes(sparse, null, null, beta, sparseIntercept ? 1 : 0, sparseIntercept ? beta[0] : 0,
                    eta, 0);
        } else {
            a.predictLinear(backend, beta, eta);
        }
        double dev = 0;
        for (int i = 0; i < m; i++) {
            if (offset != null) {
                eta[i] += offset[i];
            }
            mu[i] = link.inverse(eta[i]);
            valid[i] = family.validMean(mu[i]);
            if (!valid[i]) {
                into.invalid(block, firstRow + i, mu[i]);
                continue;
            }
            dev += weight(i) * family.unitDeviance(y[i], mu[i]);
        }
        into.deviance += dev;
    }

    /**
     * Adds the working system at the μ of the last {@link #evaluate} to {@code into}. With the observed information
     * (Newton–Raphson), {@code q_i = 1 + (y_i − μ_i)·(V'(μ_i)/V(μ_i) + g''(μ_i)/g'(μ_i))}, the ratio of observed to
     * expected information of row i (from {@code −∂²ℓ/∂η² = s/(V·g'²) + s·(y − μ)·(V'g' + V·g'')/(V²·g'³)}); with
     * Fisher scoring q = 1:
     * <pre>  W_i = s_i·q_i/(g'(μ_i)²·V(μ_i)),   z_i = η_i − o_i + g'(μ_i)·(y_i − μ_i)/q_i,   AᵀWA and AᵀW·z</pre>
     * over the rows with a valid mean. Rows whose q is not positive and finite are counted
     * ({@link IrlsSums#needsFisher()}), rows with a non-finite W or z recorded; either leaves the system out. The
     * largest {@code |q_i − 1|} is recorded too: the system's AᵀWA is the expected information up to that factor.
     *
     * @param fisher true for Fisher scoring (q = 1)
     * @param into   modified; must {@link IrlsSums#hasSystem() hold a system}
     */
    public void workingSystem(Backend backend, Family family, Link link, boolean fisher, IrlsSums into) {
        double[] w = workBuffer();
        double[] wz = workZ;
        long bad = 0;
        long nonFinite = 0;
        double shift = 0;
        for (int i = 0; i < m; i++) {
            if (!valid[i]) {
                continue;
            }
            double u = mu[i];
            double gp = link.derivative(u);
            double q = 1;
            if (!fisher) {
                q = 1 + (y[i] - u) * (family.varianceDerivative(u) / family.variance(u)
                        + link.secondDerivative(u) / link.derivative(u));
                if (!(q > 0 && Double.isFinite(q))) {
                    bad++;
                    continue;
                }
                shift = Math.max(shift, Math.abs(q - 1));
            }
            double wi = weight(i) * q / (gp * gp * family.variance(u));
            double z = eta[i] - (offset == null ? 0 : offset[i]) + gp * (y[i] - u) / q;
            if (!Double.isFinite(wi) || !Double.isFinite(z)) {
                into.nonFinite(block, firstRow + i, wi, z, u);
                nonFinite++;
                continue;
            }
            w[i] = wi;
            wz[i] = wi * z;
            into.weight(block, firstRow + i, wi, u);
        }
        into.badQ += bad;
        into.maxObservedShift = Math.max(into.maxObservedShift, shift);
        if (bad > 0 || nonFinite > 0) {
            return;
        }
        double[] g = new double[k * k];
        double[] r = new double[k];
        if (sparse != null) {
            SparseDesign.borderedGram(backend, sparse, sparseIntercept, w, g, 0, k);
            SparseDesign.borderedTransposeTimes(backend, sparse, sparseIntercept, wz, r);
        } else {
            a.borderedGram(backend, w, g, 0, k);
            a.borderedTransposeTimes(backend, wz, r);
        }
        IrlsSums.add(into.gram, g);
        IrlsSums.add(into.rhs, r);
    }

    /**
     * Adds the score {@code Aᵀr}, {@code r_i = s_i·(y_i − μ_i)/(g'(μ_i)·V(μ_i))} over the rows with a valid mean, at
     * the μ of the last {@link #evaluate} to {@code into}: one read of X and no Gram ({@link IrlsData#gradient}).
     *
     * @param into k values; modified
     * @return false (nothing added) when some row's r is not finite
     */
    public boolean gradient(Backend backend, Family family, Link link, double[] into) {
        double[] r = workBuffer();
        for (int i = 0; i < m; i++) {
            if (!valid[i]) {
                continue;
            }
            double u = mu[i];
            r[i] = weight(i) * (y[i] - u) / (link.derivative(u) * family.variance(u));
            if (!Double.isFinite(r[i])) {
                return false;
            }
        }
        double[] g = new double[k];
        if (sparse != null) {
            SparseDesign.borderedTransposeTimes(backend, sparse, sparseIntercept, r, g);
        } else {
            a.borderedTransposeTimes(backend, r, g);
        }
        IrlsSums.add(into, g);
        return true;
    }

    /**
     * Adds the expected information {@code AᵀWA} with {@code W_i = s_i/(g'(μ_i)²·V(μ_i))} at the μ of the last
     * {@link #evaluate} (its inverse is the unscaled covariance of the estimates) to {@code gram}.
     *
     * @param gram k×k, row-major; modified
     */
    public void expectedInformation(Backend backend, Family family, Link link, double[] gram) {
        double[] w = workBuffer();
        for (int i = 0; i < m; i++) {
            double gp = link.derivative(mu[i]);
            w[i] = weight(i) / (gp * gp * family.variance(mu[i]));
        }
        double[] g = new double[k * k];
        if (sparse != null) {
            SparseDesign.borderedGram(backend, sparse, sparseIntercept, w, g, 0, k);
        } else {
            a.borderedGram(backend, w, g, 0, k);
        }
        IrlsSums.add(gram, g);
    }

    /** @return the reused m-vector of working weights, zeroed (rows left out keep weight 0) */
    private double[] workBuffer() {
        if (work == null) {
            work = new double[m];
            workZ = new double[m];
        } else {
            java.util.Arrays.fill(work, 0.0);
            java.util.Arrays.fill(workZ, 0.0);
        }
        return work;
    }

    private double weight(int i) {
        return s == null ? 1 : s[i];
    }

    /** A starting mean must be valid with a finite g(μ) and g'(μ). */
    static boolean validStart(Family family, Link link, double v) {
        return family.validMean(v) && Double.isFinite(link.link(v)) && Double.isFinite(link.derivative(v));
    }
}
