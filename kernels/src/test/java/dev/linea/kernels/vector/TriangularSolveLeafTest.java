package dev.linea.kernels.vector;

import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TriangularSolveLeaf} against {@link TriangularSolve} (the row-update and column-update forms it replaces at
 * the leaves of the blocked solve), for every uplo × trans × diag: the leaf takes x_p = (b_p − Σ_q T(p,q)·x_q)·
 * (1/T(p,p)) with one FMA per term in order of solving, which is TriangularSolve's order except for A upper, not
 * transposed (its row form sums k ascending, the leaf descending), so those three must agree bit for bit, for every
 * strip shape: whole strips, row pairs and the odd last row, the padded last strip, offsets and leading dimensions
 * wider than the data. Every solution is also checked against op(A)·X = B.
 */
class TriangularSolveLeafTest {

    @Test
    void agreesWithTheRowAndColumnForms() {
        Random rnd = new Random(17);
        int w = TriangularSolveLeaf.W;
        int l = TriangularSolveLeaf.L;
        int[] orders = {1, 2, 3, 7, 16, 17, 32, 33};
        int[] widths = {1, 2, 3, l, l + 1, w - 1, w, w + 1, w + l, w + l + 3, 2 * w + 2 * l + 1, 5 * w + 3};
        for (Triangle uplo : Triangle.values()) {
            for (Transpose trans : Transpose.values()) {
                for (Diagonal diag : Diagonal.values()) {
                    for (int n : orders) {
                        for (int nrhs : widths) {
                            check(uplo, trans, diag, n, nrhs, rnd);
                        }
                    }
                }
            }
        }
    }

    private static void check(Triangle uplo, Transpose trans, Diagonal diag, int n, int nrhs, Random rnd) {
        boolean lower = uplo == Triangle.LOWER;
        boolean tr = trans == Transpose.TRANSPOSE;
        boolean unit = diag == Diagonal.UNIT;
        int lda = n + 3;
        int aOff = 2;
        double[] a = new double[aOff + n * lda];
        java.util.Arrays.fill(a, Double.NaN); // the other triangle (and a unit diagonal) must not be read
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                if (lower ? k < i : k > i) {
                    a[aOff + i * lda + k] = rnd.nextGaussian();
                }
            }
            if (!unit) {
                a[aOff + i * lda + i] = 1 + rnd.nextDouble() * 3; // well away from zero
            }
        }
        int ldb = nrhs + 5;
        int bOff = 3;
        double[] b = new double[bOff + n * ldb];
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextGaussian();
        }
        String ctx = String.format("%s %s %s n = %d, nrhs = %d", uplo, trans, diag, n, nrhs);
        double[] expected = b.clone();
        TriangularSolve.solve(uplo, trans, diag, n, nrhs, a, aOff, lda, expected, bOff, ldb);
        double[] actual = b.clone();
        double[] scratch = new double[TriangularSolveLeaf.scratch(n)];
        java.util.Arrays.fill(scratch, Double.NaN); // stale scratch must not leak into the result
        TriangularSolveLeaf.solve(lower, tr, unit, n, nrhs, a, aOff, lda, actual, bOff, ldb, scratch);
        if (lower || tr) {
            assertThat(actual).as(ctx).isEqualTo(expected);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < nrhs; j++) {
                double s = 0;
                double scale = 0;
                for (int k = 0; k < n; k++) {
                    int r = tr ? k : i;
                    int c = tr ? i : k;
                    double e = r == c ? (unit ? 1 : a[aOff + r * lda + r])
                            : (lower ? r > c : r < c) ? a[aOff + r * lda + c] : 0;
                    double t = e * actual[bOff + k * ldb + j];
                    s += t;
                    scale += Math.abs(t);
                }
                assertThat(s).as("(op(A)·X)(%d, %d), %s", i, j, ctx)
                        .isCloseTo(b[bOff + i * ldb + j], org.assertj.core.data.Offset.offset(1e-13 * (scale + 1)));
            }
        }
        for (int i = 0; i < bOff; i++) {
            assertThat(actual[i]).as("before B, %s", ctx).isEqualTo(b[i]);
        }
        for (int i = 0; i < n; i++) {
            for (int j = nrhs; j < ldb && bOff + i * ldb + j < b.length; j++) {
                assertThat(actual[bOff + i * ldb + j]).as("padding of row %d, %s", i, ctx)
                        .isEqualTo(b[bOff + i * ldb + j]);
            }
        }
    }
}
