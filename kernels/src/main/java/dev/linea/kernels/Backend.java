package dev.linea.kernels;

import java.util.Map;

/**
 * The numerical kernels every Linea estimator runs on.
 *
 * <h2>Storage</h2>
 * Matrices are dense, <b>row-major</b> {@code double[]} with an offset and a leading dimension: element (i, j) of
 * an m×n matrix {@code A} stored at {@code aOff} with leading dimension {@code lda ≥ n} is
 * {@code a[aOff + i*lda + j]}. Rows are samples. Vectors are contiguous from their offset.
 *
 * <h2>Validation</h2>
 * Every public method is {@code final}: it validates its arguments once, here, and then calls the backend's
 * protected kernel, which may assume valid arguments. Misuse (a negative size, a short array, a leading dimension
 * smaller than the row, a negative weight) is an {@link IllegalArgumentException} naming the kernel, the parameter,
 * the value found and the value expected. Numerical failure (a matrix that is not positive definite, an exactly
 * singular triangle) is not misuse: it is returned as an {@code info} code the caller can act on, LAPACK style.
 * Kernels do not scan matrix entries for NaN: estimators check their data once, where they can name row and column.
 *
 * <h2>Threads</h2>
 * Backends are stateless and thread-safe: any number of threads may call one instance at once. Large calls of the
 * row-streaming kernels may themselves run on several threads ({@link Threads}: fixed row blocks, fixed reduction
 * tree, the same bits on any count).
 *
 * <p>Array parameters are documented as "Modified" (written by the kernel) or "Not modified".
 */
public abstract class Backend {

    /** @return the name used by {@link Backends#named(String)}: "scalar", "vector", "native" or "auto". */
    public abstract String name();

    /**
     * @return facts about this backend for people and logs (for example the BLAS library loaded, its thread count,
     *         the SIMD species); never null, may be empty.
     */
    public Map<String, String> describe() {
        return Map.of();
    }

    @Override
    public String toString() {
        return name();
    }

    // ------------------------------------------------------------------ level 1

    /**
     * Dot product {@code Σ x[i]·y[i]} over {@code n} elements.
     *
     * @param x not modified
     * @param y not modified
     */
    public final double dot(int n, double[] x, int xOff, double[] y, int yOff) {
        Checks.nonNegative("dot", "n", n);
        Checks.vector("dot", "x", x, xOff, n);
        Checks.vector("dot", "y", y, yOff, n);
        return dotKernel(n, x, xOff, y, yOff);
    }

    /** Dot product of two whole arrays of equal length. */
    public final double dot(double[] x, double[] y) {
        Checks.notNull("dot", "x", x);
        Checks.notNull("dot", "y", y);
        if (x.length != y.length) {
            throw new IllegalArgumentException("dot: x has length " + x.length + ", expected the length of y, "
                    + y.length);
        }
        return dotKernel(x.length, x, 0, y, 0);
    }

    /**
     * {@code y ← α·x + y} over {@code n} elements.
     *
     * @param x not modified
     * @param y modified
     */
    public final void axpy(int n, double alpha, double[] x, int xOff, double[] y, int yOff) {
        Checks.nonNegative("axpy", "n", n);
        Checks.vector("axpy", "x", x, xOff, n);
        Checks.vector("axpy", "y", y, yOff, n);
        axpyKernel(n, alpha, x, xOff, y, yOff);
    }

    /**
     * {@code x ← α·x} over {@code n} elements.
     *
     * @param x modified
     */
    public final void scal(int n, double alpha, double[] x, int xOff) {
        Checks.nonNegative("scal", "n", n);
        Checks.vector("scal", "x", x, xOff, n);
        scalKernel(n, alpha, x, xOff);
    }

    // ------------------------------------------------------------------ level 2

    /**
     * General matrix-vector product {@code y ← α·op(A)·x + β·y} with A m×n row-major. With {@code NONE}, x has n
     * elements and y has m; with {@code TRANSPOSE}, x has m and y has n. When β = 0, y is not read (NaN in y does
     * not propagate).
     *
     * @param a not modified
     * @param x not modified
     * @param y modified
     */
    public final void gemv(Transpose trans, int m, int n, double alpha, double[] a, int aOff, int lda,
                           double[] x, int xOff, double beta, double[] y, int yOff) {
        Checks.notNull("gemv", "trans", trans);
        Checks.nonNegative("gemv", "m", m);
        Checks.nonNegative("gemv", "n", n);
        Checks.matrix("gemv", "a", a, aOff, lda, m, n);
        boolean t = trans == Transpose.TRANSPOSE;
        Checks.vector("gemv", "x", x, xOff, t ? m : n);
        Checks.vector("gemv", "y", y, yOff, t ? n : m);
        gemvKernel(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    // ------------------------------------------------------------------ level 3

    /**
     * Weighted Gram matrix {@code C ← Aᵀ·diag(w)·A} (n×n, both triangles written) of the m×n matrix A: the normal
     * equations' matrix, and IRLS's when w holds the working weights. {@code w == null} means all ones.
     *
     * @param a not modified
     * @param w not modified; null, or m finite weights ≥ 0
     * @param c modified: overwritten with the full symmetric n×n result
     */
    public final void gram(int m, int n, double[] a, int aOff, int lda, double[] w, int wOff,
                           double[] c, int cOff, int ldc) {
        Checks.nonNegative("gram", "m", m);
        Checks.nonNegative("gram", "n", n);
        Checks.matrix("gram", "a", a, aOff, lda, m, n);
        Checks.weights("gram", "w", w, wOff, m);
        Checks.matrix("gram", "c", c, cOff, ldc, n, n);
        gramKernel(m, n, a, aOff, lda, w, wOff, c, cOff, ldc);
    }

    /**
     * Centred (shifted and scaled) weighted Gram matrix of the m×n matrix A, without forming the centred matrix:
     * <pre>  C ← Σ_i w_i·z_i·z_iᵀ,   z_ij = (A(i, j) − shift_j)·scale_j</pre>
     * (n×n, both triangles written). With shift = the weighted column means this is the centred cross-product the
     * normal equations, ridge and the covariance lasso need ({@code X_cᵀ·W·X_c}); with scale it is that of the
     * standardized design. The affine map is applied to each block of rows in cache (while packing, or in a small
     * reused buffer), never to a copy of A; every backend subtracts the shift before scaling and weighting, so
     * {@code shift = x̄} gives the same rounding as centring A first. {@code shift == null} means zeros,
     * {@code scale == null} ones, {@code w == null} all ones.
     *
     * @param a     not modified
     * @param shift not modified; null, or n finite values
     * @param scale not modified; null, or n finite values
     * @param w     not modified; null, or m finite weights ≥ 0
     * @param c     modified: overwritten with the full symmetric n×n result
     */
    public final void centeredGram(int m, int n, double[] a, int aOff, int lda, double[] shift, int shiftOff,
                                   double[] scale, int scaleOff, double[] w, int wOff,
                                   double[] c, int cOff, int ldc) {
        String k = "centeredGram";
        Checks.nonNegative(k, "m", m);
        Checks.nonNegative(k, "n", n);
        Checks.matrix(k, "a", a, aOff, lda, m, n);
        if (shift != null) {
            Checks.vector(k, "shift", shift, shiftOff, n);
        }
        if (scale != null) {
            Checks.vector(k, "scale", scale, scaleOff, n);
        }
        Checks.weights(k, "w", w, wOff, m);
        Checks.matrix(k, "c", c, cOff, ldc, n, n);
        if (shift == null && scale == null) {
            gramKernel(m, n, a, aOff, lda, w, wOff, c, cOff, ldc);
        } else {
            centeredGramKernel(m, n, a, aOff, lda, shift, shiftOff, scale, scaleOff, w, wOff, c, cOff, ldc);
        }
    }

    /**
     * General matrix product {@code C ← α·op(A)·op(B) + β·C}: op(A) is m×k, op(B) is k×n and C is m×n. A is stored
     * m×k when {@code transA == NONE} and k×m otherwise; B is stored k×n or n×k likewise. When β = 0, C is not read.
     *
     * @param a not modified
     * @param b not modified
     * @param c modified
     */
    public final void gemm(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
                           double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                           double beta, double[] c, int cOff, int ldc) {
        Checks.notNull("gemm", "transA", transA);
        Checks.notNull("gemm", "transB", transB);
        Checks.nonNegative("gemm", "m", m);
        Checks.nonNegative("gemm", "n", n);
        Checks.nonNegative("gemm", "k", k);
        boolean ta = transA == Transpose.TRANSPOSE;
        boolean tb = transB == Transpose.TRANSPOSE;
        Checks.matrix("gemm", "a", a, aOff, lda, ta ? k : m, ta ? m : k);
        Checks.matrix("gemm", "b", b, bOff, ldb, tb ? n : k, tb ? k : n);
        Checks.matrix("gemm", "c", c, cOff, ldc, m, n);
        gemmKernel(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    // ------------------------------------------------------------------ factorizations

    /**
     * Cholesky factorization {@code A = L·Lᵀ} of a symmetric positive definite n×n matrix, in place. Only the lower
     * triangle (i ≥ j) is read; on return it holds L. The strict upper triangle is neither read nor modified.
     *
     * @param a modified: lower triangle overwritten with L
     * @return 0 on success; k &gt; 0 when the leading minor of order k is not positive definite (its pivot was ≤ 0
     *         or NaN), in which case the factorization is incomplete and {@code a} is partly overwritten
     */
    public final int cholesky(int n, double[] a, int aOff, int lda) {
        Checks.nonNegative("cholesky", "n", n);
        Checks.matrix("cholesky", "a", a, aOff, lda, n, n);
        return choleskyKernel(n, a, aOff, lda);
    }

    /**
     * Solves {@code A·X = B} given the Cholesky factor L of A from {@link #cholesky}: B is n×nrhs and is overwritten
     * with X. Only the lower triangle of {@code l} is read.
     *
     * @param l not modified
     * @param b modified: overwritten with the solution
     */
    public final void choleskySolve(int n, int nrhs, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
        Checks.nonNegative("choleskySolve", "n", n);
        Checks.nonNegative("choleskySolve", "nrhs", nrhs);
        Checks.matrix("choleskySolve", "l", l, lOff, ldl, n, n);
        Checks.matrix("choleskySolve", "b", b, bOff, ldb, n, nrhs);
        choleskySolveKernel(n, nrhs, l, lOff, ldl, b, bOff, ldb);
    }

    /**
     * Triangular solve {@code op(A)·X = B} with A n×n triangular (only the {@code uplo} triangle is read; with
     * {@code UNIT} the diagonal is taken as ones and not read). B is n×nrhs and is overwritten with X.
     *
     * @param a not modified
     * @param b modified, unless the result is non-zero
     * @return 0 on success; k &gt; 0 when the diagonal entry A(k−1, k−1) is exactly zero, in which case nothing
     *         was solved and B is unchanged
     */
    public final int triangularSolve(Triangle uplo, Transpose trans, Diagonal diag, int n, int nrhs,
                                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb) {
        Checks.notNull("triangularSolve", "uplo", uplo);
        Checks.notNull("triangularSolve", "trans", trans);
        Checks.notNull("triangularSolve", "diag", diag);
        Checks.nonNegative("triangularSolve", "n", n);
        Checks.nonNegative("triangularSolve", "nrhs", nrhs);
        Checks.matrix("triangularSolve", "a", a, aOff, lda, n, n);
        Checks.matrix("triangularSolve", "b", b, bOff, ldb, n, nrhs);
        if (diag == Diagonal.NON_UNIT) {
            for (int i = 0; i < n; i++) {
                if (a[aOff + i * lda + i] == 0.0) {
                    return i + 1;
                }
            }
        }
        triangularSolveKernel(uplo, trans, diag, n, nrhs, a, aOff, lda, b, bOff, ldb);
        return 0;
    }

    /**
     * Householder QR factorization {@code A = Q·R} of a tall m×n matrix (m ≥ n), in place, in LAPACK's compact
     * form: R in the upper triangle, the Householder vectors below the diagonal (vector j has an implicit 1 at row j
     * and its rows j+1…m−1 in column j), and {@code Q = H(0)·H(1)…H(n−1)} with {@code H(j) = I − τ_j·v_j·v_jᵀ}.
     * Reflectors follow LAPACK's dlarfg sign convention (R's diagonal may be negative), so every backend stores the
     * same factorization.
     *
     * @param a   modified: overwritten with R and the Householder vectors
     * @param tau modified: n scalar factors τ_j
     */
    public final void qr(int m, int n, double[] a, int aOff, int lda, double[] tau, int tauOff) {
        Checks.nonNegative("qr", "m", m);
        Checks.nonNegative("qr", "n", n);
        Checks.tall("qr", m, n);
        Checks.matrix("qr", "a", a, aOff, lda, m, n);
        Checks.vector("qr", "tau", tau, tauOff, n);
        qrKernel(m, n, a, aOff, lda, tau, tauOff);
    }

    /**
     * {@code B ← op(Q)·B} for the Q of a {@link #qr} factorization of an m×n matrix; B is m×nrhs.
     *
     * @param qr  not modified
     * @param tau not modified
     * @param b   modified
     */
    public final void qrMultiplyQ(Transpose trans, int m, int n, int nrhs, double[] qr, int qrOff, int ldqr,
                                  double[] tau, int tauOff, double[] b, int bOff, int ldb) {
        Checks.notNull("qrMultiplyQ", "trans", trans);
        Checks.nonNegative("qrMultiplyQ", "m", m);
        Checks.nonNegative("qrMultiplyQ", "n", n);
        Checks.nonNegative("qrMultiplyQ", "nrhs", nrhs);
        Checks.tall("qrMultiplyQ", m, n);
        Checks.matrix("qrMultiplyQ", "qr", qr, qrOff, ldqr, m, n);
        Checks.vector("qrMultiplyQ", "tau", tau, tauOff, n);
        Checks.matrix("qrMultiplyQ", "b", b, bOff, ldb, m, nrhs);
        qrMultiplyQKernel(trans, m, n, nrhs, qr, qrOff, ldqr, tau, tauOff, b, bOff, ldb);
    }

    /**
     * Least-squares solve {@code min ‖A·X − B‖} from a {@link #qr} factorization of A (m×n): B (m×nrhs) is replaced
     * by {@code Qᵀ·B}, then its first n rows by the solution {@code X = R⁻¹·(Qᵀ·B)[0:n]}. Rows n…m−1 keep the part
     * of Qᵀ·B orthogonal to A's columns: their sum of squares is the residual sum of squares.
     *
     * @param qr  not modified
     * @param tau not modified
     * @param b   modified
     * @return 0 on success; k &gt; 0 when R(k−1, k−1) is exactly zero (A is rank deficient); then B holds Qᵀ·B
     */
    public final int qrSolve(int m, int n, int nrhs, double[] qr, int qrOff, int ldqr,
                             double[] tau, int tauOff, double[] b, int bOff, int ldb) {
        String k = "qrSolve";
        Checks.nonNegative(k, "m", m);
        Checks.nonNegative(k, "n", n);
        Checks.nonNegative(k, "nrhs", nrhs);
        Checks.tall(k, m, n);
        Checks.matrix(k, "qr", qr, qrOff, ldqr, m, n);
        Checks.vector(k, "tau", tau, tauOff, n);
        Checks.matrix(k, "b", b, bOff, ldb, m, nrhs);
        qrMultiplyQKernel(Transpose.TRANSPOSE, m, n, nrhs, qr, qrOff, ldqr, tau, tauOff, b, bOff, ldb);
        for (int i = 0; i < n; i++) {
            if (qr[qrOff + i * ldqr + i] == 0.0) {
                return i + 1;
            }
        }
        triangularSolveKernel(Triangle.UPPER, Transpose.NONE, Diagonal.NON_UNIT, n, nrhs, qr, qrOff, ldqr,
                b, bOff, ldb);
        return 0;
    }

    /**
     * Panel width of {@link #qrStacked}'s compact-WY factors: the same on every backend, so factors interchange.
     * 32 columns, so that the update of the trailing columns is a product of depth 32 (a GEMM-shaped update that
     * runs near the FMA peak) rather than of depth 8.
     */
    public static final int STACKED_QR_PANEL = 32;

    /**
     * Rows per block for a tall-skinny QR that folds blocks of n columns with {@link #qrStacked}: about
     * {@link #stackedQrBlockDoubles()} values, a multiple of 4, at least n (and 8). A tuning hint only: any block
     * height is correct.
     *
     * @param n columns, n &gt;= 0
     * @return the block height for this backend
     */
    public final int stackedQrBlockRows(int n) {
        int rows = (stackedQrBlockDoubles() / Math.max(1, n) + 3) / 4 * 4;
        return Math.max(Math.max(n, 8), rows);
    }

    /**
     * Doubles per row block of {@link #stackedQrBlockRows}: 32 768 (256 KiB, half of a 512 KiB L2), measured on the
     * AVX2 EPYC (docs/least-squares.md: 20 480, 49 152 and 65 536 were slower there). A backend whose kernel
     * amortizes its per-block work better on larger blocks overrides it.
     *
     * @return the block size in doubles
     */
    protected int stackedQrBlockDoubles() {
        return 32_768;
    }

    /** @return the length of {@link #qrStacked}'s T array for n columns: one 32×32 triangle per panel of 32. */
    public static int stackedQrTLength(int n) {
        return (n + STACKED_QR_PANEL - 1) / STACKED_QR_PANEL * STACKED_QR_PANEL * STACKED_QR_PANEL;
    }

    /**
     * Householder QR of an upper-triangular R (n×n) stacked on a row block B (mb×n), the step of a tall-skinny QR
     * (TSQR) that folds one cache-sized block of rows into R:
     * <pre>  [R; B] = Q·[R'; 0],   Q = H_0···H_{n−1},   H_j = I − τ_j·v_j·v_jᵀ,   v_j = (e_j; B'(:, j))</pre>
     * Starting from R = 0 and folding the blocks of a tall A in turn gives A's R (up to the signs of its rows).
     * Reflectors follow dlarfg's sign convention (τ_j = 0 when B(:, j) is zero). They are grouped in panels of
     * {@link #STACKED_QR_PANEL} columns, each stored with the upper-triangular T of its compact-WY form
     * {@code H_k0···H_k1−1 = I − V·T·Vᵀ} (LAPACK's dtpqrt, row-major), which {@link #qrStackedMultiplyQ} applies.
     * Only R's upper triangle is read and written.
     *
     * @param r modified: R, replaced by R'
     * @param b modified: B, replaced by the reflectors' lower parts B'
     * @param t modified: {@link #stackedQrTLength(int)} values, panel p's T (32×32, row-major, zeros below the
     *          diagonal and beyond a partial panel's width) at {@code tOff + 1024·p}
     */
    public final void qrStacked(int n, int mb, double[] r, int rOff, int ldr, double[] b, int bOff, int ldb,
                                double[] t, int tOff) {
        String k = "qrStacked";
        Checks.nonNegative(k, "n", n);
        Checks.nonNegative(k, "mb", mb);
        Checks.matrix(k, "r", r, rOff, ldr, n, n);
        Checks.matrix(k, "b", b, bOff, ldb, mb, n);
        Checks.vector(k, "t", t, tOff, stackedQrTLength(n));
        qrStackedKernel(n, mb, r, rOff, ldr, b, bOff, ldb, t, tOff);
    }

    /**
     * {@code [C_top; C_bot] ← op(Q)·[C_top; C_bot]} for the Q of a {@link #qrStacked} step: C_top is n×nrhs, C_bot
     * mb×nrhs.
     *
     * @param v   not modified: the B' of {@link #qrStacked}
     * @param t   not modified
     * @param top modified
     * @param bot modified
     */
    public final void qrStackedMultiplyQ(Transpose trans, int n, int mb, int nrhs, double[] v, int vOff, int ldv,
                                         double[] t, int tOff, double[] top, int topOff, int ldtop,
                                         double[] bot, int botOff, int ldbot) {
        String k = "qrStackedMultiplyQ";
        Checks.notNull(k, "trans", trans);
        Checks.nonNegative(k, "n", n);
        Checks.nonNegative(k, "mb", mb);
        Checks.nonNegative(k, "nrhs", nrhs);
        Checks.matrix(k, "v", v, vOff, ldv, mb, n);
        Checks.vector(k, "t", t, tOff, stackedQrTLength(n));
        Checks.matrix(k, "top", top, topOff, ldtop, n, nrhs);
        Checks.matrix(k, "bot", bot, botOff, ldbot, mb, nrhs);
        if (n == 0 || nrhs == 0) {
            return;
        }
        qrStackedMultiplyQKernel(trans, n, mb, nrhs, v, vOff, ldv, t, tOff, top, topOff, ldtop, bot, botOff, ldbot);
    }

    /**
     * The residual pass of least-squares refinement, in double-double (about 32 significant digits; the data are
     * exact, only the arithmetic is extended). For each row i of A = A_hi + A_lo (m×n; A_lo optional):
     * <pre>
     *   s_i = b_i − Σ_j (A_hi(i, j) + A_lo(i, j))·x_j        (double-double, rounded once:)
     *   r_i ← fl(s_i)
     *   (g_hi, g_lo)_j += Σ_i (A_hi(i, j) + A_lo(i, j))·s_i    (double-double per column, s_i in double-double)
     * </pre>
     * so that one pass over the rows gives both the residual and {@code Aᵀ·(b − A·x)} (the semi-normal equations'
     * residual). Sums use TwoSum and TwoProduct by fused multiply-add; backends may order the terms of s_i
     * differently (their s_i then differ by about n·2⁻¹⁰⁴·(|b_i| + Σ_j |A(i, j)·x_j|), so r_i = fl(s_i) may differ
     * by one unit in the last place when s_i lies near a rounding tie), while each column's g update takes the same
     * operations in the same order.
     * The rows are taken in order, so a caller splitting rows into fixed blocks gets the same bits on any thread count.
     *
     * @param a    not modified, m×n (leading dimension lda)
     * @param aLow not modified; null, or the m×n trailing parts at aLowOff with the same leading dimension
     * @param x    not modified, n values
     * @param b    not modified, m values (r may be b itself, at the same offset)
     * @param r    modified, m values: fl(s_i)
     * @param g    modified, 2n values: hi parts at gOff, lo parts at gOff + n; added to
     */
    public final void residualsDoubleDouble(int m, int n, double[] a, int aOff, int lda, double[] aLow, int aLowOff,
                                            double[] x, int xOff, double[] b, int bOff, double[] r, int rOff,
                                            double[] g, int gOff) {
        String k = "residualsDoubleDouble";
        Checks.nonNegative(k, "m", m);
        Checks.nonNegative(k, "n", n);
        Checks.matrix(k, "a", a, aOff, lda, m, n);
        if (aLow != null) {
            Checks.matrix(k, "aLow", aLow, aLowOff, lda, m, n);
        }
        Checks.vector(k, "x", x, xOff, n);
        Checks.vector(k, "b", b, bOff, m);
        Checks.vector(k, "r", r, rOff, m);
        Checks.vector(k, "g", g, gOff, 2 * n);
        if (m == 0) {
            return;
        }
        residualsDoubleDoubleKernel(m, n, a, aOff, lda, aLow, aLowOff, x, xOff, b, bOff, r, rOff, g, gOff);
    }

    // ------------------------------------------------------------------ fused gradients

    /**
     * Fused least-squares loss and gradient, reading X once: with residuals {@code r = X·w + b − y},
     * <pre>  g ← Xᵀ·S·r,   returns ½·Σ s_i·r_i²</pre>
     * where S = diag(s) holds the sample weights (all ones when {@code s == null}).
     * When {@code intercept} is true the intercept b is {@code w[wOff + n]} and its gradient {@code Σ s_i·r_i} is
     * written to {@code g[gOff + n]} (as if X had a trailing column of ones); otherwise b = 0.
     *
     * @param x not modified, m×n
     * @param w not modified, n (+1 with intercept) coefficients
     * @param y not modified, m targets
     * @param s not modified, null or m finite weights ≥ 0
     * @param g modified, n (+1 with intercept) gradient entries
     */
    public final double leastSquaresGradient(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                             boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                             double[] g, int gOff) {
        String k = "leastSquaresGradient";
        checkFused(k, m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
        return leastSquaresGradientKernel(m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    /** {@code g ← Xᵀ(X·w − y)}, returns ½‖X·w − y‖²: no intercept, no weights. */
    public final double leastSquaresGradient(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                             double[] y, int yOff, double[] g, int gOff) {
        return leastSquaresGradient(m, n, x, xOff, ldx, w, wOff, false, y, yOff, null, 0, g, gOff);
    }

    /**
     * Fused logistic loss and gradient, reading X once: with margins {@code z = X·w + b} and labels y_i ∈ [0, 1],
     * <pre>  g ← Xᵀ·S·(σ(z) − y),   returns Σ s_i·(log(1 + e^{z_i}) − y_i·z_i)</pre>
     * (the negative log-likelihood, computed without overflow for any z). Intercept and weights as in
     * {@link #leastSquaresGradient(int, int, double[], int, int, double[], int, boolean, double[], int, double[], int, double[], int)}.
     *
     * @param x not modified
     * @param w not modified
     * @param y not modified
     * @param s not modified
     * @param g modified
     */
    public final double logisticGradient(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                         boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                         double[] g, int gOff) {
        String k = "logisticGradient";
        checkFused(k, m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
        return logisticGradientKernel(m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    private static void checkFused(String k, int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                   boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                   double[] g, int gOff) {
        Checks.nonNegative(k, "m", m);
        Checks.nonNegative(k, "n", n);
        if (intercept && n == Integer.MAX_VALUE) {
            throw new IllegalArgumentException(k + ": n = " + n + " with an intercept, expected n < "
                    + Integer.MAX_VALUE + " (the intercept is coefficient n)");
        }
        int p = intercept ? n + 1 : n;
        Checks.matrix(k, "x", x, xOff, ldx, m, n);
        Checks.vector(k, "w", w, wOff, p);
        Checks.vector(k, "y", y, yOff, m);
        Checks.weights(k, "s", s, sOff, m);
        Checks.vector(k, "g", g, gOff, p);
    }

    // ------------------------------------------------------------------ kernels: arguments already validated

    protected abstract double dotKernel(int n, double[] x, int xOff, double[] y, int yOff);

    protected abstract void axpyKernel(int n, double alpha, double[] x, int xOff, double[] y, int yOff);

    protected abstract void scalKernel(int n, double alpha, double[] x, int xOff);

    protected abstract void gemvKernel(Transpose trans, int m, int n, double alpha, double[] a, int aOff, int lda,
                                       double[] x, int xOff, double beta, double[] y, int yOff);

    protected abstract void gramKernel(int m, int n, double[] a, int aOff, int lda, double[] w, int wOff,
                                       double[] c, int cOff, int ldc);

    /**
     * The centred Gram matrix ({@link #centeredGram}; at least one of shift and scale is non-null). This default
     * centres {@value #CENTRED_BLOCK_DOUBLES} doubles of rows at a time into one small buffer and adds each block's
     * {@link #gramKernel}: correct on any backend, with O(n²) scratch plus one block, never an m×n copy. Backends
     * override it to centre while packing.
     */
    protected void centeredGramKernel(int m, int n, double[] a, int aOff, int lda, double[] shift, int shiftOff,
                                      double[] scale, int scaleOff, double[] w, int wOff,
                                      double[] c, int cOff, int ldc) {
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
        }
        if (n == 0 || m == 0) {
            return;
        }
        int rows = centredBlockRows(m, n);
        double[] buf = new double[rows * n];
        double[] part = new double[n * n];
        for (int i0 = 0; i0 < m; i0 += rows) {
            int b = Math.min(rows, m - i0);
            centreRows(b, n, a, aOff + i0 * lda, lda, shift, shiftOff, scale, scaleOff, null, 0, buf);
            gramKernel(b, n, buf, 0, n, w, wOff + i0, part, 0, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    c[cOff + i * ldc + j] += part[i * n + j];
                }
            }
        }
    }

    /** Size of the row blocks a backend centres at a time: about 1 MiB, so the block stays in L2/L3. */
    protected static final int CENTRED_BLOCK_DOUBLES = 1 << 17;

    /** @return rows per centred block for n columns: at least 1, at most m */
    protected static int centredBlockRows(int m, int n) {
        return Math.max(1, Math.min(m, CENTRED_BLOCK_DOUBLES / Math.max(1, n)));
    }

    /**
     * {@code dst(i, j) = r_i·(A(i, j) − shift_j)·scale_j} for i &lt; rows, j &lt; n, dst row-major with leading
     * dimension n; r_i = √w_i (a row scale that makes an unweighted product weighted) or 1 when {@code w} is null.
     *
     * @param a   not modified
     * @param dst modified
     */
    protected static void centreRows(int rows, int n, double[] a, int aOff, int lda, double[] shift, int shiftOff,
                                     double[] scale, int scaleOff, double[] w, int wOff, double[] dst) {
        for (int i = 0; i < rows; i++) {
            int src = aOff + i * lda;
            int d = i * n;
            double r = w == null ? 1 : Math.sqrt(w[wOff + i]);
            for (int j = 0; j < n; j++) {
                double v = a[src + j];
                if (shift != null) {
                    v -= shift[shiftOff + j];
                }
                if (scale != null) {
                    v *= scale[scaleOff + j];
                }
                dst[d + j] = r * v;
            }
        }
    }

    protected abstract void gemmKernel(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
                                       double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                       double beta, double[] c, int cOff, int ldc);

    protected abstract int choleskyKernel(int n, double[] a, int aOff, int lda);

    protected abstract void choleskySolveKernel(int n, int nrhs, double[] l, int lOff, int ldl,
                                                double[] b, int bOff, int ldb);

    /** Called only when no diagonal entry used is exactly zero. */
    protected abstract void triangularSolveKernel(Triangle uplo, Transpose trans, Diagonal diag, int n, int nrhs,
                                                  double[] a, int aOff, int lda, double[] b, int bOff, int ldb);

    protected abstract void qrKernel(int m, int n, double[] a, int aOff, int lda, double[] tau, int tauOff);

    protected abstract void qrMultiplyQKernel(Transpose trans, int m, int n, int nrhs, double[] qr, int qrOff,
                                              int ldqr, double[] tau, int tauOff, double[] b, int bOff, int ldb);

    /** The scalar reference ({@code StackedQr}); a backend overrides it with a faster kernel storing the same. */
    protected void qrStackedKernel(int n, int mb, double[] r, int rOff, int ldr, double[] b, int bOff, int ldb,
                                   double[] t, int tOff) {
        StackedQr.factor(n, mb, r, rOff, ldr, b, bOff, ldb, t, tOff);
    }

    /** The scalar reference ({@code StackedQr}). */
    protected void qrStackedMultiplyQKernel(Transpose trans, int n, int mb, int nrhs, double[] v, int vOff, int ldv,
                                            double[] t, int tOff, double[] top, int topOff, int ldtop,
                                            double[] bot, int botOff, int ldbot) {
        StackedQr.multiplyQ(trans, n, mb, nrhs, v, vOff, ldv, t, tOff, top, topOff, ldtop, bot, botOff, ldbot);
    }

    /** The scalar reference ({@code DoubleDoubleResiduals}); a backend may override it with a faster kernel. */
    protected void residualsDoubleDoubleKernel(int m, int n, double[] a, int aOff, int lda, double[] aLow,
                                               int aLowOff, double[] x, int xOff, double[] b, int bOff,
                                               double[] r, int rOff, double[] g, int gOff) {
        DoubleDoubleResiduals.rows(m, n, a, aOff, lda, aLow, aLowOff, x, xOff, b, bOff, r, rOff, g, gOff);
    }

    protected abstract double leastSquaresGradientKernel(int m, int n, double[] x, int xOff, int ldx,
                                                         double[] w, int wOff, boolean intercept,
                                                         double[] y, int yOff, double[] s, int sOff,
                                                         double[] g, int gOff);

    protected abstract double logisticGradientKernel(int m, int n, double[] x, int xOff, int ldx,
                                                     double[] w, int wOff, boolean intercept,
                                                     double[] y, int yOff, double[] s, int sOff,
                                                     double[] g, int gOff);

    // ================================================================== sparse (CSR) kernels — issue #19, begin
    //
    // X is a validated CsrMatrix (rows = samples). The optional affine map z_ij = (x_ij − c_j)·d_j (centre c and
    // scale d, each null for none) is applied implicitly — the matrix is never densified nor filled in. Defaults are
    // the scalar reference (SparseKernels); a backend overrides the protected kernels where it has something faster.
    // Native (OpenBLAS has no sparse BLAS) inherits them; auto routes them to its small backend.

    /**
     * Sparse product with the mapped matrix: {@code out_i ← Σ_j (x_ij − c_j)·d_j·v_j + bias} for i &lt; m, computed
     * as {@code X(Dv) − 1·(cᵀDv) + bias} (glmnet's trick, no fill-in): the linear predictor with an implicit
     * intercept.
     *
     * @param x      m×n; not modified
     * @param centre null (zeros) or n centres c; not modified
     * @param scale  null (ones) or n scales d; not modified
     * @param v      n values from vOff; not modified
     * @param bias   added to every output (the intercept)
     * @param out    m values from outOff; modified (overwritten)
     */
    public final void sparseTimes(dev.linea.kernels.sparse.CsrMatrix x, double[] centre, double[] scale,
                                  double[] v, int vOff, double bias, double[] out, int outOff) {
        String k = "sparseTimes";
        checkSparse(k, x, centre, scale);
        Checks.vector(k, "v", v, vOff, x.cols());
        Checks.vector(k, "out", out, outOff, x.rows());
        sparseTimesKernel(x, centre, scale, v, vOff, bias, out, outOff);
    }

    /**
     * Sparse transposed product with the mapped matrix: {@code out_j ← Σ_i (x_ij − c_j)·d_j·u_i} for j &lt; n,
     * computed as {@code d_j·((Xᵀu)_j − c_j·Σu)}: one scatter pass over the non-zeros and an O(n) correction.
     *
     * @param x      m×n; not modified
     * @param centre null or n values; not modified
     * @param scale  null or n values; not modified
     * @param u      m values from uOff; not modified
     * @param out    n values from outOff; modified (overwritten)
     */
    public final void sparseTransposeTimes(dev.linea.kernels.sparse.CsrMatrix x, double[] centre, double[] scale,
                                           double[] u, int uOff, double[] out, int outOff) {
        String k = "sparseTransposeTimes";
        checkSparse(k, x, centre, scale);
        Checks.vector(k, "u", u, uOff, x.rows());
        Checks.vector(k, "out", out, outOff, x.cols());
        sparseTransposeTimesKernel(x, centre, scale, u, uOff, out, outOff);
    }

    /**
     * Fused sparse least-squares loss and gradient in one pass over the non-zeros: with Z the mapped matrix,
     * margins {@code z = Zw + b} and residuals {@code r = z − y},
     * <pre>  g ← Zᵀ·S·r,   returns ½·Σ s_i·r_i²</pre>
     * The intercept b is {@code w[wOff + n]} and its gradient Σ s_i·r_i goes to {@code g[gOff + n]} when
     * {@code intercept}, as in the dense
     * {@link #leastSquaresGradient(int, int, double[], int, int, double[], int, boolean, double[], int, double[], int, double[], int)}.
     *
     * @param x      m×n; not modified
     * @param centre null or n values; not modified
     * @param scale  null or n values; not modified
     * @param w      n (+1) coefficients; not modified
     * @param y      m targets; not modified
     * @param s      null or m finite weights ≥ 0; not modified
     * @param g      n (+1) values; modified (overwritten)
     */
    public final double sparseLeastSquaresGradient(dev.linea.kernels.sparse.CsrMatrix x, double[] centre,
                                                   double[] scale, double[] w, int wOff, boolean intercept,
                                                   double[] y, int yOff, double[] s, int sOff, double[] g, int gOff) {
        checkSparseFused("sparseLeastSquaresGradient", x, centre, scale, w, wOff, intercept, y, yOff, s, sOff, g,
                gOff);
        return sparseLeastSquaresGradientKernel(x, centre, scale, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    /**
     * Fused sparse logistic loss and gradient in one pass over the non-zeros: margins {@code z = Zw + b}, labels
     * y_i ∈ [0, 1],
     * <pre>  g ← Zᵀ·S·(σ(z) − y),   returns Σ s_i·(log(1 + e^{z_i}) − y_i·z_i)</pre>
     * without overflow for any z; intercept, map and weights as in
     * {@link #sparseLeastSquaresGradient}.
     *
     * @param x      not modified
     * @param centre not modified
     * @param scale  not modified
     * @param w      not modified
     * @param y      not modified
     * @param s      not modified
     * @param g      modified (overwritten)
     */
    public final double sparseLogisticGradient(dev.linea.kernels.sparse.CsrMatrix x, double[] centre,
                                               double[] scale, double[] w, int wOff, boolean intercept,
                                               double[] y, int yOff, double[] s, int sOff, double[] g, int gOff) {
        checkSparseFused("sparseLogisticGradient", x, centre, scale, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
        return sparseLogisticGradientKernel(x, centre, scale, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    /**
     * Sparse weighted Gram matrix of the mapped matrix, for small n (IRLS, normal equations):
     * {@code C ← Zᵀ·diag(w)·Z}, n×n, both triangles, from each row's outer product (Σ_i nnz_i² work) and the
     * centre's rank-two correction {@code D(XᵀWX − u·cᵀ − c·uᵀ + (Σw)·c·cᵀ)D}, u = Xᵀw.
     *
     * @param x      m×n; not modified
     * @param centre null or n values; not modified
     * @param scale  null or n values; not modified
     * @param w      null (ones) or m finite weights ≥ 0; not modified
     * @param c      n×n at cOff with leading dimension ldc; modified (overwritten)
     */
    public final void sparseGram(dev.linea.kernels.sparse.CsrMatrix x, double[] centre, double[] scale,
                                 double[] w, int wOff, double[] c, int cOff, int ldc) {
        String k = "sparseGram";
        checkSparse(k, x, centre, scale);
        Checks.weights(k, "w", w, wOff, x.rows());
        Checks.matrix(k, "c", c, cOff, ldc, x.cols(), x.cols());
        sparseGramKernel(x, centre, scale, w, wOff, c, cOff, ldc);
    }

    private static void checkSparse(String k, dev.linea.kernels.sparse.CsrMatrix x, double[] centre,
                                    double[] scale) {
        if (x == null) {
            throw new IllegalArgumentException(k + ": x is null, expected a CsrMatrix");
        }
        if (centre != null) {
            Checks.vector(k, "centre", centre, 0, x.cols());
        }
        if (scale != null) {
            Checks.vector(k, "scale", scale, 0, x.cols());
        }
    }

    private static void checkSparseFused(String k, dev.linea.kernels.sparse.CsrMatrix x, double[] centre,
                                         double[] scale, double[] w, int wOff, boolean intercept, double[] y,
                                         int yOff, double[] s, int sOff, double[] g, int gOff) {
        checkSparse(k, x, centre, scale);
        int n = x.cols();
        if (intercept && n == Integer.MAX_VALUE) {
            throw new IllegalArgumentException(k + ": n = " + n + " with an intercept, expected n < "
                    + Integer.MAX_VALUE + " (the intercept is coefficient n)");
        }
        int p = intercept ? n + 1 : n;
        Checks.vector(k, "w", w, wOff, p);
        Checks.vector(k, "y", y, yOff, x.rows());
        Checks.weights(k, "s", s, sOff, x.rows());
        Checks.vector(k, "g", g, gOff, p);
    }

    protected void sparseTimesKernel(dev.linea.kernels.sparse.CsrMatrix x, double[] centre, double[] scale,
                                     double[] v, int vOff, double bias, double[] out, int outOff) {
        SparseKernels.times(x, centre, scale, v, vOff, bias, out, outOff);
    }

    protected void sparseTransposeTimesKernel(dev.linea.kernels.sparse.CsrMatrix x, double[] centre,
                                              double[] scale, double[] u, int uOff, double[] out, int outOff) {
        SparseKernels.transposeTimes(x, centre, scale, u, uOff, out, outOff);
    }

    protected double sparseLeastSquaresGradientKernel(dev.linea.kernels.sparse.CsrMatrix x, double[] centre,
                                                      double[] scale, double[] w, int wOff, boolean intercept,
                                                      double[] y, int yOff, double[] s, int sOff,
                                                      double[] g, int gOff) {
        return SparseKernels.fused(false, x, centre, scale, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    protected double sparseLogisticGradientKernel(dev.linea.kernels.sparse.CsrMatrix x, double[] centre,
                                                  double[] scale, double[] w, int wOff, boolean intercept,
                                                  double[] y, int yOff, double[] s, int sOff,
                                                  double[] g, int gOff) {
        return SparseKernels.fused(true, x, centre, scale, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    protected void sparseGramKernel(dev.linea.kernels.sparse.CsrMatrix x, double[] centre, double[] scale,
                                    double[] w, int wOff, double[] c, int cOff, int ldc) {
        SparseKernels.gram(x, centre, scale, w, wOff, c, cOff, ldc);
    }
    // ================================================================== sparse (CSR) kernels — issue #19, end
}
