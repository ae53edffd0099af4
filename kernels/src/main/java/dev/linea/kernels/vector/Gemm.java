package dev.linea.kernels.vector;

import dev.linea.kernels.Threads;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.split.RowSplit;

import java.util.Arrays;

/**
 * GEMM {@code C ← α·op(A)·op(B) + β·C} on row-major storage: C is scaled by β once, then the packed level-3 loop
 * nest ({@link PackedProduct}) adds α·op(A)·op(B); with β = 0 the product's first pass overwrites C instead (C is
 * not read, so NaN in C does not propagate, and there is no separate clearing pass); either
 * transpose is absorbed by the packing, which reads the operand in whichever order it is stored.
 */
final class Gemm {
    /** A row block of C does at least this many multiply-adds (≈ 0.05 ms; as {@code RowSplit}'s GEMM blocks) ... */
    static final long MIN_BLOCK_WORK = 1 << 21;
    /** ... over at least this many rows of C (B is packed once per block). */
    static final int MIN_BLOCK_ROWS = 128;

    private Gemm() {
    }

    /**
     * {@link #gemm} over the rows of C in one block per thread ({@link Threads#count()}, fewer when a block would
     * be smaller than {@value #MIN_BLOCK_ROWS} rows or {@value #MIN_BLOCK_WORK} multiply-adds); one block runs on
     * the calling thread. Unlike the shape-only blocks of {@code RowSplit.gemm}, the split depends on the thread
     * count, which is safe here because no value of C depends on it: C(i, j) is the same chain of FMAs (over p in
     * order, in kc blocks set by k alone) whichever rows share its strip or block, and whole and partial tiles
     * round their update of C alike (see {@link PackedProduct#multiplyOverwrite} and {@link MicroKernel#tileInto}).
     * Each block packs all of B once, so fewer blocks pack it fewer times: at n = 1000 on one thread the shape-only
     * split (7 blocks of 144 rows) packed B seven times, about 7% of the call (bench/results/2026-12-07-gemm2).
     */
    static void gemmOverThreads(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
                                double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                double beta, double[] c, int cOff, int ldc) {
        long work = (long) m * n * k;
        int blocks = (int) Math.min(Math.min(Threads.count(), m / MIN_BLOCK_ROWS), work / MIN_BLOCK_WORK);
        if (blocks <= 1) {
            gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int step = 4 * MicroKernel.MR; // whole strips in every block but the last
        int rows = ((m + blocks - 1) / blocks + step - 1) / step * step;
        int used = (m + rows - 1) / rows;
        boolean ta = transA == Transpose.TRANSPOSE;
        RowSplit.tasks(used, blk -> {
            int r0 = blk * rows;
            gemm(transA, transB, Math.min(rows, m - r0), n, k, alpha, a, aOff + (ta ? r0 : r0 * lda), lda,
                    b, bOff, ldb, beta, c, cOff + r0 * ldc, ldc);
        });
    }

    static void gemm(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return; // C is empty; with n = 0 its row offsets may even lie past the array's end
        }
        boolean ta = transA == Transpose.TRANSPOSE;
        boolean tb = transB == Transpose.TRANSPOSE;
        if (beta == 0 && k > 0) {
            // C is overwritten by the product's first block of k instead of cleared first.
            PackedProduct.multiplyOverwrite(m, n, k, alpha, a, aOff, lda, ta, b, bOff, ldb, tb, c, cOff, ldc);
            return;
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0) {
                Arrays.fill(c, ci, ci + n, 0.0);
            } else if (beta != 1) {
                Level1.scal(n, beta, c, ci);
            }
        }
        PackedProduct.multiply(false, m, n, k, alpha, a, aOff, lda, ta, null, 0, b, bOff, ldb, tb, false,
                c, cOff, ldc);
    }
}
