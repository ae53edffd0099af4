package dev.linea.nativeblas;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Logistic;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

import java.lang.ref.SoftReference;
import java.util.Arrays;
import java.util.Map;

/**
 * The system BLAS and LAPACK (OpenBLAS on Debian) through netlib's JNI bindings.
 *
 * <p>Row-major data are handed to column-major Fortran without copying: a row-major m×n matrix with leading
 * dimension ld is the column-major n×m matrix Aᵀ with the same ld, so transposes (and triangles) are flipped
 * instead. GEMM computes Cᵀ = op(B)ᵀ·op(A)ᵀ; the Gram matrix is DSYRK on Aᵀ; Cholesky is DPOTRF of the upper
 * triangle of the column-major view (the lower triangle in row-major); Householder QR of A is DGELQF (the LQ
 * factorization) of Aᵀ, whose storage is exactly LAPACK's DGEQRF storage of A read row-major — the same reflectors
 * and τ as the other backends; op(Q)·B is DORMLQ from the right on Bᵀ. The fused gradients are what an OpenBLAS
 * user writes: X·w by DGEMV, the residual loop in Java, Xᵀ·r by DGEMV — two passes over X.
 *
 * <p>Scratch memory: the weighted and the centred Gram matrix map one block of about 1 MiB of rows at a time
 * ({@code √w_i·(a_i − shift)·scale}) into a reused buffer and add its DSYRK (DSYRK has no weights or shift);
 * the fused gradients use an m-vector; QR uses LAPACK's workspace. The block and the m-vector are kept per calling
 * thread (softly referenced, so that the GC may take them back), so that a fit's many Gram and gradient calls do not
 * allocate them again each time; LAPACK's workspace is per call. The backend is thread-safe.
 *
 * <p>Threads: see {@link NativeLoader} — OpenBLAS runs 1 thread by default (property {@code linea.native.threads}
 * or variable {@code LINEA_NATIVE_THREADS} to change it), so that a multi-threaded service does not oversubscribe;
 * an explicit {@code linea.threads} / {@code --threads} count applies to it too. This backend does not split calls
 * over Linea's own row blocks: its results with several OpenBLAS threads are not bit-identical across counts.
 */
public final class NetlibBackend extends Backend {
    /** The centred Gram's row block, per calling thread (its 1 MiB was allocated by every weighted Gram call). */
    private static final ThreadLocal<SoftReference<double[]>> BLOCK_SCRATCH = new ThreadLocal<>();
    /** The two-GEMV gradient's m-vector, per calling thread (it was allocated by every gradient evaluation). */
    private static final ThreadLocal<SoftReference<double[]>> VECTOR_SCRATCH = new ThreadLocal<>();

    private final BLAS blas;
    private final LAPACK lapack;
    private final Map<String, String> facts;

    NetlibBackend(BLAS blas, LAPACK lapack, Map<String, String> facts) {
        this.blas = blas;
        this.lapack = lapack;
        this.facts = Map.copyOf(facts);
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public Map<String, String> describe() {
        return new java.util.TreeMap<>(facts);
    }

    @Override
    protected double dotKernel(int n, double[] x, int xOff, double[] y, int yOff) {
        return n == 0 ? 0 : blas.ddot(n, x, xOff, 1, y, yOff, 1);
    }

    @Override
    protected void axpyKernel(int n, double alpha, double[] x, int xOff, double[] y, int yOff) {
        if (n > 0) {
            blas.daxpy(n, alpha, x, xOff, 1, y, yOff, 1);
        }
    }

    @Override
    protected void scalKernel(int n, double alpha, double[] x, int xOff) {
        if (n > 0) {
            blas.dscal(n, alpha, x, xOff, 1);
        }
    }

    @Override
    protected void gemvKernel(Transpose trans, int m, int n, double alpha, double[] a, int aOff, int lda,
                              double[] x, int xOff, double beta, double[] y, int yOff) {
        int ylen = trans == Transpose.NONE ? m : n;
        if (m == 0 || n == 0) {
            for (int i = 0; i < ylen; i++) {
                y[yOff + i] = beta == 0 ? 0 : beta * y[yOff + i];
            }
            return;
        }
        // Row-major A is column-major Aᵀ (n×m): A·x is (Aᵀ)ᵀ·x.
        blas.dgemv(trans == Transpose.NONE ? "T" : "N", n, m, alpha, a, aOff, lda, x, xOff, 1, beta, y, yOff, 1);
    }

    @Override
    protected void gramKernel(int m, int n, double[] a, int aOff, int lda, double[] w, int wOff,
                              double[] c, int cOff, int ldc) {
        if (n == 0) {
            return;
        }
        if (m == 0) {
            for (int j = 0; j < n; j++) {
                Arrays.fill(c, cOff + j * ldc, cOff + j * ldc + n, 0.0);
            }
            return;
        }
        if (w != null) {
            // DSYRK has no weights: √w_i·a_i, one cached row block at a time (never an m×n copy).
            centeredGramKernel(m, n, a, aOff, lda, null, 0, null, 0, w, wOff, c, cOff, ldc);
            return;
        }
        // Column-major view M = Aᵀ (n×m): C = M·Mᵀ, lower triangle in column-major = upper in row-major.
        double[] sp = padded(a, aOff, lda, m);
        double[] cp = padded(c, cOff, ldc, n);
        blas.dsyrk("L", "N", n, m, 1.0, sp, aOff, lda, 0.0, cp, cOff, ldc);
        unpad(cp, c);
        mirrorUpper(n, c, cOff, ldc);
    }

    /**
     * The centred (and weighted) Gram: each block of about 1 MiB of rows is mapped to {@code √w_i·(a_i − s)·d}
     * in one reused buffer, and DSYRK adds that block's cross-product to C (β = 1 after the first block).
     */
    @Override
    protected void centeredGramKernel(int m, int n, double[] a, int aOff, int lda, double[] shift, int shiftOff,
                                      double[] scale, int scaleOff, double[] w, int wOff,
                                      double[] c, int cOff, int ldc) {
        if (n == 0 || m == 0) {
            gramKernel(m, n, a, aOff, lda, null, 0, c, cOff, ldc); // n = 0: nothing; m = 0: C = 0
            return;
        }
        int rows = centredBlockRows(m, n);
        double[] buf = scratch(BLOCK_SCRATCH, rows * n); // centreRows writes every value the DSYRK reads
        double[] cp = padded(c, cOff, ldc, n);
        for (int i0 = 0; i0 < m; i0 += rows) {
            int b = Math.min(rows, m - i0);
            centreRows(b, n, a, aOff + i0 * lda, lda, shift, shiftOff, scale, scaleOff, w, w == null ? 0 : wOff + i0,
                    buf);
            blas.dsyrk("L", "N", n, b, 1.0, buf, 0, n, i0 == 0 ? 0.0 : 1.0, cp, cOff, ldc);
        }
        unpad(cp, c);
        mirrorUpper(n, c, cOff, ldc);
    }

    /**
     * This thread's scratch array of at least {@code size} values (contents undefined), grown when too small. The
     * callers use it only between their own kernel calls, never across a call that could use the same scratch.
     */
    private static double[] scratch(ThreadLocal<SoftReference<double[]>> mine, int size) {
        SoftReference<double[]> ref = mine.get();
        double[] a = ref == null ? null : ref.get();
        if (a == null || a.length < size) {
            a = new double[size];
            mine.set(new SoftReference<>(a));
        }
        return a;
    }

    /** Copies the row-major upper triangle DSYRK wrote (its column-major lower) into the lower one. */
    private static void mirrorUpper(int n, double[] c, int cOff, int ldc) {
        for (int j = 0; j < n; j++) {
            for (int k = j + 1; k < n; k++) {
                c[cOff + k * ldc + j] = c[cOff + j * ldc + k];
            }
        }
    }


    @Override
    protected void gemmKernel(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
                              double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                              double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            // netlib rejects k = 0 (its bounds check goes negative); C ← β·C, not reading C when β = 0.
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int ij = cOff + i * ldc + j;
                    c[ij] = beta == 0 ? 0 : beta * c[ij];
                }
            }
            return;
        }
        // Row-major C = α·op(A)·op(B) + β·C is column-major Cᵀ = α·op(B)ᵀ·op(A)ᵀ + β·Cᵀ.
        double[] bp = padded(b, bOff, ldb, transB == Transpose.NONE ? k : n);
        double[] ap = padded(a, aOff, lda, transA == Transpose.NONE ? m : k);
        double[] cp = padded(c, cOff, ldc, m);
        blas.dgemm(flag(transB), flag(transA), n, m, k, alpha, bp, bOff, ldb, ap, aOff, lda, beta, cp, cOff, ldc);
        unpad(cp, c);
    }

    /**
     * netlib's own bounds checks want a column-major matrix's last column to be whole ({@code off + ld·cols}
     * elements), where the contract only needs up to its last used element; an array that ends exactly there is
     * handed over as a padded copy (rare: only when ld exceeds the rows used).
     */
    private static double[] padded(double[] a, int off, int ld, int cols) {
        long need = (long) off + (long) ld * cols;
        return a.length >= need ? a : Arrays.copyOf(a, (int) need);
    }

    /** Copies a padded output back into the caller's array. */
    private static void unpad(double[] padded, double[] original) {
        if (padded != original) {
            System.arraycopy(padded, 0, original, 0, original.length);
        }
    }

    private static String flag(Transpose t) {
        return t == Transpose.NONE ? "N" : "T";
    }

    @Override
    protected int choleskyKernel(int n, double[] a, int aOff, int lda) {
        if (n == 0) {
            return 0;
        }
        intW info = new intW(0);
        lapack.dpotrf("U", n, a, aOff, lda, info);
        if (info.val < 0) {
            throw new IllegalStateException("dpotrf rejected argument " + (-info.val) + " (a bug in Linea)");
        }
        if (info.val == 0) {
            // OpenBLAS's dpotrf lets a NaN through as a "positive" pivot; the contract reports it like LAPACK's
            // reference (the first pivot that is not > 0), which the factor's diagonal shows.
            for (int i = 0; i < n; i++) {
                if (!(a[aOff + i * lda + i] > 0)) {
                    return i + 1;
                }
            }
        }
        return info.val;
    }

    @Override
    protected void choleskySolveKernel(int n, int nrhs, double[] l, int lOff, int ldl,
                                       double[] b, int bOff, int ldb) {
        if (n == 0 || nrhs == 0) {
            return;
        }
        // With U = Lᵀ (the column-major view of row-major L) and Bv = Bᵀ: A·X = B ⇔ Xv·UᵀU = Bv, so
        // Xv = Bv·U⁻¹·U⁻ᵀ: two triangular solves from the right.
        double[] lp = padded(l, lOff, ldl, n);
        double[] bp = padded(b, bOff, ldb, n);
        blas.dtrsm("R", "U", "N", "N", nrhs, n, 1.0, lp, lOff, ldl, bp, bOff, ldb);
        blas.dtrsm("R", "U", "T", "N", nrhs, n, 1.0, lp, lOff, ldl, bp, bOff, ldb);
        unpad(bp, b);
    }

    @Override
    protected void triangularSolveKernel(Triangle uplo, Transpose trans, Diagonal diag, int n, int nrhs,
                                         double[] a, int aOff, int lda, double[] b, int bOff, int ldb) {
        if (n == 0 || nrhs == 0) {
            return;
        }
        // op(A)·X = B ⇔ Xᵀ·op(A)ᵀ = Bᵀ; the column-major view of A is Aᵀ with the other triangle, so
        // op(A)ᵀ is that view itself when op = NONE and its transpose when op = TRANSPOSE.
        double[] ap = padded(a, aOff, lda, n);
        double[] bp = padded(b, bOff, ldb, n);
        blas.dtrsm("R", uplo == Triangle.LOWER ? "U" : "L", flag(trans), diag == Diagonal.UNIT ? "U" : "N",
                nrhs, n, 1.0, ap, aOff, lda, bp, bOff, ldb);
        unpad(bp, b);
    }

    @Override
    protected void qrKernel(int m, int n, double[] a, int aOff, int lda, double[] tau, int tauOff) {
        if (n == 0) {
            return;
        }
        intW info = new intW(0);
        double[] query = new double[1];
        lapack.dgelqf(n, m, a, aOff, lda, tau, tauOff, query, 0, -1, info);
        int lwork = Math.max(1, (int) query[0]);
        double[] work = new double[lwork];
        lapack.dgelqf(n, m, a, aOff, lda, tau, tauOff, work, 0, lwork, info);
        if (info.val != 0) {
            throw new IllegalStateException("dgelqf returned info = " + info.val + " (a bug in Linea)");
        }
    }

    @Override
    protected void qrMultiplyQKernel(Transpose trans, int m, int n, int nrhs, double[] qr, int qrOff, int ldqr,
                                     double[] tau, int tauOff, double[] b, int bOff, int ldb) {
        if (n == 0 || nrhs == 0 || m == 0) {
            return;
        }
        // Q of A's QR is Q_lqᵀ of Aᵀ's LQ. With Bv = Bᵀ (nrhs×m): op(Q)·B ⇔ Bv·op(Q)ᵀ, and op(Q)ᵀ = Q_lq for
        // op = NONE, Q_lqᵀ for op = TRANSPOSE.
        String t = trans == Transpose.NONE ? "N" : "T";
        intW info = new intW(0);
        double[] query = new double[1];
        lapack.dormlq("R", t, nrhs, m, n, qr, qrOff, ldqr, tau, tauOff, b, bOff, ldb, query, 0, -1, info);
        int lwork = Math.max(1, (int) query[0]);
        double[] work = new double[lwork];
        lapack.dormlq("R", t, nrhs, m, n, qr, qrOff, ldqr, tau, tauOff, b, bOff, ldb, work, 0, lwork, info);
        if (info.val != 0) {
            throw new IllegalStateException("dormlq returned info = " + info.val + " (a bug in Linea)");
        }
    }

    @Override
    protected double leastSquaresGradientKernel(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                                boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                                double[] g, int gOff) {
        return twoGemvGradient(false, m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    @Override
    protected double logisticGradientKernel(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                            boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                            double[] g, int gOff) {
        return twoGemvGradient(true, m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    /**
     * The gradient as an OpenBLAS user writes it: z = X·w by DGEMV, the per-row loss and weight c_i in Java
     * (squared: c = s·r; logistic: c = s·(σ(z) − y)), then g = Xᵀ·c by DGEMV — two passes over X.
     */
    private double twoGemvGradient(boolean logistic, int m, int n, double[] x, int xOff, int ldx, double[] w,
                                   int wOff, boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                   double[] g, int gOff) {
        double[] z = scratch(VECTOR_SCRATCH, m);
        Arrays.fill(z, 0, m, 0.0); // DGEMV with β = 0 need not read z, but a NaN left there must not leak in
        gemvKernel(Transpose.NONE, m, n, 1, x, xOff, ldx, w, wOff, 0, z, 0);
        double b = intercept ? w[wOff + n] : 0;
        double loss = 0;
        double gb = 0;
        for (int i = 0; i < m; i++) {
            double zi = z[i] + b;
            double yi = y[yOff + i];
            double si = s == null ? 1 : s[sOff + i];
            if (logistic) {
                loss += si * (Logistic.log1pExp(zi) - yi * zi);
                z[i] = si * (Logistic.sigmoid(zi) - yi);
            } else {
                double r = zi - yi;
                loss += 0.5 * si * r * r;
                z[i] = si * r;
            }
            gb += z[i];
        }
        gemvKernel(Transpose.TRANSPOSE, m, n, 1, x, xOff, ldx, z, 0, 0, g, gOff);
        if (intercept) {
            g[gOff + n] = gb;
        }
        return loss;
    }
}
