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
        assertThat(a.csc()).isSameAs(c);
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
    void emptyMatrix() {
        CsrMatrix a = new CsrMatrix(0, 5, new int[]{0}, new int[0], new double[0]);
        assertThat(a.csc().colPtrUnsafe()).hasSize(6).containsOnly(0);
        assertThat(a.toDense()).isEmpty();
    }
}
