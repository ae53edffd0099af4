package dev.linea.models.lasso;

import dev.linea.kernels.sparse.CscMatrix;
import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.SparseDesign;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Newton steps' Gram on sparse data, rebuilt only for the columns a support did not share with the last one:
 * the entries filled around the known block equal those of a Gram computed from scratch, bit for bit (each entry is
 * computed by the same loop either way).
 */
class SparseGramReuseTest {
    @Test
    void entriesAroundAKnownBlockEqualTheFullGram() {
        SplittableRandom r = new SplittableRandom(5);
        int m = 300;
        int p = 40;
        double[] dense = new double[m * p];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = r.nextDouble() < 0.15 ? r.nextGaussian() + 0.5 : 0;
        }
        double[] y = new double[m];
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            y[i] = r.nextGaussian();
            w[i] = 0.5 + r.nextDouble();
        }
        SparseDesign d = SparseDesign.of(CsrMatrix.fromDense(m, p, dense), y, w, null, null, true);
        CscMatrix x = d.matrix().csc();
        SparseWorkspace ws = new SparseWorkspace(d, x, new Standardization(d, x, true, true));
        int[] list = {7, 3, 19, 0, 33, 12, 25};
        int q = list.length;
        double[] full = new double[q * q];
        ws.gramOf(list, q, full);
        // columns at positions 0, 1, 3, 5 known (their mutual entries copied in), the others new
        boolean[] known = {true, true, false, true, false, true, false};
        double[] partial = new double[q * q];
        java.util.Arrays.fill(partial, Double.NaN);
        for (int a = 0; a < q; a++) {
            for (int b = 0; b < q; b++) {
                if (known[a] && known[b]) {
                    partial[a * q + b] = full[a * q + b];
                }
            }
        }
        ws.gramOf(list, q, known, partial);
        for (int k = 0; k < q * q; k++) {
            assertThat(Double.doubleToRawLongBits(partial[k])).as("entry %d", k)
                    .isEqualTo(Double.doubleToRawLongBits(full[k]));
        }
    }
}
