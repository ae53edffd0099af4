package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The leaf of the blocked triangular solve {@code B ← op(A)⁻¹·B} (A a small n×n triangle, lower or upper, op =
 * identity or transpose, unit diagonal or not; B n×nrhs): the blocked solves (Cholesky's panel solve, both halves
 * of the Cholesky solve) spend their leaf flops here. B is taken {@value #VECTORS} vectors wide at a time (16
 * columns on AVX2, 32 on AVX-512) and two rows at a time: both rows' sums over the rows already solved are
 * accumulated in registers (eight independent FMA chains, each loaded row of X serving both), so the strip of B
 * stays in L1 and every FMA unit is kept busy. The row-at-a-time form ({@link TriangularSolve}: one row updated
 * from four others, or four rows from one, the whole width of B each time) streamed B through L2 and ran at a
 * fraction of that rate.
 *
 * <p>Every case is one forward substitution by a lower triangle T once the unknowns are numbered in the order they
 * are solved: position p is row {@code r(p) = p} of B when op(A) is lower, {@code r(p) = n−1−p} when it is upper
 * (a backward substitution), and {@code T(p,q) = op(A)(r(p), r(q))}. T is copied once per call (negated, with the
 * reciprocals of its diagonal) into scratch, so the kernel below never sees the storage order: Lᵀ (the Cholesky
 * solve's second half) reads A by columns there, the copy only, and then runs exactly as L does.
 *
 * <p>Each solved row is {@code x_p = (b_p − Σ_{q<p} T(p,q)·x_q)·(1/T(p,p))} (no product on a unit diagonal: the
 * factor is 1) with the sum taken in order of q, one FMA per term. That is {@link TriangularSolve}'s order, term
 * for term, when op(A) = A is lower (row form: k ascending) and in both transposed cases (column form: each b_k
 * loses its terms in the order the x_i are solved), so those three agree with it bit for bit; for A upper, not
 * transposed, TriangularSolve sums k ascending and this leaf descending (the same terms, another rounding).
 * Columns past the last whole strip (fewer than {@link #W}) are copied into the scratch, padded to one vector
 * (solved a row at a time) or to a whole strip, and solved there: a lane's result does not depend on the other
 * lanes, so they are the same values.
 */
final class TriangularSolveLeaf {
    static final VectorSpecies<Double> S = Panels.S;
    static final int L = Panels.L;
    /** Vectors per strip of B (per row). */
    static final int VECTORS = 4;
    /** Columns per strip. */
    static final int W = VECTORS * L;

    private TriangularSolveLeaf() {
    }

    /** Scratch {@link #solve} needs for a triangle of order n. */
    static int scratch(int n) {
        return n * W + n * n + n;
    }

    /**
     * B ← op(A)⁻¹·B for A n×n triangular, B n×nrhs (see the class comment for the order of the arithmetic).
     * {@code x} is scratch of at least {@link #scratch}(n) doubles: −T (row p at n·W + p·n) and the reciprocals
     * of its diagonal are copied there once, so that the inner loop broadcasts straight from memory, and each
     * solved row of the strip is kept there too (row p at p·W), so that the inner loop's loads have indexes C2
     * can prove in range once (B's rows are ldb apart, not a constant).
     */
    static void solve(boolean lower, boolean trans, boolean unit, int n, int nrhs, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, double[] x) {
        boolean forward = lower != trans;
        // Distances in A between consecutive rows and columns of op(A), then of T (solve order).
        int ra = trans ? 1 : lda;
        int ca = trans ? lda : 1;
        int dr = forward ? ra : -ra;
        int dc = forward ? ca : -ca;
        int t0 = aOff + (forward ? 0 : (n - 1) * (ra + ca));
        int nd = n * W;
        int rd = nd + n * n;
        for (int p = 0; p < n; p++) {
            int row = t0 + p * dr;
            for (int q = 0; q < p; q++) {
                x[nd + p * n + q] = -a[row + q * dc];
            }
            x[rd + p] = unit ? 1 : 1 / a[row + p * dc];
        }
        int b0 = bOff + (forward ? 0 : (n - 1) * ldb); // row r(0) of B
        int db = forward ? ldb : -ldb;
        int c0 = 0;
        for (; c0 + W <= nrhs; c0 += W) {
            strip(n, b, b0 + c0, db, x);
        }
        int rest = nrhs - c0;
        // At most one vector left: rows one at a time (a padded strip, four times the lanes, took 1.2–1.6× as long);
        // more: one padded strip (two one-vector strips took 1.0–1.16× as long, three 1.2–1.7×). The leaf alone,
        // n = 24 and 32, 256- and 512-bit vectors (bench/results/2026-12-08-trsv8/NOTES.md).
        if (rest > L) {
            padded(n, b, b0 + c0, db, rest, W, x);
        } else if (rest > 0) {
            padded(n, b, b0 + c0, db, rest, L, x);
        }
    }

    /**
     * Columns past the whole strips: {@code cols} of them (row p of B at bp + p·db) copied into x at p·w, w = L
     * (solved a row at a time) or W (one strip), the lanes past cols zero; solved there and copied back.
     */
    private static void padded(int n, double[] b, int bp, int db, int cols, int w, double[] x) {
        // The strip's rows in x at p·w are both B and the solved rows (each row is read before it is written).
        for (int p = 0; p < n; p++) {
            int xp = p * w;
            System.arraycopy(b, bp + p * db, x, xp, cols);
            // Lanes past cols are never stored; zeros keep stale subnormals out of the FMAs' way.
            java.util.Arrays.fill(x, xp + cols, xp + w, 0.0);
        }
        if (w == L) {
            for (int p = 0; p < n; p++) {
                narrowRow(p, n, x);
            }
        } else {
            strip(n, x, 0, W, x);
        }
        for (int p = 0; p < n; p++) {
            System.arraycopy(x, p * w, b, bp + p * db, cols);
        }
    }

    /** One strip W wide: row p of B at bp + p·db; T and its reciprocals in x. */
    private static void strip(int n, double[] b, int bp, int db, double[] x) {
        int p = 0;
        for (; p + 2 <= n; p += 2) {
            rowPair(p, n, b, bp + p * db, db, x);
        }
        if (p < n) {
            row(p, n, b, bp + p * db, x);
        }
    }

    /** Rows i and i+1 of the strip (row i at bi in B, i+1 at bi + db); rows k &lt; i already solved, in x at k·W. */
    private static void rowPair(int i, int n, double[] b, int bi, int db, double[] x) {
        int bj = bi + db;
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

    /** Row i of a strip one vector wide, rows in x at k·L (both B and the solved rows). */
    private static void narrowRow(int i, int n, double[] x) {
        int di = n * W + i * n;
        int xi = i * L;
        DoubleVector a0 = DoubleVector.fromArray(S, x, xi);
        for (int k = 0; k < i; k++) {
            a0 = DoubleVector.broadcast(S, x[di + k]).fma(DoubleVector.fromArray(S, x, k * L), a0);
        }
        a0.mul(DoubleVector.broadcast(S, x[n * W + n * n + i])).intoArray(x, xi);
    }
}
