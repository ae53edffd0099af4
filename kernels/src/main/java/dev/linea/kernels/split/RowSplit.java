package dev.linea.kernels.split;

import dev.linea.kernels.Threads;
import dev.linea.kernels.Transpose;

/**
 * Runs a backend's single-thread kernel over fixed row blocks on {@link Threads#count()} threads, with results that
 * do not depend on that count (see {@link Threads} for the contract). Arguments are validated already (by
 * {@code Backend}); the kernels passed in are the backends' own single-thread ones, called once per block.
 *
 * <ul>
 *   <li>The block size is a function of the call's shape only ({@link #rowsPerBlock}); a call of one block runs the
 *       kernel directly, without reading the thread count, allocating or synchronising.</li>
 *   <li>Kernels that sum over rows (Gram, GEMVᵀ, the fused gradients) write each block's result into its own slot of
 *       one scratch array ({@code blocks × n²} for Gram, {@code blocks × (n + 1)} otherwise; kept per calling
 *       thread behind a soft reference and zeroed, so repeated calls allocate nothing), then {@link #treeSum} adds
 *       the slots in a fixed pairwise tree over the block index.</li>
 *   <li>Kernels whose rows are independent (GEMV, GEMM over the rows of C) write each block's rows in place.</li>
 * </ul>
 * This package is not exported: it is the vector and scalar backends' plumbing, not API.
 */
public final class RowSplit {
    /** A streaming block (GEMV, fused gradient) reads at least this many matrix elements (1 MB): task overhead ≪ 1%. */
    static final long STREAM_MIN_ELEMENTS = 1 << 17;
    /** ... and has at least this many rows. */
    static final int STREAM_MIN_ROWS = 32;
    /**
     * At most this many blocks per streaming call: bounds the scratch at 32·(n + 1) doubles; 32 balances 2, 4, 8, 16
     * and 32 threads exactly and 3 to within one block.
     */
    static final int STREAM_MAX_BLOCKS = 32;
    /** A Gram block does at least this many multiply-adds (≈ 0.3 ms) ... */
    static final long GRAM_MIN_WORK = 1 << 22;
    /** ... over at least this many rows (the packed kernel's depth block). */
    static final int GRAM_MIN_ROWS = 256;
    /**
     * At most 12 Gram blocks: divisible by 2, 3, 4 and 6 threads, so those balance exactly, and few enough that the
     * packed kernel's per-call set-up stays negligible on one thread (8 000+ rows per block at 1e5×100).
     */
    static final int GRAM_MAX_BLOCKS = 12;
    /** The Gram blocks' partial matrices together hold at most this many doubles (32 MB). */
    static final long GRAM_MAX_SCRATCH = 1 << 22;
    /** A GEMM block does at least this many multiply-adds ... */
    static final long GEMM_MIN_WORK = 1 << 21;
    /** ... over at least this many rows of C (B is packed once per block: its cost shrinks with the rows). */
    static final int GEMM_MIN_ROWS = 128;
    static final int GEMM_MAX_BLOCKS = 64;

    private RowSplit() {
    }

    /** {@code C ← Aᵀ·diag(w)·A}, both triangles: a backend's single-thread Gram kernel. */
    @FunctionalInterface
    public interface GramKernel {
        void gram(int m, int n, double[] a, int aOff, int lda, double[] w, int wOff, double[] c, int cOff, int ldc);
    }

    /** {@code y ← α·op(A)·x + β·y}: a backend's single-thread GEMV kernel. */
    @FunctionalInterface
    public interface GemvKernel {
        void gemv(Transpose trans, int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
                  double beta, double[] y, int yOff);
    }

    /** A fused loss-and-gradient kernel: writes g (n, + 1 with intercept) and returns the loss. */
    @FunctionalInterface
    public interface FusedKernel {
        double fused(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff, boolean intercept,
                     double[] y, int yOff, double[] s, int sOff, double[] g, int gOff);
    }

    /** {@code C ← α·op(A)·op(B) + β·C}: a backend's single-thread GEMM kernel. */
    @FunctionalInterface
    public interface GemmKernel {
        void gemm(Transpose transA, Transpose transB, int m, int n, int k, double alpha, double[] a, int aOff,
                  int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc);
    }

    /**
     * The calling thread's scratch for partial results, zeroed over its first {@code length} values: an iterative
     * fit calls the same kernel many times, and a fresh n² array per call was most of what it allocated. Held
     * softly, so it never outlives memory pressure; a block kernel never calls back into RowSplit, so one array
     * per caller thread cannot be in use twice.
     */
    private static double[] scratch(int length) {
        java.lang.ref.SoftReference<double[]> ref = SCRATCH.get();
        double[] a = ref == null ? null : ref.get();
        if (a == null || a.length < length) {
            a = new double[length];
            SCRATCH.set(new java.lang.ref.SoftReference<>(a));
        } else {
            java.util.Arrays.fill(a, 0, length, 0.0);
        }
        return a;
    }

    private static final ThreadLocal<java.lang.ref.SoftReference<double[]>> SCRATCH = new ThreadLocal<>();

    /** The Gram matrix over row blocks: each block's n×n result summed in the fixed tree. */
    public static void gram(GramKernel kernel, int m, int n, double[] a, int aOff, int lda, double[] w, int wOff,
                            double[] c, int cOff, int ldc) {
        long nn = (long) n * n;
        int maxBlocks = (int) Math.min(GRAM_MAX_BLOCKS, Math.max(1, GRAM_MAX_SCRATCH / Math.max(1, nn)));
        int rows = rowsPerBlock(m, nn, GRAM_MIN_WORK, GRAM_MIN_ROWS, maxBlocks);
        if (rows >= m) {
            kernel.gram(m, n, a, aOff, lda, w, wOff, c, cOff, ldc);
            return;
        }
        int blocks = blocks(m, rows);
        int size = (int) nn;
        double[] part = scratch(blocks * size);
        BlockPool.forEach(blocks, Threads.count(), b -> {
            int r0 = b * rows;
            kernel.gram(Math.min(rows, m - r0), n, a, aOff + r0 * lda, lda, w, w == null ? 0 : wOff + r0,
                    part, b * size, n);
        });
        treeSum(part, blocks, size);
        for (int i = 0; i < n; i++) {
            System.arraycopy(part, i * n, c, cOff + i * ldc, n);
        }
    }

    /**
     * GEMV over row blocks. Not transposed, each block writes its own rows of y. Transposed, each block computes
     * its {@code A_bᵀ·x_b} (α = 1, β = 0) into scratch; the tree sums them, then {@code y ← α·sum + β·y}.
     */
    public static void gemv(GemvKernel kernel, Transpose trans, int m, int n, double alpha, double[] a, int aOff,
                            int lda, double[] x, int xOff, double beta, double[] y, int yOff) {
        int rows = rowsPerBlock(m, n, STREAM_MIN_ELEMENTS, STREAM_MIN_ROWS, STREAM_MAX_BLOCKS);
        if (rows >= m) {
            kernel.gemv(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
            return;
        }
        int blocks = blocks(m, rows);
        if (trans == Transpose.NONE) {
            BlockPool.forEach(blocks, Threads.count(), b -> {
                int r0 = b * rows;
                kernel.gemv(trans, Math.min(rows, m - r0), n, alpha, a, aOff + r0 * lda, lda, x, xOff, beta,
                        y, yOff + r0);
            });
            return;
        }
        double[] part = scratch(blocks * n);
        BlockPool.forEach(blocks, Threads.count(), b -> {
            int r0 = b * rows;
            kernel.gemv(trans, Math.min(rows, m - r0), n, 1.0, a, aOff + r0 * lda, lda, x, xOff + r0, 0.0,
                    part, b * n);
        });
        treeSum(part, blocks, n);
        for (int j = 0; j < n; j++) {
            y[yOff + j] = alpha * part[j] + (beta == 0 ? 0 : beta * y[yOff + j]);
        }
    }

    /** A fused gradient over row blocks: each block's gradient and loss (one slot of p + 1) summed in the tree. */
    public static double fused(FusedKernel kernel, int m, int n, double[] x, int xOff, int ldx, double[] w,
                               int wOff, boolean intercept, double[] y, int yOff, double[] s, int sOff,
                               double[] g, int gOff) {
        int rows = rowsPerBlock(m, n, STREAM_MIN_ELEMENTS, STREAM_MIN_ROWS, STREAM_MAX_BLOCKS);
        if (rows >= m) {
            return kernel.fused(m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
        }
        int blocks = blocks(m, rows);
        int p = intercept ? n + 1 : n;
        int slot = p + 1;
        double[] part = scratch(blocks * slot);
        BlockPool.forEach(blocks, Threads.count(), b -> {
            int r0 = b * rows;
            part[b * slot + p] = kernel.fused(Math.min(rows, m - r0), n, x, xOff + r0 * ldx, ldx, w, wOff,
                    intercept, y, yOff + r0, s, s == null ? 0 : sOff + r0, part, b * slot);
        });
        treeSum(part, blocks, slot);
        System.arraycopy(part, 0, g, gOff, p);
        return part[p];
    }

    /**
     * GEMM over blocks of C's rows (no reduction: each block writes its own rows). Row i of op(A) is row i of A
     * when not transposed and column i of A (offset i) when transposed.
     */
    public static void gemm(GemmKernel kernel, Transpose transA, Transpose transB, int m, int n, int k,
                            double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double beta, double[] c, int cOff, int ldc) {
        int rows = rowsPerBlock(m, (long) n * k, GEMM_MIN_WORK, GEMM_MIN_ROWS, GEMM_MAX_BLOCKS);
        if (rows >= m) {
            kernel.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int blocks = blocks(m, rows);
        boolean ta = transA == Transpose.TRANSPOSE;
        BlockPool.forEach(blocks, Threads.count(), blk -> {
            int r0 = blk * rows;
            kernel.gemm(transA, transB, Math.min(rows, m - r0), n, k, alpha, a, aOff + (ta ? r0 : r0 * lda), lda,
                    b, bOff, ldb, beta, c, cOff + r0 * ldc, ldc);
        });
    }

    /** A range of rows of a pass whose rows are independent. */
    @FunctionalInterface
    public interface RowRange {
        void rows(int from, int to);
    }

    /** A range of rows adding (or taking the maximum of) its contribution into {@code size} values at partOff. */
    @FunctionalInterface
    public interface RowPartial {
        void rows(int from, int to, double[] part, int partOff);
    }

    /**
     * Runs {@code body(i)} for every i in [0, tasks) on up to {@link Threads#count()} threads, the tasks claimed in
     * index order (one task, or one thread, runs them in order on the calling thread). For work that the caller
     * splits from the shape alone.
     */
    public static void tasks(int tasks, java.util.function.IntConsumer body) {
        BlockPool.forEach(tasks, Threads.count(), body);
    }

    /**
     * A pass over m independent rows in streaming blocks (as GEMV's: at least 2¹⁷ elements and 32 rows each, at most
     * 32 blocks, from the shape alone); one block runs {@code body(0, m)} on the calling thread.
     *
     * @param workPerRow elements (or comparable units of work) per row
     */
    public static void rows(int m, long workPerRow, RowRange body) {
        int rows = rowsPerBlock(m, workPerRow, STREAM_MIN_ELEMENTS, STREAM_MIN_ROWS, STREAM_MAX_BLOCKS);
        if (rows >= m) {
            body.rows(0, m);
            return;
        }
        BlockPool.forEach(blocks(m, rows), Threads.count(), b -> body.rows(b * rows, Math.min(m, (b + 1) * rows)));
    }

    /**
     * A reduction over m rows in the blocks of {@link #rows}: out[outOff…+size) is zeroed, each block accumulates
     * into its own zeroed slot, and the slots are combined in the fixed tree of {@link #treeSum} (sum) or by the
     * element-wise maximum ({@code max}, exact in any order). One block accumulates straight into out, so a small
     * call gives the bits of a single loop. The slots (blocks × size doubles) are allocated per call: the body may
     * call the backends' kernels, which use this thread's scratch.
     */
    public static void reduce(int m, long workPerRow, int size, boolean max, RowPartial body, double[] out,
                              int outOff) {
        java.util.Arrays.fill(out, outOff, outOff + size, 0.0);
        int rows = rowsPerBlock(m, workPerRow, STREAM_MIN_ELEMENTS, STREAM_MIN_ROWS, STREAM_MAX_BLOCKS);
        if (rows >= m) {
            body.rows(0, m, out, outOff);
            return;
        }
        int blocks = blocks(m, rows);
        double[] part = new double[blocks * size];
        BlockPool.forEach(blocks, Threads.count(), b -> body.rows(b * rows, Math.min(m, (b + 1) * rows), part,
                b * size));
        if (max) {
            for (int b = 1; b < blocks; b++) {
                for (int j = 0; j < size; j++) {
                    part[j] = Math.max(part[j], part[b * size + j]);
                }
            }
        } else {
            treeSum(part, blocks, size);
        }
        System.arraycopy(part, 0, out, outOff, size);
    }

    /** Combines the partial result at {@code fromOff} into the one at {@code intoOff} (both in {@code part}). */
    @FunctionalInterface
    public interface SlotMerge {
        void merge(double[] part, int intoOff, int fromOff);
    }

    /**
     * A reduction whose partial results are not simply added (co-moment matrices about each block's own mean, say):
     * the blocks of {@link #rows}, except that their slots together stay within 32 MB (at most
     * {@code 2²² / size} blocks); out[outOff…+size) is zeroed, each block fills its own zeroed slot, and
     * {@code merge} combines slot i + s into slot i for s = 1, 2, 4, … — the fixed tree of {@link #treeSum}, so the
     * result depends on the shape alone. One block writes straight into out. The slots are allocated per call.
     */
    public static void merge(int m, long workPerRow, int size, RowPartial body, SlotMerge merge, double[] out,
                             int outOff) {
        java.util.Arrays.fill(out, outOff, outOff + size, 0.0);
        int maxBlocks = (int) Math.min(STREAM_MAX_BLOCKS, Math.max(1, GRAM_MAX_SCRATCH / Math.max(1, size)));
        int rows = rowsPerBlock(m, workPerRow, STREAM_MIN_ELEMENTS, STREAM_MIN_ROWS, maxBlocks);
        if (rows >= m) {
            body.rows(0, m, out, outOff);
            return;
        }
        int blocks = blocks(m, rows);
        double[] part = new double[blocks * size];
        BlockPool.forEach(blocks, Threads.count(), b -> body.rows(b * rows, Math.min(m, (b + 1) * rows), part,
                b * size));
        for (int s = 1; s < blocks; s <<= 1) {
            for (int i = 0; i + s < blocks; i += 2 * s) {
                merge.merge(part, i * size, (i + s) * size);
            }
        }
        System.arraycopy(part, 0, out, outOff, size);
    }

    /**
     * The rows of each block (the last one may be shorter), from the shape alone: as many blocks as the work
     * allows, each with at least {@code minRows} rows and {@code minWork / workPerRow} rows, at most
     * {@code maxBlocks}, rounded up to a multiple of 8 rows. Returns m or more when the call is one block.
     */
    static int rowsPerBlock(int m, long workPerRow, long minWork, int minRows, int maxBlocks) {
        if (workPerRow <= 0 || m <= minRows) {
            return m;
        }
        long least = Math.max(minRows, (minWork + workPerRow - 1) / workPerRow);
        long blocks = Math.min(maxBlocks, m / least);
        if (blocks <= 1) {
            return m;
        }
        long rows = (m + blocks - 1) / blocks;
        rows = (rows + 7) & ~7L;
        return (int) Math.min(rows, m);
    }

    static int blocks(int m, int rows) {
        return (m + rows - 1) / rows;
    }

    /**
     * Adds slot i + s into slot i for s = 1, 2, 4, …: slot 0 ends with the sum of all {@code blocks} slots of
     * {@code size} doubles, in an order fixed by {@code blocks} alone (a pairwise tree, accurate as pairwise
     * summation is).
     */
    static void treeSum(double[] part, int blocks, int size) {
        for (int s = 1; s < blocks; s <<= 1) {
            for (int i = 0; i + s < blocks; i += 2 * s) {
                int to = i * size;
                int from = (i + s) * size;
                for (int j = 0; j < size; j++) {
                    part[to + j] += part[from + j];
                }
            }
        }
    }
}
