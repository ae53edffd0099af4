package dev.linea.kernels.vector;

import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The leaf of the blocked forward substitution {@code B ← D⁻¹·B} (D a small n×n lower triangle, non-unit; B
 * n×nrhs): Cholesky's panel solve spends its leaf flops here. B is taken {@value #VECTORS} vectors wide at a time
 * (16 columns on AVX2, 32 on AVX-512) and two rows at a time: both rows' sums over the rows already solved are
 * accumulated in registers (eight independent FMA chains, each loaded row of X serving both), so the strip of B
 * stays in L1 and every FMA unit is kept busy. The row-at-a-time form ({@link TriangularSolve}: one row updated
 * from four others, the whole width of B each time) streamed B through L2 and ran at a fraction of that rate.
 *
 * <p>Each x_i is {@code (b_i − Σ_{k<i} D(i,k)·x_k)·(1/D(i,i))} with the sum taken in order of k, one rounding per
 * term (as TriangularSolve). Columns past the last whole strip are solved one vector wide, and the last
 * fewer than L by {@link TriangularSolve}.
 */
final class LowerSolveLeaf {
    static final VectorSpecies<Double> S = Panels.S;
    static final int L = Panels.L;
    /** Vectors per strip of B (per row). */
    static final int VECTORS = 4;
    /** Columns per strip. */
    static final int W = VECTORS * L;

    private LowerSolveLeaf() {
    }

    /** Scratch {@link #solve} needs for a triangle of order n. */
    static int scratch(int n) {
        return n * W + n * n + n;
    }

    /**
     * B ← D⁻¹·B for D n×n lower triangular with a non-unit diagonal, B n×nrhs. {@code x} is scratch of at least
     * {@link #scratch}(n) doubles: −D (row i at i·n) and 1/D(i,i) are copied there once, so that the inner loop
     * broadcasts straight from memory, and each solved row of the strip is kept there too at a constant stride,
     * so that the inner loop's loads have indexes C2 can prove in range once (B's rows are ldb apart, not a
     * constant).
     */
    static void solve(int n, int nrhs, double[] d, int dOff, int ldd, double[] b, int bOff, int ldb, double[] x) {
        int nd = n * W;
        int rd = nd + n * n;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < i; k++) {
                x[nd + i * n + k] = -d[dOff + i * ldd + k];
            }
            x[rd + i] = 1 / d[dOff + i * ldd + i];
        }
        int c0 = 0;
        for (; c0 + W <= nrhs; c0 += W) {
            int i = 0;
            for (; i + 2 <= n; i += 2) {
                rowPair(i, n, b, bOff + c0 + i * ldb, ldb, x);
            }
            if (i < n) {
                row(i, n, b, bOff + c0 + i * ldb, x);
            }
        }
        for (; c0 + L <= nrhs; c0 += L) {
            for (int i = 0; i < n; i++) {
                narrowRow(i, n, b, bOff + c0 + i * ldb, x);
            }
        }
        if (c0 < nrhs) {
            TriangularSolve.solve(Triangle.LOWER, Transpose.NONE, Diagonal.NON_UNIT, n, nrhs - c0, d, dOff, ldd,
                    b, bOff + c0, ldb);
        }
    }

    /** Rows i and i+1 of the strip (row i at bi in B); rows k &lt; i already solved, in x at k·W. */
    private static void rowPair(int i, int n, double[] b, int bi, int ldb, double[] x) {
        int bj = bi + ldb;
        int di = n * W + i * n;
        int dj = di + n;
        int rd = n * W + n * n + i;
        DoubleVector a0 = DoubleVector.fromArray(S, b, bi);
        DoubleVector a1 = DoubleVector.fromArray(S, b, bi + L);
        DoubleVector a2 = DoubleVector.fromArray(S, b, bi + 2 * L);
        DoubleVector a3 = DoubleVector.fromArray(S, b, bi + 3 * L);
        DoubleVector e0 = DoubleVector.fromArray(S, b, bj);
        DoubleVector e1 = DoubleVector.fromArray(S, b, bj + L);
        DoubleVector e2 = DoubleVector.fromArray(S, b, bj + 2 * L);
        DoubleVector e3 = DoubleVector.fromArray(S, b, bj + 3 * L);
        for (int k = 0; k < i; k++) {
            int xk = k * W;
            DoubleVector x0 = DoubleVector.fromArray(S, x, xk);
            DoubleVector x1 = DoubleVector.fromArray(S, x, xk + L);
            DoubleVector x2 = DoubleVector.fromArray(S, x, xk + 2 * L);
            DoubleVector x3 = DoubleVector.fromArray(S, x, xk + 3 * L);
            DoubleVector u = DoubleVector.broadcast(S, x[di + k]);
            DoubleVector v = DoubleVector.broadcast(S, x[dj + k]);
            a0 = u.fma(x0, a0);
            a1 = u.fma(x1, a1);
            a2 = u.fma(x2, a2);
            a3 = u.fma(x3, a3);
            e0 = v.fma(x0, e0);
            e1 = v.fma(x1, e1);
            e2 = v.fma(x2, e2);
            e3 = v.fma(x3, e3);
        }
        DoubleVector r = DoubleVector.broadcast(S, x[rd]);
        a0 = a0.mul(r);
        a1 = a1.mul(r);
        a2 = a2.mul(r);
        a3 = a3.mul(r);
        int xi = i * W;
        a0.intoArray(b, bi);
        a1.intoArray(b, bi + L);
        a2.intoArray(b, bi + 2 * L);
        a3.intoArray(b, bi + 3 * L);
        a0.intoArray(x, xi);
        a1.intoArray(x, xi + L);
        a2.intoArray(x, xi + 2 * L);
        a3.intoArray(x, xi + 3 * L);
        DoubleVector v = DoubleVector.broadcast(S, x[dj + i]);
        DoubleVector s = DoubleVector.broadcast(S, x[rd + 1]);
        e0 = v.fma(a0, e0).mul(s);
        e1 = v.fma(a1, e1).mul(s);
        e2 = v.fma(a2, e2).mul(s);
        e3 = v.fma(a3, e3).mul(s);
        int xj = xi + W;
        e0.intoArray(b, bj);
        e1.intoArray(b, bj + L);
        e2.intoArray(b, bj + 2 * L);
        e3.intoArray(b, bj + 3 * L);
        e0.intoArray(x, xj);
        e1.intoArray(x, xj + L);
        e2.intoArray(x, xj + 2 * L);
        e3.intoArray(x, xj + 3 * L);
    }

    /** The last row when n is odd (row i at bi in B). */
    private static void row(int i, int n, double[] b, int bi, double[] x) {
        int di = n * W + i * n;
        DoubleVector a0 = DoubleVector.fromArray(S, b, bi);
        DoubleVector a1 = DoubleVector.fromArray(S, b, bi + L);
        DoubleVector a2 = DoubleVector.fromArray(S, b, bi + 2 * L);
        DoubleVector a3 = DoubleVector.fromArray(S, b, bi + 3 * L);
        for (int k = 0; k < i; k++) {
            int xk = k * W;
            DoubleVector u = DoubleVector.broadcast(S, x[di + k]);
            a0 = u.fma(DoubleVector.fromArray(S, x, xk), a0);
            a1 = u.fma(DoubleVector.fromArray(S, x, xk + L), a1);
            a2 = u.fma(DoubleVector.fromArray(S, x, xk + 2 * L), a2);
            a3 = u.fma(DoubleVector.fromArray(S, x, xk + 3 * L), a3);
        }
        DoubleVector r = DoubleVector.broadcast(S, x[n * W + n * n + i]);
        a0.mul(r).intoArray(b, bi);
        a1.mul(r).intoArray(b, bi + L);
        a2.mul(r).intoArray(b, bi + 2 * L);
        a3.mul(r).intoArray(b, bi + 3 * L);
    }

    /** Row i of a strip one vector wide (the columns left after the whole strips; row i at bi, x rows at k·L). */
    private static void narrowRow(int i, int n, double[] b, int bi, double[] x) {
        int di = n * W + i * n;
        DoubleVector a0 = DoubleVector.fromArray(S, b, bi);
        for (int k = 0; k < i; k++) {
            a0 = DoubleVector.broadcast(S, x[di + k]).fma(DoubleVector.fromArray(S, x, k * L), a0);
        }
        a0 = a0.mul(DoubleVector.broadcast(S, x[n * W + n * n + i]));
        a0.intoArray(b, bi);
        a0.intoArray(x, i * L);
    }
}
