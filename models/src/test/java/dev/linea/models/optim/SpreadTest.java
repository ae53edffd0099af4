package dev.linea.models.optim;

import dev.linea.kernels.Threads;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StandardizedCoordinates.Spread#of}: one row-parallel pass, the same bits on 1, 2 and 3 threads, and the
 * exact moments (the spread to 1e-7 where the mean is 10⁹ times it) for columns whose mean dwarfs their spread.
 */
class SpreadTest {
    private static final int M = 200_003;
    private static final int N = 3;

    private static double[] data() {
        SplittableRandom r = new SplittableRandom(5);
        double[] x = new double[M * N];
        for (int i = 0; i < M; i++) {
            x[i * N] = r.nextGaussian();
            x[i * N + 1] = 1e9 + r.nextGaussian(); // Longley-like: a mean 10⁹ times the spread
            x[i * N + 2] = i % 7 == 0 ? 5 : -1;
        }
        return x;
    }

    @Test
    void theSameBitsOnEveryThreadCount() {
        double[] x = data();
        for (boolean centred : new boolean[] {true, false}) {
            StandardizedCoordinates.Spread one = Threads.call(1, () -> StandardizedCoordinates.Spread.of(M, N, x, N,
                    centred));
            for (int t : new int[] {2, 3}) {
                StandardizedCoordinates.Spread s = Threads.call(t, () -> StandardizedCoordinates.Spread.of(M, N, x, N,
                        centred));
                assertThat(s.mean()).as("%d threads, centred %s", t, centred).containsExactly(one.mean());
                assertThat(s.meanSquare()).as("%d threads, centred %s", t, centred).containsExactly(one.meanSquare());
            }
        }
    }

    @Test
    void theExactMomentsToRounding() {
        double[] x = data();
        StandardizedCoordinates.Spread s = StandardizedCoordinates.Spread.of(M, N, x, N, true);
        StandardizedCoordinates.Spread raw = StandardizedCoordinates.Spread.of(M, N, x, N, false);
        MathContext mc = MathContext.DECIMAL128;
        for (int j = 0; j < N; j++) {
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal sq = BigDecimal.ZERO;
            for (int i = 0; i < M; i++) {
                BigDecimal v = new BigDecimal(x[i * N + j]);
                sum = sum.add(v);
                sq = sq.add(v.multiply(v));
            }
            BigDecimal mean = sum.divide(BigDecimal.valueOf(M), mc);
            BigDecimal var = sq.divide(BigDecimal.valueOf(M), mc).subtract(mean.multiply(mean, mc), mc);
            double meanSquare = sq.divide(BigDecimal.valueOf(M), mc).doubleValue();
            assertThat(Math.abs(s.mean()[j] - mean.doubleValue())).as("mean %d", j)
                    .isLessThanOrEqualTo(1e-14 * Math.abs(mean.doubleValue()) + 1e-15);
            // the mean's rounding (10⁹ summed) costs ~1e-9 of the spread; the textbook Σx²/m − x̄² would lose all
            assertThat(Math.abs(s.meanSquare()[j] - var.doubleValue()) / var.doubleValue()).as("spread %d", j)
                    .isLessThanOrEqualTo(1e-7);
            assertThat(raw.mean()[j]).isEqualTo(0.0);
            assertThat(Math.abs(raw.meanSquare()[j] - meanSquare) / meanSquare).as("mean square %d", j)
                    .isLessThanOrEqualTo(1e-13);
        }
    }

    @Test
    void noRowsGiveZeros() {
        StandardizedCoordinates.Spread s = StandardizedCoordinates.Spread.of(0, 2, new double[0], 2, true);
        assertThat(s.mean()).containsExactly(0.0, 0.0);
        assertThat(s.meanSquare()).containsExactly(0.0, 0.0);
    }
}
