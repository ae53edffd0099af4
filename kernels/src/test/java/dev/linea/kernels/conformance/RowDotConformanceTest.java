package dev.linea.kernels.conformance;

import dev.linea.kernels.RowDot;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The scorer's row dot: the best implementation against the plain loop, at every tail length and offset. */
class RowDotConformanceTest {
    @Test
    void bestMatchesScalarAtOddSizesAndOffsets() {
        RowDot best = RowDot.best();
        RowDot ref = RowDot.scalar();
        Random r = new Random(3);
        for (int n : new int[] {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 64, 103, 256, 1000}) {
            for (int off : new int[] {0, 1, 5}) {
                double[] w = new double[n];
                double[] x = new double[off + n];
                float[] f = new float[off + n];
                double mag = 0;
                for (int j = 0; j < n; j++) {
                    w[j] = r.nextGaussian();
                    x[off + j] = r.nextGaussian();
                    f[off + j] = (float) r.nextGaussian();
                    mag += Math.abs(w[j] * x[off + j]) + Math.abs(w[j] * f[off + j]);
                }
                double tol = 4 * n * Math.ulp(1.0) * (mag + 1);
                assertThat(best.dot(w, x, off, n)).as("double n=%d off=%d", n, off)
                        .isCloseTo(ref.dot(w, x, off, n), offset(tol));
                assertThat(best.dot(w, f, off, n)).as("float n=%d off=%d", n, off)
                        .isCloseTo(ref.dot(w, f, off, n), offset(tol));
                assertThat(best.dot(w, x, off, n)).isEqualTo(best.dot(w, x.clone(), off, n));
            }
        }
    }
}
