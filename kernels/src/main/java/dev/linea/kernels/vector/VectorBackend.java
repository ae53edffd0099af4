package dev.linea.kernels.vector;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;
import dev.linea.kernels.split.RowSplit;
import jdk.incubator.vector.DoubleVector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SIMD backend on the Vector API ({@code jdk.incubator.vector}), written for speed. Each kernel lives in its own
 * class of this package; this class only dispatches. Large Gram, GEMV and fused-gradient calls are split
 * over row blocks on {@link dev.linea.kernels.Threads} threads by {@link RowSplit}, GEMM one block per thread by
 * {@link Gemm#gemmOverThreads}, with results independent of the thread count. Loaded reflectively by {@code Backends}, and only when the
 * module is present, so that nothing else needs the flag.
 */
public final class VectorBackend extends Backend {

    /** The one instance: the backend has no state. */
    public static final VectorBackend INSTANCE = new VectorBackend();

    private VectorBackend() {
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("species", DoubleVector.SPECIES_PREFERRED.toString());
        d.put("lanes", Integer.toString(DoubleVector.SPECIES_PREFERRED.length()));
        return d;
    }

    @Override
    protected double dotKernel(int n, double[] x, int xOff, double[] y, int yOff) {
        return Level1.dot(n, x, xOff, y, yOff);
    }

    @Override
    protected void axpyKernel(int n, double alpha, double[] x, int xOff, double[] y, int yOff) {
        Level1.axpy(n, alpha, x, xOff, y, yOff);
    }

    @Override
    protected void scalKernel(int n, double alpha, double[] x, int xOff) {
        Level1.scal(n, alpha, x, xOff);
    }

    @Override
    protected void gemvKernel(Transpose trans, int m, int n, double alpha, double[] a, int aOff, int lda,
                              double[] x, int xOff, double beta, double[] y, int yOff) {
        RowSplit.gemv(VectorBackend::gemvBlock, trans, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    /** The single-thread GEMV, one row block of {@link RowSplit#gemv}. */
    private static void gemvBlock(Transpose trans, int m, int n, double alpha, double[] a, int aOff, int lda,
                                  double[] x, int xOff, double beta, double[] y, int yOff) {
        if (trans == Transpose.NONE) {
            Gemv.notTransposed(m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
        } else {
            Gemv.transposed(m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
        }
    }

    @Override
    protected void gramKernel(int m, int n, double[] a, int aOff, int lda, double[] w, int wOff,
                              double[] c, int cOff, int ldc) {
        RowSplit.gram(Gram::gram, m, n, a, aOff, lda, w, wOff, c, cOff, ldc);
    }

    @Override
    protected void centeredGramKernel(int m, int n, double[] a, int aOff, int lda, double[] shift, int shiftOff,
                                      double[] scale, int scaleOff, double[] w, int wOff,
                                      double[] c, int cOff, int ldc) {
        // The packing loop is straight-line vector code: zeros and ones stand in for a missing shift or scale.
        double[] sh = shift == null ? new double[n] : shift;
        double[] sc = scale;
        int scOff = scaleOff;
        if (scale == null) {
            sc = new double[n];
            java.util.Arrays.fill(sc, 1.0);
            scOff = 0;
        }
        PackedProduct.Affine affine = new PackedProduct.Affine(sh, shift == null ? 0 : shiftOff, sc, scOff);
        // The map acts on columns, so the row blocks of RowSplit (threads, fixed reduction order) apply unchanged.
        RowSplit.gram((bm, bn, ba, baOff, blda, bw, bwOff, bc, bcOff, bldc)
                -> Gram.gram(bm, bn, ba, baOff, blda, affine, bw, bwOff, bc, bcOff, bldc),
                m, n, a, aOff, lda, w, wOff, c, cOff, ldc);
    }

    @Override
    protected void gemmKernel(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
                              double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                              double beta, double[] c, int cOff, int ldc) {
        Gemm.gemmOverThreads(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    protected int choleskyKernel(int n, double[] a, int aOff, int lda) {
        return Cholesky.factor(n, a, aOff, lda);
    }

    @Override
    protected void choleskySolveKernel(int n, int nrhs, double[] l, int lOff, int ldl,
                                       double[] b, int bOff, int ldb) {
        Cholesky.solve(n, nrhs, l, lOff, ldl, b, bOff, ldb);
    }

    @Override
    protected void triangularSolveKernel(Triangle uplo, Transpose trans, Diagonal diag, int n, int nrhs,
                                         double[] a, int aOff, int lda, double[] b, int bOff, int ldb) {
        BlockedTrsm.solve(uplo, trans, diag, n, nrhs, a, aOff, lda, b, bOff, ldb);
    }

    @Override
    protected void qrKernel(int m, int n, double[] a, int aOff, int lda, double[] tau, int tauOff) {
        HouseholderQr.factor(m, n, a, aOff, lda, tau, tauOff);
    }

    @Override
    protected void qrMultiplyQKernel(Transpose trans, int m, int n, int nrhs, double[] qr, int qrOff, int ldqr,
                                     double[] tau, int tauOff, double[] b, int bOff, int ldb) {
        HouseholderQr.multiplyQ(trans, m, n, nrhs, qr, qrOff, ldqr, tau, tauOff, b, bOff, ldb);
    }

    /**
     * 98 304 doubles (768 KiB, 984 rows at n = 100) with 8-lane level-3 kernels, else the default 32 768: the
     * AVX-512 machines have at least 1 MiB of L2 per core, and there the larger block amortizes the kernel's
     * per-block work (T factors, calls, edge tiles). Measured on the AVX-512 EPYC (Zen 4), one thread, same-JVM A/B
     * (bench/results/2026-12-08-qr8): QR fit 1e6×100 1.10× faster than with 32 768; on the AVX2 EPYC (Zen 3,
     * 512 KiB L2) 65 536 was 0.85× (docs/least-squares.md), so 4 lanes keep the default.
     */
    @Override
    protected int stackedQrBlockDoubles() {
        return Panels.L >= 8 ? 98_304 : super.stackedQrBlockDoubles();
    }

    @Override
    protected void qrStackedKernel(int n, int mb, double[] r, int rOff, int ldr, double[] b, int bOff, int ldb,
                                   double[] t, int tOff) {
        StackedQr.factor(n, mb, r, rOff, ldr, b, bOff, ldb, t, tOff);
    }

    @Override
    protected void qrStackedMultiplyQKernel(Transpose trans, int n, int mb, int nrhs, double[] v, int vOff, int ldv,
                                            double[] t, int tOff, double[] top, int topOff, int ldtop,
                                            double[] bot, int botOff, int ldbot) {
        StackedQr.multiplyQ(trans, n, mb, nrhs, v, vOff, ldv, t, tOff, top, topOff, ldtop, bot, botOff, ldbot);
    }

    @Override
    protected void residualsDoubleDoubleKernel(int m, int n, double[] a, int aOff, int lda, double[] aLow,
                                               int aLowOff, double[] x, int xOff, double[] b, int bOff,
                                               double[] r, int rOff, double[] g, int gOff) {
        DoubleDoubleRows.rows(m, n, a, aOff, lda, aLow, aLowOff, x, xOff, b, bOff, r, rOff, g, gOff);
    }

    @Override
    protected double leastSquaresGradientKernel(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                                boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                                double[] g, int gOff) {
        return RowSplit.fused(FusedGradients::leastSquares, m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff,
                g, gOff);
    }

    @Override
    protected double logisticGradientKernel(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                            boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                            double[] g, int gOff) {
        return RowSplit.fused(FusedGradients::logistic, m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff,
                g, gOff);
    }

    // ---------------------------------------------------------------- sparse kernels (issue #19), begin
    // Gathered row dots (SparseGather); Aᵀ·u and the sparse Gram are scatters, which AVX2 cannot vectorize: they
    // keep the scalar reference (Backend's defaults).

    @Override
    protected void sparseTimesKernel(dev.linea.kernels.sparse.CsrMatrix x, double[] centre, double[] scale,
                                     double[] v, int vOff, double bias, double[] out, int outOff) {
        SparseGather.times(x, centre, scale, v, vOff, bias, out, outOff);
    }

    @Override
    protected double sparseLeastSquaresGradientKernel(dev.linea.kernels.sparse.CsrMatrix x, double[] centre,
                                                      double[] scale, double[] w, int wOff, boolean intercept,
                                                      double[] y, int yOff, double[] s, int sOff,
                                                      double[] g, int gOff) {
        return SparseGather.fused(false, x, centre, scale, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    @Override
    protected double sparseLogisticGradientKernel(dev.linea.kernels.sparse.CsrMatrix x, double[] centre,
                                                  double[] scale, double[] w, int wOff, boolean intercept,
                                                  double[] y, int yOff, double[] s, int sOff,
                                                  double[] g, int gOff) {
        return SparseGather.fused(true, x, centre, scale, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }
    // ---------------------------------------------------------------- sparse kernels (issue #19), end
}
