package dev.linea.kernels;

import dev.linea.kernels.split.RowSplit;

/**
 * Plain textbook loops, written to be obviously right: the reference every other backend is tested against, and
 * the "naive Java" baseline the benchmarks compare with. Deliberately not optimized: one accumulator, no blocking,
 * no unrolling. Sums run in index order, so results are deterministic; large calls of GEMV, Gram, GEMM and the
 * fused gradients are split over fixed row blocks whose partial sums are added in a fixed tree
 * ({@link Threads}), so they stay deterministic whatever the thread count.
 */
public final class ScalarBackend extends Backend {

    /** The one instance: the backend has no state. */
    public static final ScalarBackend INSTANCE = new ScalarBackend();

    private ScalarBackend() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    protected double dotKernel(int n, double[] x, int xOff, double[] y, int yOff) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[xOff + i] * y[yOff + i];
        }
        return sum;
    }

    @Override
    protected void axpyKernel(int n, double alpha, double[] x, int xOff, double[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    protected void scalKernel(int n, double alpha, double[] x, int xOff) {
        for (int i = 0; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    // Large calls of the row-streaming kernels run over fixed row blocks (RowSplit, see Threads); each block is
    // the plain loop below, so a one-block call is exactly the textbook loop.

    @Override
    protected void gemvKernel(Transpose trans, int m, int n, double alpha, double[] a, int aOff, int lda,
                              double[] x, int xOff, double beta, double[] y, int yOff) {
        RowSplit.gemv(ScalarBackend::gemvBlock, trans, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    @Override
    protected void gramKernel(int m, int n, double[] a, int aOff, int lda, double[] w, int wOff,
                              double[] c, int cOff, int ldc) {
        RowSplit.gram(ScalarBackend::gramBlock, m, n, a, aOff, lda, w, wOff, c, cOff, ldc);
    }

    @Override
    protected void gemmKernel(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
                              double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                              double beta, double[] c, int cOff, int ldc) {
        RowSplit.gemm(ScalarBackend::gemmBlock, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta,
                c, cOff, ldc);
    }

    @Override
    protected double leastSquaresGradientKernel(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                                boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                                double[] g, int gOff) {
        return RowSplit.fused(ScalarBackend::leastSquaresBlock, m, n, x, xOff, ldx, w, wOff, intercept, y, yOff,
                s, sOff, g, gOff);
    }

    @Override
    protected double logisticGradientKernel(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                            boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                            double[] g, int gOff) {
        return RowSplit.fused(ScalarBackend::logisticBlock, m, n, x, xOff, ldx, w, wOff, intercept, y, yOff,
                s, sOff, g, gOff);
    }

    private static void gemvBlock(Transpose trans, int m, int n, double alpha, double[] a, int aOff, int lda,
                                  double[] x, int xOff, double beta, double[] y, int yOff) {
        if (trans == Transpose.NONE) {
            for (int i = 0; i < m; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += a[aOff + i * lda + j] * x[xOff + j];
                }
                y[yOff + i] = alpha * sum + (beta == 0 ? 0 : beta * y[yOff + i]);
            }
        } else {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += a[aOff + i * lda + j] * x[xOff + i];
                }
                y[yOff + j] = alpha * sum + (beta == 0 ? 0 : beta * y[yOff + j]);
            }
        }
    }

    private static void gramBlock(int m, int n, double[] a, int aOff, int lda, double[] w, int wOff,
                                  double[] c, int cOff, int ldc) {
        for (int j = 0; j < n; j++) {
            for (int k = 0; k <= j; k++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    double wi = w == null ? 1 : w[wOff + i];
                    sum += a[aOff + i * lda + j] * wi * a[aOff + i * lda + k];
                }
                c[cOff + j * ldc + k] = sum;
                c[cOff + k * ldc + j] = sum;
            }
        }
    }

    @Override
    protected void centeredGramKernel(int m, int n, double[] a, int aOff, int lda, double[] shift, int shiftOff,
                                      double[] scale, int scaleOff, double[] w, int wOff,
                                      double[] c, int cOff, int ldc) {
        for (int j = 0; j < n; j++) {
            double sj = shift == null ? 0 : shift[shiftOff + j];
            double dj = scale == null ? 1 : scale[scaleOff + j];
            for (int k = 0; k <= j; k++) {
                double sk = shift == null ? 0 : shift[shiftOff + k];
                double dk = scale == null ? 1 : scale[scaleOff + k];
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    double wi = w == null ? 1 : w[wOff + i];
                    double zj = (a[aOff + i * lda + j] - sj) * dj;
                    double zk = (a[aOff + i * lda + k] - sk) * dk;
                    sum += zj * wi * zk;
                }
                c[cOff + j * ldc + k] = sum;
                c[cOff + k * ldc + j] = sum;
            }
        }
    }

    private static void gemmBlock(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
                                  double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                  double beta, double[] c, int cOff, int ldc) {
        boolean ta = transA == Transpose.TRANSPOSE;
        boolean tb = transB == Transpose.TRANSPOSE;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double aip = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bpj = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += aip * bpj;
                }
                int ij = cOff + i * ldc + j;
                c[ij] = alpha * sum + (beta == 0 ? 0 : beta * c[ij]);
            }
        }
    }

    @Override
    protected int choleskyKernel(int n, double[] a, int aOff, int lda) {
        for (int j = 0; j < n; j++) {
            double d = a[aOff + j * lda + j];
            for (int k = 0; k < j; k++) {
                double ljk = a[aOff + j * lda + k];
                d -= ljk * ljk;
            }
            if (!(d > 0)) {
                return j + 1;
            }
            double ljj = Math.sqrt(d);
            a[aOff + j * lda + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[aOff + i * lda + j];
                for (int k = 0; k < j; k++) {
                    s -= a[aOff + i * lda + k] * a[aOff + j * lda + k];
                }
                a[aOff + i * lda + j] = s / ljj;
            }
        }
        return 0;
    }

    @Override
    protected void choleskySolveKernel(int n, int nrhs, double[] l, int lOff, int ldl,
                                       double[] b, int bOff, int ldb) {
        triangularSolveKernel(Triangle.LOWER, Transpose.NONE, Diagonal.NON_UNIT, n, nrhs, l, lOff, ldl, b, bOff, ldb);
        triangularSolveKernel(Triangle.LOWER, Transpose.TRANSPOSE, Diagonal.NON_UNIT, n, nrhs, l, lOff, ldl,
                b, bOff, ldb);
    }

    @Override
    protected void triangularSolveKernel(Triangle uplo, Transpose trans, Diagonal diag, int n, int nrhs,
                                         double[] a, int aOff, int lda, double[] b, int bOff, int ldb) {
        boolean t = trans == Transpose.TRANSPOSE;
        // op(A) is lower triangular when A is lower and not transposed, or upper and transposed.
        boolean forward = (uplo == Triangle.LOWER) != t;
        for (int c = 0; c < nrhs; c++) {
            for (int s = 0; s < n; s++) {
                int i = forward ? s : n - 1 - s;
                double sum = b[bOff + i * ldb + c];
                for (int r = 0; r < s; r++) {
                    int k = forward ? r : n - 1 - r;
                    double opAik = t ? a[aOff + k * lda + i] : a[aOff + i * lda + k];
                    sum -= opAik * b[bOff + k * ldb + c];
                }
                b[bOff + i * ldb + c] = diag == Diagonal.UNIT ? sum : sum / a[aOff + i * lda + i];
            }
        }
    }

    @Override
    protected void qrKernel(int m, int n, double[] a, int aOff, int lda, double[] tau, int tauOff) {
        for (int j = 0; j < n; j++) {
            double alpha = a[aOff + j * lda + j];
            // ‖x‖ of the column below the diagonal, scaled by its largest entry so that entries of 1e±300
            // neither overflow nor underflow when squared.
            double max = 0;
            for (int i = j + 1; i < m; i++) {
                max = Math.max(max, Math.abs(a[aOff + i * lda + j]));
            }
            if (max == 0) {
                // H = I (LAPACK's dlarfg with a zero tail), R(j, j) = alpha.
                tau[tauOff + j] = 0;
                continue;
            }
            double sum = 0;
            for (int i = j + 1; i < m; i++) {
                double v = a[aOff + i * lda + j] / max;
                sum += v * v;
            }
            double xnorm = max * Math.sqrt(sum);
            double beta = -Math.copySign(Math.hypot(alpha, xnorm), alpha);
            tau[tauOff + j] = (beta - alpha) / beta;
            double scale = 1 / (alpha - beta);
            for (int i = j + 1; i < m; i++) {
                a[aOff + i * lda + j] *= scale;
            }
            a[aOff + j * lda + j] = beta;
            applyReflector(m, j, tau[tauOff + j], a, aOff, lda, j + 1, n, a, aOff, lda);
        }
    }

    @Override
    protected void qrMultiplyQKernel(Transpose trans, int m, int n, int nrhs, double[] qr, int qrOff, int ldqr,
                                     double[] tau, int tauOff, double[] b, int bOff, int ldb) {
        // Qᵀ = H(n−1)…H(0): apply H(0) first. Q = H(0)…H(n−1): apply H(n−1) first.
        for (int s = 0; s < n; s++) {
            int j = trans == Transpose.TRANSPOSE ? s : n - 1 - s;
            applyReflector(m, j, tau[tauOff + j], qr, qrOff, ldqr, 0, nrhs, b, bOff, ldb);
        }
    }

    /**
     * Applies H = I − τ·v·vᵀ (v stored in column j of {@code v} below row j, v_j = 1) to columns
     * [c0, c1) of the m-row matrix {@code b}, rows j…m−1.
     */
    private static void applyReflector(int m, int j, double tau, double[] v, int vOff, int ldv,
                                       int c0, int c1, double[] b, int bOff, int ldb) {
        if (tau == 0) {
            return;
        }
        for (int c = c0; c < c1; c++) {
            double s = b[bOff + j * ldb + c];
            for (int i = j + 1; i < m; i++) {
                s += v[vOff + i * ldv + j] * b[bOff + i * ldb + c];
            }
            s *= tau;
            b[bOff + j * ldb + c] -= s;
            for (int i = j + 1; i < m; i++) {
                b[bOff + i * ldb + c] -= s * v[vOff + i * ldv + j];
            }
        }
    }

    private static double leastSquaresBlock(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                            boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                            double[] g, int gOff) {
        double b = intercept ? w[wOff + n] : 0;
        int p = intercept ? n + 1 : n;
        for (int j = 0; j < p; j++) {
            g[gOff + j] = 0;
        }
        double loss = 0;
        for (int i = 0; i < m; i++) {
            double r = b - y[yOff + i];
            for (int j = 0; j < n; j++) {
                r += x[xOff + i * ldx + j] * w[wOff + j];
            }
            double si = s == null ? 1 : s[sOff + i];
            loss += 0.5 * si * r * r;
            for (int j = 0; j < n; j++) {
                g[gOff + j] += x[xOff + i * ldx + j] * si * r;
            }
            if (intercept) {
                g[gOff + n] += si * r;
            }
        }
        return loss;
    }

    private static double logisticBlock(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                        boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                        double[] g, int gOff) {
        double b = intercept ? w[wOff + n] : 0;
        int p = intercept ? n + 1 : n;
        for (int j = 0; j < p; j++) {
            g[gOff + j] = 0;
        }
        double loss = 0;
        for (int i = 0; i < m; i++) {
            double z = b;
            for (int j = 0; j < n; j++) {
                z += x[xOff + i * ldx + j] * w[wOff + j];
            }
            double si = s == null ? 1 : s[sOff + i];
            double yi = y[yOff + i];
            loss += si * (Logistic.log1pExp(z) - yi * z);
            double r = si * (Logistic.sigmoid(z) - yi);
            for (int j = 0; j < n; j++) {
                g[gOff + j] += x[xOff + i * ldx + j] * r;
            }
            if (intercept) {
                g[gOff + n] += r;
            }
        }
        return loss;
    }
}
