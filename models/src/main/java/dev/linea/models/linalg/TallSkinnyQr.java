package dev.linea.models.linalg;

import dev.linea.kernels.Backend;
import dev.linea.kernels.ParallelRows;
import dev.linea.kernels.Transpose;

/**
 * Householder QR of a tall row-major A (m×n) as a TSQR: the rows are cut into blocks of
 * {@link Backend#stackedQrBlockRows(int)} rows (256 KiB, or 768 KiB with AVX-512 vectors, so a block stays in L2
 * while it is factored), the blocks into {@link #chunks} chunks of
 * consecutive blocks, and each chunk's blocks are folded into the chunk's own triangle by {@link Backend#qrStacked}:
 * <pre>  R_c ← 0;   for each block B_k of chunk c:  [R_c; B_k] = Q_k·[R_c'; 0],  R_c ← R_c'</pre>
 * The chunks run on up to {@code Threads.count()} threads ({@link ParallelRows#forEachTask}); their triangles are
 * then merged in a fixed pairwise tree, {@code [R_c; R_{c+s}] = Q_{c,s}·[R_c'; 0]} for s = 1, 2, 4, … (c a multiple
 * of 2s), again by qrStacked, and R = R_0. The number of chunks depends on m, n and the backend alone, so R and every
 * application of Q are bit-identical whatever the thread count. This is the QR of {@code [0; A]} where each chunk
 * contributes n leading "virtual" zero rows: Q acts on n·chunks virtual rows and A's m rows. Every pass is over
 * contiguous rows; the reflectors overwrite A in place and each block keeps its panels' compact-WY factors, so Q is
 * applied (for refinement) one block at a time, the chunks again in parallel. {@link #withoutReflectors} keeps R
 * alone (and Qᵀ·f for one f given up front), with no m×n array at all.
 *
 * <p>Not thread-safe for concurrent construction; immutable (and thread-safe) once built.
 */
public final class TallSkinnyQr {
    /** A chunk holds at least this many values of A (8 MB): the tree's merges (n³ each) stay negligible. */
    static final long CHUNK_MIN_DOUBLES = 1L << 20;
    /** At most this many chunks (more would only add merges: two cores here, a few dozen on large machines). */
    static final int MAX_CHUNKS = 16;

    private final Backend backend;
    private final int m;
    private final int n;
    private final int blockRows;
    private final int blocks;
    private final int chunks;
    /** The reflectors (m×n, row stride n) and the blocks' T factors; null when made by {@link #withoutReflectors}. */
    private final double[] v;
    private final double[] r;
    private final double[] t;
    private final int tLength;
    /** Chunk c's triangle, then (for c ≥ 1) the reflectors of the merge that took it, at c·n²; row stride n. */
    private final double[] merged;
    /** The T of the merge that took chunk c (c ≥ 1), at c·tLength. */
    private final double[] mergedT;
    /** {@link #qtTop()}, or null. */
    private final double[] qtTop;

    /**
     * Factors A, taking ownership of {@code a}.
     *
     * @param a modified: row-major m×n (leading dimension n), overwritten by the reflectors
     * @throws IllegalArgumentException when a is shorter than m·n
     */
    public TallSkinnyQr(Backend backend, int m, int n, double[] a) {
        this(backend, m, n, checked(m, n, a), null);
    }

    /**
     * Writes rows [from, to) of A (row-major, leading dimension n) into {@code dst} from {@code dstOff}; called for
     * disjoint row ranges, possibly on several threads at once.
     */
    @FunctionalInterface
    public interface Rows {
        void write(int from, int to, double[] dst, int dstOff);
    }

    /**
     * Factors the A that {@code rows} writes, one row block at a time just before the block is factored: the block
     * is then still in cache when its factorization starts, and no pass over the whole of A precedes the
     * factorization (a copy of A made first would be written out to memory and read back).
     *
     * @param rows called once per row block, in order within a chunk
     */
    public static TallSkinnyQr ofRows(Backend backend, int m, int n, Rows rows) {
        if (m < 0 || n < 0) {
            throw new IllegalArgumentException("TallSkinnyQr: A is " + m + "×" + n + ", expected m, n >= 0");
        }
        return new TallSkinnyQr(backend, m, n, new double[Math.multiplyExact(m, n)], rows);
    }

    private static double[] checked(int m, int n, double[] a) {
        if (m < 0 || n < 0 || (long) m * n > a.length) {
            throw new IllegalArgumentException("TallSkinnyQr: A is " + m + "×" + n + " in an array of length "
                    + a.length + ", expected m, n >= 0 and length >= m·n");
        }
        return a;
    }

    /**
     * Factors the A that {@code rows} writes without keeping the reflectors: each chunk writes its row blocks one
     * after another into one block-sized buffer and folds them into its triangle, and (with f non-null) applies
     * each block's Qᵀ to f's rows while the block's reflectors are still in cache. What remains is R and, in
     * {@link #qtTop()}, the first n coordinates of {@code Qᵀ·(0; 0; f)}: the same bits as {@link #multiplyQt} on
     * the factors of {@link #ofRows} (the same operations in the same order). No m×n array is allocated or written;
     * {@link #multiplyQt} and {@link #multiplyQ} are then unavailable.
     *
     * @param rows called once per row block, in order within a chunk
     * @param f    not modified (m values), or null
     * @throws IllegalArgumentException when m or n is negative, or f is not null and not of length m
     */
    public static TallSkinnyQr withoutReflectors(Backend backend, int m, int n, Rows rows, double[] f) {
        if (m < 0 || n < 0) {
            throw new IllegalArgumentException("TallSkinnyQr: A is " + m + "×" + n + ", expected m, n >= 0");
        }
        if (f != null && f.length != m) {
            throw new IllegalArgumentException("TallSkinnyQr: f has " + f.length + " values, expected m = " + m);
        }
        return new TallSkinnyQr(backend, m, n, rows, f);
    }

    /** {@link #withoutReflectors}. */
    private TallSkinnyQr(Backend backend, int m, int n, Rows rows, double[] f) {
        this.backend = backend;
        this.m = m;
        this.n = n;
        this.blockRows = backend.stackedQrBlockRows(n);
        this.v = null;
        this.t = null;
        this.tLength = Backend.stackedQrTLength(n);
        this.blocks = (m + blockRows - 1) / blockRows;
        this.chunks = chunks(m, n, blockRows);
        this.merged = new double[Math.toIntExact((long) chunks * n * n)];
        this.mergedT = new double[Math.toIntExact((long) chunks * tLength)];
        double[] tops = new double[chunks * n];
        ParallelRows.forEachTask(chunks, c -> {
            double[] vb = new double[Math.min(blockRows, m) * n];
            double[] tb = new double[tLength];
            double[] fb = f == null ? null : new double[Math.min(blockRows, m)];
            for (int k = firstBlock(c); k < firstBlock(c + 1); k++) {
                int i0 = k * blockRows;
                int mb = Math.min(blockRows, m - i0);
                rows.write(i0, i0 + mb, vb, 0);
                backend.qrStacked(n, mb, merged, c * n * n, n, vb, 0, n, tb, 0);
                if (f != null) {
                    System.arraycopy(f, i0, fb, 0, mb);
                    backend.qrStackedMultiplyQ(Transpose.TRANSPOSE, n, mb, 1, vb, 0, n, tb, 0, tops, c * n, 1,
                            fb, 0, 1);
                }
            }
        });
        mergeTree();
        if (f != null) {
            mergeTreeQt(tops);
            this.qtTop = java.util.Arrays.copyOf(tops, n);
        } else {
            this.qtTop = null;
        }
        this.r = java.util.Arrays.copyOf(merged, n * n);
    }

    private TallSkinnyQr(Backend backend, int m, int n, double[] a, Rows rows) {
        this.backend = backend;
        this.m = m;
        this.n = n;
        this.blockRows = backend.stackedQrBlockRows(n);
        this.v = a;
        this.tLength = Backend.stackedQrTLength(n);
        this.blocks = (m + blockRows - 1) / blockRows;
        this.chunks = chunks(m, n, blockRows);
        this.t = new double[Math.toIntExact((long) blocks * tLength)];
        this.merged = new double[Math.toIntExact((long) chunks * n * n)];
        this.mergedT = new double[Math.toIntExact((long) chunks * tLength)];
        ParallelRows.forEachTask(chunks, c -> {
            for (int k = firstBlock(c); k < firstBlock(c + 1); k++) {
                int i0 = k * blockRows;
                int mb = Math.min(blockRows, m - i0);
                if (rows != null) {
                    rows.write(i0, i0 + mb, v, i0 * n);
                }
                backend.qrStacked(n, mb, merged, c * n * n, n, v, i0 * n, n, t, k * tLength);
            }
        });
        mergeTree();
        this.qtTop = null;
        this.r = java.util.Arrays.copyOf(merged, n * n);
    }

    /** Merges the chunks' triangles in the fixed pairwise tree: R = merged[0, n²). */
    private void mergeTree() {
        for (int s = 1; s < chunks; s *= 2) {
            for (int c = 0; c + s < chunks; c += 2 * s) {
                // R_{c+s} is upper triangular with zeros below: as the block B of the step, its n rows.
                backend.qrStacked(n, n, merged, c * n * n, n, merged, (c + s) * n * n, n, mergedT, (c + s) * tLength);
            }
        }
    }

    /** The merge tree's Qᵀ on the chunks' top parts (chunk c's n values at c·n). */
    private void mergeTreeQt(double[] tops) {
        for (int s = 1; s < chunks; s *= 2) {
            for (int c = 0; c + s < chunks; c += 2 * s) {
                backend.qrStackedMultiplyQ(Transpose.TRANSPOSE, n, n, 1, merged, (c + s) * n * n, n, mergedT,
                        (c + s) * tLength, tops, c * n, 1, tops, (c + s) * n, 1);
            }
        }
    }

    /**
     * @return the first n coordinates of {@code Qᵀ·(0; 0; f)} for the f given to {@link #withoutReflectors} (a copy)
     * @throws IllegalStateException when the factors were not made by withoutReflectors with an f
     */
    public double[] qtTop() {
        if (qtTop == null) {
            throw new IllegalStateException("TallSkinnyQr: no right-hand side was given to the factorization");
        }
        return qtTop.clone();
    }

    private void requireReflectors() {
        if (v == null) {
            throw new IllegalStateException("TallSkinnyQr: the reflectors were not kept (withoutReflectors)");
        }
    }

    /**
     * @return the number of chunks for an m×n A cut in blocks of blockRows: one per {@link #CHUNK_MIN_DOUBLES}
     * values, at most {@link #MAX_CHUNKS} and at most one per block, at least one (from the shape and the
     * backend's block height alone, not the thread count)
     */
    public static int chunks(int m, int n, int blockRows) {
        int blocks = (m + blockRows - 1) / blockRows;
        long byData = (long) m * n / CHUNK_MIN_DOUBLES;
        return (int) Math.max(1, Math.min(Math.min(MAX_CHUNKS, blocks), byData));
    }

    /** @return the first block of chunk c (c = chunks gives the number of blocks): balanced, in order. */
    private int firstBlock(int c) {
        return (int) ((long) c * blocks / chunks);
    }

    /** @return R (n×n row-major, leading dimension n, zeros below the diagonal); the array itself, not a copy. */
    double[] rUnsafe() {
        return r;
    }

    /** @return a copy of R (n×n row-major upper triangle, zeros below). */
    public double[] r() {
        return r.clone();
    }

    /** @return the length of the {@code extra} arguments: the virtual rows of the chunks after the first, n each. */
    public int extraLength() {
        return (chunks - 1) * n;
    }

    /**
     * {@code (top; extra; f) ← Qᵀ·(0; 0; f)}: the first n coordinates in the basis of R's rows go to {@code top},
     * the other chunks' virtual rows to {@code extra} and A's m rows stay in f (together orthogonal to A's columns
     * when f is a residual; {@link #multiplyQ} needs all three to invert this).
     *
     * @param f     modified (m values)
     * @param top   modified: overwritten (n values)
     * @param extra modified: overwritten ({@link #extraLength()} values)
     */
    public void multiplyQt(double[] f, double[] top, double[] extra) {
        requireReflectors();
        double[] tops = new double[chunks * n];
        ParallelRows.forEachTask(chunks, c -> {
            for (int k = firstBlock(c); k < firstBlock(c + 1); k++) {
                int i0 = k * blockRows;
                int mb = Math.min(blockRows, m - i0);
                backend.qrStackedMultiplyQ(Transpose.TRANSPOSE, n, mb, 1, v, i0 * n, n, t, k * tLength, tops, c * n,
                        1, f, i0, 1);
            }
        });
        mergeTreeQt(tops);
        System.arraycopy(tops, 0, top, 0, n);
        System.arraycopy(tops, n, extra, 0, extraLength());
    }

    /**
     * {@code (top; extra; f) ← Q·(top; extra; f)}, the inverse of {@link #multiplyQt}; the virtual rows end in top
     * and extra (zero up to rounding when the input came from A's column space and its complement).
     *
     * @param top   modified (n values)
     * @param extra modified ({@link #extraLength()} values)
     * @param f     modified (m values)
     */
    public void multiplyQ(double[] top, double[] extra, double[] f) {
        requireReflectors();
        double[] tops = new double[chunks * n];
        System.arraycopy(top, 0, tops, 0, n);
        System.arraycopy(extra, 0, tops, n, extraLength());
        int top2 = 1;
        while (top2 < chunks) {
            top2 *= 2;
        }
        for (int s = top2 / 2; s >= 1; s /= 2) {
            for (int c = 0; c + s < chunks; c += 2 * s) {
                backend.qrStackedMultiplyQ(Transpose.NONE, n, n, 1, merged, (c + s) * n * n, n, mergedT,
                        (c + s) * tLength, tops, c * n, 1, tops, (c + s) * n, 1);
            }
        }
        ParallelRows.forEachTask(chunks, c -> {
            for (int k = firstBlock(c + 1) - 1; k >= firstBlock(c); k--) {
                int i0 = k * blockRows;
                int mb = Math.min(blockRows, m - i0);
                backend.qrStackedMultiplyQ(Transpose.NONE, n, mb, 1, v, i0 * n, n, t, k * tLength, tops, c * n, 1,
                        f, i0, 1);
            }
        });
        System.arraycopy(tops, 0, top, 0, n);
        System.arraycopy(tops, n, extra, 0, extraLength());
    }
}
