package dev.linea.kernels.sparse;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsrBuilderTest {

    @Test
    void sortsSumsDuplicatesAndDropsExactZeros() {
        CsrBuilder b = new CsrBuilder();
        b.addRow(new int[] {5, 1, 5, 3}, new double[] {2, 1, 0.5, 4}, 4);
        b.addRow(new int[0], new double[0], 0); // an empty row
        b.addRow(new int[] {2, 2, 7}, new double[] {1, -1, 3}, 3); // +1 and −1 cancel: column 2 is not stored
        b.addRow(new int[] {9, 0}, new double[] {1, 1, 99}, 2); // only the first count pairs
        CsrMatrix a = b.build();
        assertThat(a.rows()).isEqualTo(4);
        assertThat(a.cols()).isEqualTo(10); // largest index + 1
        assertThat(a.rowPtrUnsafe()).containsExactly(0, 3, 3, 4, 6);
        assertThat(a.indicesUnsafe()).containsExactly(1, 3, 5, 7, 0, 9);
        assertThat(a.valuesUnsafe()).containsExactly(1, 4, 2.5, 3, 1, 1);
    }

    @Test
    void longRowsSortLikeShortOnesAndMatchADenseAccumulation() {
        Random r = new Random(7);
        int cols = 50;
        CsrBuilder b = new CsrBuilder(cols, 3, 4);
        double[] dense = new double[20 * cols];
        for (int i = 0; i < 20; i++) {
            int count = i * 7; // 0 … 133 pairs: both the insertion sort and the key sort, with duplicates
            int[] idx = new int[count];
            double[] val = new double[count];
            for (int k = 0; k < count; k++) {
                idx[k] = r.nextInt(cols);
                val[k] = r.nextInt(5) - 2; // small integers: sums are exact, zeros happen
                dense[i * cols + idx[k]] += val[k];
            }
            b.addRow(idx, val, count);
        }
        CsrMatrix a = b.build();
        assertThat(a.cols()).isEqualTo(cols);
        assertThat(a.toDense()).containsExactly(dense);
        for (double v : a.valuesUnsafe()) {
            assertThat(v).isNotZero();
        }
    }

    @Test
    void refusesBadPairsNamingRowAndPosition() {
        CsrBuilder b = new CsrBuilder(4, 1, 1);
        b.addRow(new int[] {1}, new double[] {1}, 1);
        assertThatThrownBy(() -> b.addRow(new int[] {0, 4}, new double[] {1, 1}, 2))
                .hasMessageContaining("row 1 has column index 4 at position 1, expected 0 ≤ index < 4");
        assertThatThrownBy(() -> b.addRow(new int[] {-1}, new double[] {1}, 1))
                .hasMessageContaining("column index -1");
        assertThatThrownBy(() -> b.addRow(new int[] {2}, new double[] {Double.NaN}, 1))
                .hasMessageContaining("value NaN at position 0").hasMessageContaining("expected a finite value");
        assertThatThrownBy(() -> b.addRow(new int[] {2, 2}, new double[] {Double.MAX_VALUE, Double.MAX_VALUE}, 2))
                .hasMessageContaining("sum to Infinity");
        // the refused rows were not added
        CsrMatrix a = b.build();
        assertThat(a.rows()).isEqualTo(1);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
    }
}
