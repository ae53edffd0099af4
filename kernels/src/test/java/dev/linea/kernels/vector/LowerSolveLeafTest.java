package dev.linea.kernels.vector;

import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LowerSolveLeaf} against {@link TriangularSolve} (the row-update form it replaces at the leaves of the blocked
 * solve): both take x_i = (b_i − Σ_k D(i,k)·x_k)·(1/D(i,i)) with one FMA per term in order of k, so they must agree
 * bit for bit, for every strip shape: whole strips, row pairs and the odd last row, one-vector strips, the scalar
 * tail, offsets and leading dimensions wider than the data. The solution is also checked against D·X = B.
 */
class LowerSolveLeafTest {

    @Test
    void agreesBitForBitWithTheRowForm() {
        Random rnd = new Random(17);
        int w = LowerSolveLeaf.W;
        int l = LowerSolveLeaf.L;
        int[] orders = {1, 2, 3, 7, 16, 17, 32, 33};
        int[] widths = {1, 2, l, l + 1, w - 1, w, w + 1, w + l, w + l + 3, 2 * w + 2 * l + 1, 5 * w + 3};
        for (int n : orders) {
            for (int nrhs : widths) {
                int ldd = n + 3;
                int dOff = 2;
                double[] d = new double[dOff + n * ldd];
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < i; k++) {
                        d[dOff + i * ldd + k] = rnd.nextGaussian();
                    }
                    d[dOff + i * ldd + i] = 1 + rnd.nextDouble() * 3; // well away from zero
                }
                int ldb = nrhs + 5;
                int bOff = 3;
                double[] b = new double[bOff + n * ldb];
                for (int i = 0; i < b.length; i++) {
                    b[i] = rnd.nextGaussian();
                }
                double[] expected = b.clone();
                TriangularSolve.solve(Triangle.LOWER, Transpose.NONE, Diagonal.NON_UNIT, n, nrhs, d, dOff, ldd,
                        expected, bOff, ldb);
                double[] actual = b.clone();
                LowerSolveLeaf.solve(n, nrhs, d, dOff, ldd, actual, bOff, ldb,
                        new double[LowerSolveLeaf.scratch(n)]);
                assertThat(actual).as("n = %d, nrhs = %d", n, nrhs).isEqualTo(expected);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < nrhs; j++) {
                        double s = 0;
                        double scale = 0;
                        for (int k = 0; k <= i; k++) {
                            double t = d[dOff + i * ldd + k] * actual[bOff + k * ldb + j];
                            s += t;
                            scale += Math.abs(t);
                        }
                        assertThat(s).as("(D·X)(%d, %d), n = %d, nrhs = %d", i, j, n, nrhs)
                                .isCloseTo(b[bOff + i * ldb + j], org.assertj.core.data.Offset.offset(
                                        1e-13 * (scale + 1)));
                    }
                }
            }
        }
    }
}
