package dev.linea.models.linalg;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Diagonal;
import dev.linea.kernels.DoubleDoubleResiduals;
import dev.linea.kernels.ParallelRows;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;

/**
 * Least squares {@code min ‖A·x − b‖₂} by Householder QR ({@link TallSkinnyQr}: cache-sized row blocks folded into R
 * by the backend's {@link Backend#qrStacked}) with Björck's iterative refinement of the augmented system
 * <pre>
 *   [ I   A ] [ r ]   [ b ]
 *   [ Aᵀ  0 ] [ x ] = [ c ]        (c = 0 for least squares)
 * </pre>
 * Each step forms the residuals {@code f = b − r − A·x} and {@code g = c − Aᵀ·r} in double-double
 * ({@link DoubleDouble}: the data are exact, only the arithmetic is extended) and solves for the correction with
 * the same QR factors:
 * <pre>
 *   h = R⁻ᵀ·g,   (d_top; d) = Qᵀ·(0; f),   δx = R⁻¹·(d_top − h),   (·; δr) = Q·(h; d)
 * </pre>
 * (Q acts on n virtual rows per chunk of the TSQR and A's m rows, see {@link TallSkinnyQr}: d includes the virtual
 * rows of the chunks after the first, which Q takes back; the virtual rows' share of δr is rounding noise and
 * dropped.)
 * Unlike refining x alone (whose limit grows with κ²·‖r‖), refining r and x together converges to the
 * correctly rounded solution whenever κ(A)·2^-53 ≪ 1, each step gaining about −log10(κ·2^-53) digits. This is what
 * reaches NIST's certified values on Filip (κ ≈ 5e9 after column scaling) and Wampler5 (large residuals).
 *
 * <p>Refinement stops as soon as another step cannot change x: when a correction does not shrink, when it is below
 * 4ε relative, or when the next one is predicted below 4ε from the contraction bound {@code ρ = 2·n·κ₁(R)·2^-53}
 * of a step of the augmented system (its rate depends on κ(A), not on the residual's size; on a well-conditioned
 * design one step then suffices: its correction is ≈ κ·2^-53 and the next ≈ κ²·2^-106). A step is a double-double
 * pass over A and two passes over the reflectors, so on a large design it costs about half the factorization.
 *
 * <p>On a well-conditioned design ({@code 2·n·κ₁²·2^-53 ≤ 10⁻³}) the step taken is instead that of the corrected
 * semi-normal equations (Björck): s = Aᵀ·(b − A·x) − c in double-double, in one pass over A's rows
 * ({@link Backend#residualsDoubleDouble}, the residual kept in double-double for the product), and
 * {@code δx = R⁻¹·R⁻ᵀ·s}. It contracts the error by about n·κ²·2^-53 per step and converges to the same
 * double-double-accurate solution, but costs one pass over A and none over the reflectors (the augmented step reads
 * A once and the reflectors twice); the direct solution it starts from needs Qᵀ·b only, not r. The stopping rule
 * is the same with that contraction.
 *
 * <p>The same machinery refines columns of {@code (AᵀA)⁻¹}: with b = 0 and c = −e_j the solution is
 * x = (AᵀA)⁻¹·e_j, which gives accurate standard errors on ill-conditioned designs.
 *
 * <p>Holds a copy of A (exact, for the residuals) and its factors: about 2·m·n doubles; made by {@link #ofRows}, a
 * copy of A and R only (the reflectors formed again from A on first need). Immutable after construction (but for
 * that cache) and thread-safe.
 */
public final class RefinedQr {
    private static final double EPS = Math.ulp(1.0) / 2;
    /**
     * The semi-normal step is taken when its predicted contraction {@code 2·n·κ₁(R)²·2^-53} is at most this: then
     * each step gains at least three digits and the usual one step suffices; above it, the augmented system's.
     */
    static final double SEMI_NORMAL_LIMIT = 1e-3;
    /** {@link Solution#method()} of the corrected semi-normal equations' step. */
    public static final String SEMI_NORMAL = "corrected semi-normal equations";
    /** {@link Solution#method()} of the augmented system's step. */
    public static final String AUGMENTED = "augmented system";

    private final Backend backend;
    private final int m;
    private final int n;
    private final double[] a;
    private final double[] aLow;
    /** The factors with their reflectors; null until first needed when made by {@link #ofRows}. */
    private TallSkinnyQr factors;
    /** A copy of the b given to {@link #ofRows} (compared by content), and the first n coordinates of its Qᵀ·b. */
    private final double[] qtbOf;
    private final double[] qtb;
    /** R, n×n row-major (leading dimension n), zeros below the diagonal. */
    private final double[] qr;
    /**
     * A bound on the contraction of one refinement step, {@code 2·n·κ₁(R)·2^-53} (+∞ when R is singular): after a
     * step whose relative correction is c, the error left is about c·ρ or less.
     */
    private final double contraction;
    /**
     * The same for a step of the corrected semi-normal equations, {@code 2·n·κ₁(R)²·2^-53}: R's RᵀR differs from
     * AᵀA by about ε·‖A‖², so (RᵀR)⁻¹·AᵀA differs from I by about κ²·ε.
     */
    private final double semiNormalContraction;

    /**
     * Factors A; takes ownership of {@code a} (the caller must not modify it afterwards).
     *
     * @param a row-major m×n with m ≥ n; kept (not modified)
     */
    public RefinedQr(Backend backend, int m, int n, double[] a) {
        this(backend, m, n, a, null);
    }

    /**
     * Factors A = aHigh + aLow given in double-double: the QR is of the high part, the refinement residuals use
     * both, so the refined solution is that of the double-double problem (the correction solver's relative error
     * ≈ κ·2^-53 only slows convergence). Takes ownership of both arrays.
     *
     * @param aLow null, or the m×n trailing parts (kept, not modified)
     */
    public RefinedQr(Backend backend, int m, int n, double[] a, double[] aLow) {
        this(backend, m, n, a, aLow, null, null);
    }

    /** The factors of A with their reflectors (the block of A copied just before it is factored, still in cache). */
    private TallSkinnyQr fullFactors() {
        return TallSkinnyQr.ofRows(backend, m, n,
                (from, to, dst, off) -> System.arraycopy(a, from * n, dst, off, (to - from) * n));
    }

    /** @return the factors with their reflectors, formed on first use when the construction did not keep them. */
    private synchronized TallSkinnyQr factors() {
        if (factors == null) {
            factors = fullFactors();
        }
        return factors;
    }

    /**
     * Factors the A that {@code rows} writes (row-major m×n), built one row block at a time into the kept copy of
     * A while the factorization reaches it, and computes {@code Qᵀ·b} in the same pass: no m×n array but A itself is
     * allocated or written ({@link TallSkinnyQr#withoutReflectors}). {@link #solve} with the same b (by content) then starts
     * from that Qᵀ·b; the reflectors, needed only by the augmented-system step (an ill-conditioned A) or another
     * right-hand side, are then formed by factoring the kept A again (the same bits: the same operations).
     *
     * @param rows called once for each row block (disjoint ranges, possibly on several threads)
     * @param aLow null, or the m×n trailing parts of A (kept, not modified)
     * @param b    the right-hand side that {@link #solve} will be given (m values, recognized by content: a copy is
     *             kept; not modified), or null
     * @throws IllegalArgumentException when m &lt; n, n &lt; 0, or b is not null and not of length m
     */
    public static RefinedQr ofRows(Backend backend, int m, int n, TallSkinnyQr.Rows rows, double[] aLow, double[] b) {
        if (m < n || n < 0) {
            throw new IllegalArgumentException("RefinedQr: A is " + m + "×" + n + ", expected m >= n");
        }
        return new RefinedQr(backend, m, n, new double[Math.multiplyExact(m, n)], aLow, rows, b);
    }

    private RefinedQr(Backend backend, int m, int n, double[] a, double[] aLow, TallSkinnyQr.Rows rows, double[] b) {
        this.aLow = aLow;
        if (m < n) {
            throw new IllegalArgumentException("RefinedQr: A is " + m + "×" + n + ", expected m >= n");
        }
        this.backend = backend;
        this.m = m;
        this.n = n;
        this.a = a;
        if (rows == null) {
            this.factors = fullFactors();
            this.qtbOf = null;
            this.qtb = null;
            this.qr = factors.rUnsafe();
        } else {
            // The block of A written just before it is factored (from a buffer that stays in cache) and Qᵀb formed
            // while the block's reflectors are there; the reflectors themselves are not kept.
            TallSkinnyQr lean = TallSkinnyQr.withoutReflectors(backend, m, n, (from, to, dst, off) -> {
                rows.write(from, to, a, from * n);
                System.arraycopy(a, from * n, dst, off, (to - from) * n);
            }, b);
            this.factors = null;
            this.qtbOf = b == null ? null : b.clone(); // m doubles against the m×n of A: a caller may reuse b
            this.qtb = b == null ? null : lean.qtTop();
            this.qr = lean.rUnsafe();
        }
        this.contraction = contraction(backend, n, qr);
        double kappa = contraction / (2.0 * Math.max(1, n) * EPS);
        this.semiNormalContraction = contraction * kappa;
    }

    /** {@code 2·n·κ₁(R)·2^-53}, with κ₁ from R⁻¹ formed explicitly (n³/3 flops, small next to the m·n² of QR). */
    private static double contraction(Backend backend, int n, double[] r) {
        if (n == 0) {
            return 0;
        }
        for (int k = 0; k < n; k++) {
            if (r[k * n + k] == 0) {
                return Double.POSITIVE_INFINITY;
            }
        }
        double[] rinv = new double[n * n];
        for (int i = 0; i < n; i++) {
            rinv[i * n + i] = 1;
        }
        backend.triangularSolve(Triangle.UPPER, Transpose.NONE, Diagonal.NON_UNIT, n, n, r, 0, n, rinv, 0, n);
        double kappa = norm1(n, r) * norm1(n, rinv);
        return Double.isFinite(kappa) ? 2.0 * n * kappa * EPS : Double.POSITIVE_INFINITY;
    }

    /** Largest column sum of |M| (n×n row-major). */
    private static double norm1(int n, double[] mat) {
        double[] col = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                col[j] += Math.abs(mat[i * n + j]);
            }
        }
        double max = 0;
        for (double c : col) {
            max = Math.max(max, c);
        }
        return max;
    }

    /** @return R(k, k) for k &lt; n (signs as stored: dlarfg convention). */
    public double[] rDiagonal() {
        double[] d = new double[n];
        for (int k = 0; k < n; k++) {
            d[k] = qr[k * n + k];
        }
        return d;
    }

    /** @return R as a dense n×n row-major upper triangle (zeros below). */
    public double[] r() {
        double[] r = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(qr, i * n + i, r, i * n + i, n - i);
        }
        return r;
    }

    /** @return true when some R(k, k) is exactly zero (then nothing can be solved). */
    public boolean singular() {
        for (int k = 0; k < n; k++) {
            if (qr[k * n + k] == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The outcome of a refined solve.
     *
     * @param x          the solution (n)
     * @param steps      refinement steps taken
     * @param converged  true when the last correction was below 2^-52·‖x‖∞ (or x = 0), or made the next one
     *                   predicted so (the contraction bound in the class comment)
     * @param correction ‖δx‖∞ / ‖x‖∞ of the last step (0 with no step)
     * @param method     the refinement's step: {@link #SEMI_NORMAL} or {@link #AUGMENTED} (chosen from κ₁(R) even
     *                   when no step was taken)
     */
    public record Solution(double[] x, int steps, boolean converged, double correction, String method) {
    }

    /**
     * Solves {@code min ‖A·x − b‖} with up to {@code maxSteps} refinement steps (stops early once converged, or when
     * a correction fails to shrink).
     *
     * @param b not modified (m values)
     */
    public Solution solve(double[] b, int maxSteps) {
        return refine(b, null, maxSteps);
    }

    /**
     * Column j of {@code (AᵀA)⁻¹}, refined as described in the class comment.
     */
    public double[] inverseGramColumn(int j, int maxSteps) {
        double[] c = new double[n];
        c[j] = -1;
        return refine(new double[m], c, maxSteps).x();
    }

    /** {@code (AᵀA)⁻¹ = R⁻¹·R⁻ᵀ} (n×n row-major) from the factors, unrefined. */
    public double[] inverseGram() {
        double[] rinv = new double[n * n];
        for (int i = 0; i < n; i++) {
            rinv[i * n + i] = 1;
        }
        backend.triangularSolve(Triangle.UPPER, Transpose.NONE, Diagonal.NON_UNIT, n, n, qr, 0, n, rinv, 0, n);
        double[] c = new double[n * n];
        // C = R⁻¹·R⁻ᵀ: C(i, k) = Σ_l Rinv(i, l)·Rinv(k, l), with Rinv upper triangular (l ≥ max(i, k)).
        for (int i = 0; i < n; i++) {
            for (int k = i; k < n; k++) {
                double s = 0;
                for (int l = k; l < n; l++) {
                    s += rinv[i * n + l] * rinv[k * n + l];
                }
                c[i * n + k] = s;
                c[k * n + i] = s;
            }
        }
        return c;
    }

    private Solution refine(double[] b, double[] c, int maxSteps) {
        if (semiNormalContraction <= SEMI_NORMAL_LIMIT) {
            return refineSemiNormal(b, c, maxSteps);
        }
        double[] f = b.clone();
        double[] g = c == null ? new double[n] : c.clone();
        double[] x = new double[n];
        double[] r = new double[m];
        double[] dx = new double[n];
        double[] dr = new double[m];
        correct(f, g, dx, dr);
        add(x, dx);
        add(r, dr);
        int steps = 0;
        double last = 0;
        double previous = Double.POSITIVE_INFINITY;
        boolean converged = maxAbs(x) == 0;
        while (!converged && steps < maxSteps) {
            residuals(b, c, x, r, f, g);
            correct(f, g, dx, dr);
            steps++;
            last = maxAbs(dx) / maxAbs(x);
            if (!(last < previous)) {
                // Not shrinking: rounding noise dominates; keep the previous iterate.
                break;
            }
            add(x, dx);
            add(r, dr);
            previous = last;
            // The next correction is predicted at last·ρ: below rounding, it would not change x.
            converged = last <= 4 * EPS || last * contraction <= 4 * EPS;
        }
        if (!converged && last <= 64 * EPS) {
            converged = true;
        }
        return new Solution(x, steps, converged, last, AUGMENTED);
    }

    /** The corrected semi-normal equations' refinement (class comment), from the direct QR solution. */
    private Solution refineSemiNormal(double[] b, double[] c, int maxSteps) {
        // x₀ = R⁻¹·((Qᵀb)_top − R⁻ᵀc): the augmented system's first correction without its Q·(h; d) for r.
        double[] x = new double[n];
        if (qtb != null && java.util.Arrays.equals(b, qtbOf)) {
            // Formed during the factorization (the same bits as the multiplyQt below).
            System.arraycopy(qtb, 0, x, 0, n);
        } else if (maxAbs(b) != 0) {
            TallSkinnyQr q = factors();
            q.multiplyQt(b.clone(), x, new double[q.extraLength()]);
        }
        if (c != null) {
            double[] h = c.clone();
            backend.triangularSolve(Triangle.UPPER, Transpose.TRANSPOSE, Diagonal.NON_UNIT, n, 1, qr, 0, n, h, 0, 1);
            for (int k = 0; k < n; k++) {
                x[k] -= h[k];
            }
        }
        backend.triangularSolve(Triangle.UPPER, Transpose.NONE, Diagonal.NON_UNIT, n, 1, qr, 0, n, x, 0, 1);
        int steps = 0;
        double last = 0;
        double previous = Double.POSITIVE_INFINITY;
        boolean converged = maxAbs(x) == 0;
        double[] r = new double[m];
        double[] dx = new double[n];
        while (!converged && steps < maxSteps) {
            semiNormalResiduals(b, c, x, r, dx);
            backend.triangularSolve(Triangle.UPPER, Transpose.TRANSPOSE, Diagonal.NON_UNIT, n, 1, qr, 0, n, dx, 0, 1);
            backend.triangularSolve(Triangle.UPPER, Transpose.NONE, Diagonal.NON_UNIT, n, 1, qr, 0, n, dx, 0, 1);
            steps++;
            last = maxAbs(dx) / maxAbs(x);
            if (!(last < previous)) {
                break;
            }
            add(x, dx);
            previous = last;
            converged = last <= 4 * EPS || last * semiNormalContraction <= 4 * EPS;
        }
        if (!converged && last <= 64 * EPS) {
            converged = true;
        }
        return new Solution(x, steps, converged, last, SEMI_NORMAL);
    }

    /**
     * s ← Aᵀ·(b − A·x) − c (n values), the residual b − A·x in double-double per row (rounded into r, scratch) and
     * its product with Aᵀ accumulated in double-double: row blocks on Threads.count() threads, each block's sums in
     * its own slot, merged in ParallelRows' fixed tree (the same bits on any thread count).
     */
    private void semiNormalResiduals(double[] b, double[] c, double[] x, double[] r, double[] s) {
        double[] out = new double[2 * n];
        ParallelRows.merge(m, (long) n * (aLow == null ? 2 : 4), 2 * n,
                (from, to, part, off) -> backend.residualsDoubleDouble(to - from, n, a, from * n, n, aLow,
                        from * n, x, 0, b, from, r, from, part, off),
                this::mergeDoubleDouble, out, 0);
        for (int k = 0; k < n; k++) {
            double hk = out[k];
            double lk = out[n + k];
            if (c == null) {
                s[k] = hk + lk;
            } else {
                double t = hk - c[k];
                double bb = t - hk;
                s[k] = t + ((hk - (t - bb)) + (-c[k] - bb) + lk);
            }
        }
    }

    /**
     * f ← b − r − A·x and g ← c − Aᵀ·r, in double-double, in one pass over A's rows (each row is read once for
     * both). f_i's sum runs in four interleaved accumulators (columns j mod 4: a quarter of the TwoSum dependency
     * chain), joined by error-free sums.
     */
    private void residuals(double[] b, double[] c, double[] x, double[] r, double[] f, double[] g) {
        // Row blocks on Threads.count() threads (ParallelRows: blocks from the shape alone), each block's g in its
        // own double-double slot (hi: n values, then lo: n), the slots merged in a fixed tree by error-free sums:
        // the same bits on any thread count.
        double[] out = new double[2 * n];
        ParallelRows.merge(m, (long) n * (aLow == null ? 2 : 4), 2 * n,
                (from, to, part, off) -> residualRows(from, to, b, x, r, f, part, off, part, off + n),
                this::mergeDoubleDouble, out, 0);
        for (int k = 0; k < n; k++) {
            double hk = out[k];
            double lk = out[n + k];
            if (c == null) {
                g[k] = hk + lk;
            } else {
                double s = c[k] + hk;
                double bb = s - c[k];
                g[k] = s + ((c[k] - (s - bb)) + (hk - bb) + lk);
            }
        }
    }

    /** (hi, lo)[into] += (hi, lo)[from] over the n columns, by error-free sums (slots of 2n: hi then lo). */
    private void mergeDoubleDouble(double[] part, int into, int from) {
        for (int k = 0; k < n; k++) {
            double h1 = part[into + k];
            double h2 = part[from + k];
            double s = h1 + h2;
            double bb = s - h1;
            part[into + n + k] += part[from + n + k] + ((h1 - (s - bb)) + (h2 - bb));
            part[into + k] = s;
        }
    }

    /**
     * Rows [from, to) of {@link #residuals}: f_i for each row, and Σ_i −A(i, k)·r_i added into the double-double
     * accumulators (hi at hOff, lo at lOff, n each, zero or partial on entry).
     */
    private void residualRows(int from, int to, double[] b, double[] x, double[] r, double[] f, double[] hi,
                              int hOff, double[] lo, int lOff) {
        double[] low = new double[1];
        for (int i = from; i < to; i++) {
            int row = i * n;
            // f_i: accumulator 0 from b_i − r_i over j ≡ 0 (mod 4), accumulators 1–3 from 0 over the others.
            double h0 = b[i];
            double l0 = 0;
            double ri = -r[i];
            double s0 = h0 + ri;
            double bb0 = s0 - h0;
            l0 += (h0 - (s0 - bb0)) + (ri - bb0);
            h0 = s0;
            f[i] = DoubleDoubleResiduals.rowResidual(h0, l0, n, a, row, aLow, row, x, 0, low, 0);
            // g_j −= A(i, j)·r_i: one accumulator per column, rows streamed in order (this row is in L1 now).
            for (int k = 0; k < n; k++) {
                double av = a[row + k];
                double pp = av * ri;
                double pe = Math.fma(av, ri, -pp);
                double hk = hi[hOff + k];
                double ss = hk + pp;
                double bk = ss - hk;
                lo[lOff + k] += (hk - (ss - bk)) + (pp - bk) + pe;
                hi[hOff + k] = ss;
            }
            if (aLow != null) {
                for (int k = 0; k < n; k++) {
                    lo[lOff + k] += aLow[row + k] * ri;
                }
            }
        }
    }

    /** Solves the augmented system for (δr, δx) given right-hand sides (f, g); f and g are consumed. */
    private void correct(double[] f, double[] g, double[] dx, double[] dr) {
        // h = R⁻ᵀ g
        backend.triangularSolve(Triangle.UPPER, Transpose.TRANSPOSE, Diagonal.NON_UNIT, n, 1, qr, 0, n, g, 0, 1);
        // (d_top; d) = Qᵀ (0; f), d in f
        double[] top = new double[n];
        TallSkinnyQr factors = factors();
        double[] extra = new double[factors.extraLength()];
        factors.multiplyQt(f, top, extra);
        for (int k = 0; k < n; k++) {
            dx[k] = top[k] - g[k];
        }
        backend.triangularSolve(Triangle.UPPER, Transpose.NONE, Diagonal.NON_UNIT, n, 1, qr, 0, n, dx, 0, 1);
        System.arraycopy(f, 0, dr, 0, m);
        factors.multiplyQ(g, extra, dr);
    }

    private static void add(double[] x, double[] d) {
        for (int i = 0; i < x.length; i++) {
            x[i] += d[i];
        }
    }

    private static double maxAbs(double[] v) {
        double s = 0;
        for (double d : v) {
            s = Math.max(s, Math.abs(d));
        }
        return s;
    }
}
