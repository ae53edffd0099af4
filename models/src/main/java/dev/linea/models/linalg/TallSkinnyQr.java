package dev.linea.models.linalg;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Transpose;

/**
 * Householder QR of a tall row-major A (m×n) as a flat-tree TSQR: the rows are cut into blocks of
 * {@link #blockRows(int)} rows (about 256 KiB, so a block stays in L2 while it is factored), and each block is folded
 * into the running triangle by {@link Backend#qrStacked}:
 * <pre>  R ← 0;   for each block B_k:  [R; B_k] = Q_k·[R'; 0],  R ← R'</pre>
 * which is the QR of {@code [0_{n×n}; A] = Q·[R; 0]} with {@code Q = Q_0·Q_1···Q_{K−1}} acting on n leading
 * "virtual" rows and A's m rows. Every pass is over contiguous rows; the reflectors overwrite A in place and each
 * block keeps its panels' compact-WY factors (n·8 values), so Q is applied (for refinement) one block at a time.
 *
 * <p>Not thread-safe for concurrent construction; immutable (and thread-safe) once built.
 */
public final class TallSkinnyQr {
    /** Doubles per row block: 256 KiB, half of a 512 KiB L2, leaving room for the panel's working vectors. */
    static final int BLOCK_DOUBLES = 32_768;

    private final Backend backend;
    private final int m;
    private final int n;
    private final int blockRows;
    private final double[] v;
    private final double[] r;
    private final double[] t;
    private final int tLength;

    /**
     * Factors A, taking ownership of {@code a}.
     *
     * @param a modified: row-major m×n (leading dimension n), overwritten by the reflectors
     * @throws IllegalArgumentException when a is shorter than m·n
     */
    public TallSkinnyQr(Backend backend, int m, int n, double[] a) {
        if (m < 0 || n < 0 || (long) m * n > a.length) {
            throw new IllegalArgumentException("TallSkinnyQr: A is " + m + "×" + n + " in an array of length "
                    + a.length + ", expected m, n >= 0 and length >= m·n");
        }
        this.backend = backend;
        this.m = m;
        this.n = n;
        this.blockRows = blockRows(n);
        this.v = a;
        this.r = new double[n * n];
        this.tLength = Backend.stackedQrTLength(n);
        int blocks = (m + blockRows - 1) / blockRows;
        this.t = new double[Math.toIntExact((long) blocks * tLength)];
        for (int k = 0, i0 = 0; i0 < m; k++, i0 += blockRows) {
            int mb = Math.min(blockRows, m - i0);
            backend.qrStacked(n, mb, r, 0, n, v, i0 * n, n, t, k * tLength);
        }
    }

    /** @return rows per block for n columns: about {@link #BLOCK_DOUBLES} values, a multiple of 4, at least n. */
    public static int blockRows(int n) {
        int rows = (BLOCK_DOUBLES / Math.max(1, n) + 3) / 4 * 4;
        return Math.max(Math.max(n, 8), rows);
    }

    /** @return R (n×n row-major, leading dimension n, zeros below the diagonal); the array itself, not a copy. */
    double[] rUnsafe() {
        return r;
    }

    /** @return a copy of R (n×n row-major upper triangle, zeros below). */
    public double[] r() {
        return r.clone();
    }

    /**
     * {@code (top; f) ← Qᵀ·(0; f)}: the first n coordinates in the basis of R's rows go to {@code top}, the other m
     * stay in f (orthogonal to A's columns when f is a residual).
     *
     * @param f   modified (m values)
     * @param top modified: overwritten (n values)
     */
    public void multiplyQt(double[] f, double[] top) {
        java.util.Arrays.fill(top, 0, n, 0.0);
        for (int k = 0, i0 = 0; i0 < m; k++, i0 += blockRows) {
            int mb = Math.min(blockRows, m - i0);
            backend.qrStackedMultiplyQ(Transpose.TRANSPOSE, n, mb, 1, v, i0 * n, n, t, k * tLength, top, 0, 1,
                    f, i0, 1);
        }
    }

    /**
     * {@code (top; f) ← Q·(top; f)}, the inverse of {@link #multiplyQt}; the n virtual rows end in top (zero up to
     * rounding when the input came from A's column space and its complement).
     *
     * @param top modified (n values)
     * @param f   modified (m values)
     */
    public void multiplyQ(double[] top, double[] f) {
        int blocks = (m + blockRows - 1) / blockRows;
        for (int k = blocks - 1; k >= 0; k--) {
            int i0 = k * blockRows;
            int mb = Math.min(blockRows, m - i0);
            backend.qrStackedMultiplyQ(Transpose.NONE, n, mb, 1, v, i0 * n, n, t, k * tLength, top, 0, 1,
                    f, i0, 1);
        }
    }
}
