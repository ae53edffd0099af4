package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Diagonal;
import dev.linea.kernels.ScalarBackend;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;

/**
 * The scalar reference with one deliberate defect (or one harmless change), for {@link SuiteSelfTest}: proves that
 * the conformance checks catch the kinds of bug a SIMD rewrite makes, and accept legitimate reorderings.
 */
final class MutantBackend extends Backend {
    enum Defect {
        /** Harmless: dot summed backwards with four accumulators (a different rounding, not a bug). */
        NONE_DOT_REORDERED,
        DOT_DROPS_LAST_ELEMENT,
        GEMV_WRITES_PAST_Y,
        GEMV_READS_Y_WHEN_BETA_IS_ZERO,
        GEMM_ASSUMES_TIGHT_LDB,
        GRAM_IGNORES_WEIGHTS,
        CHOLESKY_WRITES_UPPER_TRIANGLE,
        CHOLESKY_INFO_ZERO_BASED,
        TRIANGULAR_SOLVE_READS_UNIT_DIAGONAL,
        QR_MULTIPLY_Q_IGNORES_TRANS,
        GRADIENT_IGNORES_INTERCEPT,
        LOGISTIC_LOSS_OVERFLOWS,
        DOT_NOT_DETERMINISTIC
    }

    private static final ScalarBackend REF = ScalarBackend.INSTANCE;
    private final Defect defect;
    private int calls;

    MutantBackend(Defect defect) {
        this.defect = defect;
    }

    @Override
    public String name() {
        return "mutant";
    }

    @Override
    protected double dotKernel(int n, double[] x, int xOff, double[] y, int yOff) {
        return switch (defect) {
            case NONE_DOT_REORDERED -> {
                double[] acc = new double[4];
                for (int i = n - 1; i >= 0; i--) {
                    acc[i & 3] = Math.fma(x[xOff + i], y[yOff + i], acc[i & 3]);
                }
                yield (acc[0] + acc[1]) + (acc[2] + acc[3]);
            }
            case DOT_DROPS_LAST_ELEMENT -> REF.dot(Math.max(0, n - 1), x, xOff, y, yOff);
            case DOT_NOT_DETERMINISTIC -> REF.dot(n, x, xOff, y, yOff) * ((++calls % 97 == 0) ? 1 + 0x1p-52 : 1);
            default -> REF.dot(n, x, xOff, y, yOff);
        };
    }

    @Override
    protected void axpyKernel(int n, double alpha, double[] x, int xOff, double[] y, int yOff) {
        REF.axpy(n, alpha, x, xOff, y, yOff);
    }

    @Override
    protected void scalKernel(int n, double alpha, double[] x, int xOff) {
        REF.scal(n, alpha, x, xOff);
    }

    @Override
    protected void gemvKernel(Transpose trans, int m, int n, double alpha, double[] a, int aOff, int lda,
                              double[] x, int xOff, double beta, double[] y, int yOff) {
        int yLen = trans == Transpose.NONE ? m : n;
        if (defect == Defect.GEMV_READS_Y_WHEN_BETA_IS_ZERO && beta == 0) {
            double[] keep = new double[yLen];
            System.arraycopy(y, yOff, keep, 0, yLen);
            REF.gemv(trans, m, n, alpha, a, aOff, lda, x, xOff, 0, y, yOff);
            for (int i = 0; i < yLen; i++) {
                y[yOff + i] += beta * keep[i];
            }
            return;
        }
        REF.gemv(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
        if (defect == Defect.GEMV_WRITES_PAST_Y && yOff + yLen < y.length) {
            y[yOff + yLen] = 0;
        }
    }

    @Override
    protected void gramKernel(int m, int n, double[] a, int aOff, int lda, double[] w, int wOff,
                              double[] c, int cOff, int ldc) {
        REF.gram(m, n, a, aOff, lda, defect == Defect.GRAM_IGNORES_WEIGHTS ? null : w, wOff, c, cOff, ldc);
    }

    @Override
    protected void gemmKernel(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
                              double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                              double beta, double[] c, int cOff, int ldc) {
        int tight = Math.max(1, transB == Transpose.NONE ? n : k);
        REF.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff,
                defect == Defect.GEMM_ASSUMES_TIGHT_LDB ? tight : ldb, beta, c, cOff, ldc);
    }

    @Override
    protected int choleskyKernel(int n, double[] a, int aOff, int lda) {
        int info = REF.cholesky(n, a, aOff, lda);
        if (defect == Defect.CHOLESKY_WRITES_UPPER_TRIANGLE && info == 0) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    a[aOff + j * lda + i] = a[aOff + i * lda + j];
                }
            }
        }
        return defect == Defect.CHOLESKY_INFO_ZERO_BASED && info > 0 ? info - 1 : info;
    }

    @Override
    protected void choleskySolveKernel(int n, int nrhs, double[] l, int lOff, int ldl, double[] b, int bOff,
                                       int ldb) {
        REF.choleskySolve(n, nrhs, l, lOff, ldl, b, bOff, ldb);
    }

    @Override
    protected void triangularSolveKernel(Triangle uplo, Transpose trans, Diagonal diag, int n, int nrhs,
                                         double[] a, int aOff, int lda, double[] b, int bOff, int ldb) {
        Diagonal d = defect == Defect.TRIANGULAR_SOLVE_READS_UNIT_DIAGONAL ? Diagonal.NON_UNIT : diag;
        REF.triangularSolve(uplo, trans, d, n, nrhs, a, aOff, lda, b, bOff, ldb);
    }

    @Override
    protected void qrKernel(int m, int n, double[] a, int aOff, int lda, double[] tau, int tauOff) {
        REF.qr(m, n, a, aOff, lda, tau, tauOff);
    }

    @Override
    protected void qrMultiplyQKernel(Transpose trans, int m, int n, int nrhs, double[] qr, int qrOff, int ldqr,
                                     double[] tau, int tauOff, double[] b, int bOff, int ldb) {
        Transpose t = defect == Defect.QR_MULTIPLY_Q_IGNORES_TRANS ? Transpose.TRANSPOSE : trans;
        REF.qrMultiplyQ(t, m, n, nrhs, qr, qrOff, ldqr, tau, tauOff, b, bOff, ldb);
    }

    @Override
    protected double leastSquaresGradientKernel(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                                boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                                double[] g, int gOff) {
        if (defect == Defect.GRADIENT_IGNORES_INTERCEPT && intercept) {
            double loss = REF.leastSquaresGradient(m, n, x, xOff, ldx, w, wOff, false, y, yOff, s, sOff, g, gOff);
            g[gOff + n] = 0;
            return loss;
        }
        return REF.leastSquaresGradient(m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    @Override
    protected double logisticGradientKernel(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                            boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                            double[] g, int gOff) {
        double loss = REF.logisticGradient(m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
        if (defect != Defect.LOGISTIC_LOSS_OVERFLOWS) {
            return loss;
        }
        double naive = 0; // log(1 + e^z) without the overflow guard
        for (int i = 0; i < m; i++) {
            double z = intercept ? w[wOff + n] : 0;
            for (int j = 0; j < n; j++) {
                z += x[xOff + i * ldx + j] * w[wOff + j];
            }
            naive += (s == null ? 1 : s[sOff + i]) * (Math.log(1 + Math.exp(z)) - y[yOff + i] * z);
        }
        return naive;
    }
}
