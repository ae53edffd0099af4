package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;

/**
 * Gram, GEMM and Cholesky at sizes that cross the block boundaries of packed (BLIS-style) level-3 kernels, checked
 * like the rest of the suite (against the scalar reference, or by backward error). The vector backend's blocks:
 * 256 values of the summed dimension per packed block, 128 columns per L2 block, a 6×2L register tile (L = 2, 4
 * or 8 lanes: 6×4, 6×8, 6×16) and recursion in Cholesky and the triangular solves (from 8 right-hand sides) down to
 * blocks of 32, split at multiples of 8, whose leaves take B in strips of four vectors (16 or 32 columns). So:
 * summed dimensions at 255, 256, 257 and 513; rows and columns one below, at and one above multiples of 6, 8 and 16
 * and of 128; factor orders 31–33, 63–65, 129 and 257; right-hand sides 7, 8, 17 and 33. The sizes are chosen for
 * those blocks but the checks hold for any backend.
 */
class BlockBoundaryConformanceTest {
    /** Lengths of the summed dimension (the rows of A in a Gram matrix). */
    private static final int[] DEPTH = {255, 256, 257, 513};
    /** Widths past register-tile remainders (6-row strips, 4/8/16-column vector pairs). */
    private static final int[] NARROW = {5, 6, 13, 17, 24};
    /** Widths past the L2 column block. */
    private static final int[] WIDE = {127, 128, 129};
    /** m×n×k GEMM shapes: tile remainders in every dimension, and k across the packed block. */
    private static final int[][] GEMM = {{6, 16, 256}, {13, 17, 257}, {5, 33, 255}, {130, 129, 9}, {7, 136, 513},
        {25, 3, 300}};
    /** Cholesky and triangular-solve orders around the recursion's base size and splits. */
    private static final int[] FACTOR = {31, 32, 33, 63, 64, 65, 129, 257};
    /** Right-hand sides around the blocked solve's threshold (8), the tile width and the leaf's strip (16, 32). */
    private static final int[] RHS = {7, 8, 17, 33};

    @ForEachBackend
    void gram(Backend b) {
        Failures f = new Failures();
        for (boolean weighted : new boolean[]{false, true}) {
            for (int m : DEPTH) {
                for (int n : NARROW) {
                    GramConformanceTest.check(b, m, n, weighted, Sizes.LOOSE, f);
                }
            }
            for (int n : WIDE) {
                GramConformanceTest.check(b, 257, n, weighted, Sizes.LOOSE, f);
                GramConformanceTest.check(b, 7, n, weighted, Sizes.TIGHT, f);
            }
        }
        f.assertNone();
    }

    @ForEachBackend
    void gemm(Backend b) {
        Failures f = new Failures();
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                for (int[] s : GEMM) {
                    GemmConformanceTest.check(b, ta, tb, s[0], s[1], s[2], Sizes.LOOSE, 1.3, -0.6, f);
                    GemmConformanceTest.check(b, ta, tb, s[0], s[1], s[2], Sizes.TIGHT, 1, 0, f);
                }
            }
        }
        f.assertNone();
    }

    @ForEachBackend
    void cholesky(Backend b) {
        Failures f = new Failures();
        for (int n : FACTOR) {
            for (Sizes.Layout lay : Sizes.LAYOUTS) {
                CholeskyConformanceTest.check(b, n, lay, f);
            }
        }
        f.assertNone();
    }

    @ForEachBackend
    void triangularSolve(Backend b) {
        Failures f = new Failures();
        for (Triangle uplo : Triangle.values()) {
            for (Transpose trans : Transpose.values()) {
                for (Diagonal diag : Diagonal.values()) {
                    for (int n : new int[]{31, 32, 33, 65, 129}) {
                        for (int nrhs : RHS) {
                            TriangularSolveConformanceTest.check(b, uplo, trans, diag, n, nrhs, Sizes.LOOSE, f);
                        }
                    }
                }
            }
        }
        f.assertNone();
    }
}
