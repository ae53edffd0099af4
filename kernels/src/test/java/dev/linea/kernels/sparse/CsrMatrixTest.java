package dev.linea.kernels.sparse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsrMatrixTest {
    // 3 × 4 with an empty middle row and an empty last column:
    // [1 0 2 0]
    // [0 0 0 0]
    // [0 3 0 0]
    private static final double[] DENSE = {1, 0, 2, 0, 0, 0, 0, 0, 0, 3, 0, 0};

    @Test
    void roundTripsThroughDenseAndColumns() {
        CsrMatrix a = CsrMatrix.fromDense(3, 4, DENSE);
        assertThat(a.nonZeros()).isEqualTo(3);
        assertThat(a.rowPtrUnsafe()).containsExactly(0, 2, 2, 3);
        assertThat(a.indicesUnsafe()).containsExactly(0, 2, 1);
        assertThat(a.toDense()).containsExactly(DENSE);
        assertThat(a.bytes()).isEqualTo(12 * 3 + 4 * 4);
        CscMatrix c = a.csc();
        assertThat(c.colPtrUnsafe()).containsExactly(0, 1, 2, 3, 3);
        assertThat(c.indicesUnsafe()).containsExactly(0, 2, 0);
        assertThat(c.valuesUnsafe()).containsExactly(1, 3, 2);
        assertThat(a.csc()).isNotSameAs(c); // built per call, not cached: the caller holds it while it needs it
    }

    @Test
    void rejectsUnsortedDuplicateOutOfRangeAndNonFinite() {
        assertThatThrownBy(() -> new CsrMatrix(1, 3, new int[]{0, 2}, new int[]{1, 1}, new double[]{1, 2}))
                .hasMessageContaining("row 0 has column index 1 after 1");
        assertThatThrownBy(() -> new CsrMatrix(1, 3, new int[]{0, 2}, new int[]{2, 0}, new double[]{1, 2}))
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new CsrMatrix(1, 3, new int[]{0, 1}, new int[]{3}, new double[]{1}))
                .hasMessageContaining("column index 3").hasMessageContaining("< 3");
        assertThatThrownBy(() -> new CsrMatrix(1, 3, new int[]{0, 1}, new int[]{0}, new double[]{Double.NaN}))
                .hasMessageContaining("row 0, column 0 holds NaN");
        assertThatThrownBy(() -> new CsrMatrix(2, 3, new int[]{0, 1}, new int[]{0}, new double[]{1}))
                .hasMessageContaining("rowPtr has 2 entries, expected rows + 1 = 3");
        assertThatThrownBy(() -> new CsrMatrix(2, 3, new int[]{0, 1, 0}, new int[]{}, new double[]{}))
                .hasMessageContaining("rowPtr decreases at row 1");
    }

    @Test
    void columnsOfARandomPatternWithEmptyColumnsMatchTheDenseTranspose() {
        java.util.Random r = new java.util.Random(19);
        int m = 57;
        int n = 40;
        double[] dense = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                // columns 0, 13 and 39 stay empty; about one entry in five elsewhere
                if (j % 13 != 0 && j != n - 1 && r.nextInt(5) == 0) {
                    dense[i * n + j] = r.nextInt(9) - 4 + 0.5;
                }
            }
        }
        CsrMatrix a = CsrMatrix.fromDense(m, n, dense);
        CscMatrix c = a.csc();
        assertThat(c.nonZeros()).isEqualTo(a.nonZeros());
        int[] cp = c.colPtrUnsafe();
        assertThat(cp[0]).isZero();
        for (int j = 0; j < n; j++) {
            int k = cp[j];
            for (int i = 0; i < m; i++) {
                if (dense[i * n + j] != 0) {
                    assertThat(c.indicesUnsafe()[k]).as("column %d", j).isEqualTo(i);
                    assertThat(c.valuesUnsafe()[k]).isEqualTo(dense[i * n + j]);
                    k++;
                }
            }
            assertThat(cp[j + 1]).as("end of column %d", j).isEqualTo(k);
        }
    }

    @Test
    void emptyMatrix() {
        CsrMatrix a = new CsrMatrix(0, 5, new int[]{0}, new int[0], new double[0]);
        assertThat(a.csc().colPtrUnsafe()).hasSize(6).containsOnly(0);
        assertThat(a.toDense()).isEmpty();
    }
}
