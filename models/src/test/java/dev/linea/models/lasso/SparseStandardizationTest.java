package dev.linea.models.lasso;

import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.SparseDesign;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sparse standardization's constant columns: a column stored in every row of positive weight with one value has
 * no zeros that count, so the zeros' share of its spread is exactly 0 (SparseDesign.zerosShare). Before, it was {@code m_j²·(1 − Σ w̄_i)}, and 1 − Σ w̄_i rounds to a few
 * ulps above 0 for about half of all weight vectors: the column was kept with a spread of order ε·m_j² (inert,
 * since its centred values are constant too, but not the dense fit's exclusion).
 */
class SparseStandardizationTest {

    @Test
    void aColumnStoredInEveryRowWithOneValueIsExcluded() {
        int m = 150;
        double[] dense = new double[m * 4];
        double[] y = new double[m];
        double[] w = new double[m];
        java.util.Random r = new java.util.Random(3);
        double total = 0;
        for (int i = 0; i < m; i++) {
            w[i] = i % 10 == 3 ? 0 : 0.2 + 1.6 * r.nextDouble();
            dense[4 * i] = r.nextGaussian();
            dense[4 * i + 1] = 0.1; // not a binary fraction: its mean is 0.1 up to rounding
            dense[4 * i + 2] = i % 4 == 0 ? 0.1 : 0; // the same value, but with zeros: not constant
            dense[4 * i + 3] = w[i] > 0 ? 0.1 : 0; // zeros only where the weight is 0: constant
            y[i] = r.nextGaussian();
            total += w[i];
        }
        double share = 0;
        for (int i = 0; i < m; i++) {
            share += w[i] / total;
        }
        // the case the old formula got wrong: 1 − Σ w̄_i rounds above 0 for these weights
        assertThat(1 - share).isGreaterThan(0);
        SparseDesign d = SparseDesign.of(CsrMatrix.fromDense(m, 4, dense), y, w, null, null, true);
        Standardization st = new Standardization(d, d.matrix().csc(), true, true);
        assertThat(st.excluded).containsExactly(false, true, false, true);
        // the zeros' share itself: exactly 0 for both constant columns, the weight of the rows without it otherwise
        double without = 0;
        for (int i = 0; i < m; i++) {
            without += i % 4 == 0 ? 0 : w[i];
        }
        double stored = 0;
        for (int i = 0; i < m; i++) {
            stored += i % 4 == 0 ? w[i] : 0;
        }
        assertThat(d.zerosShare(stored)).isCloseTo(without / total, org.assertj.core.api.Assertions.within(1e-15));
    }
}
