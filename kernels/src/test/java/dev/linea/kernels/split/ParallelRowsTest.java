package dev.linea.kernels.split;

import dev.linea.kernels.ParallelRows;
import dev.linea.kernels.Threads;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ParallelRows}: every row visited exactly once, sums and maxima equal to plain loops (the maxima exactly,
 * the sums to rounding), and the same bits on 1, 2 and 3 threads at shapes that really split (checked through
 * {@link RowSplit#rowsPerBlock}); one block gives exactly the plain loop's bits.
 */
class ParallelRowsTest {
    private static final int N = 7;

    private static double[] matrix(int m) {
        SplittableRandom r = new SplittableRandom(17);
        double[] x = new double[m * N];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-1, 1) * (1 + i % 5);
        }
        return x;
    }

    private static double[] columnSums(int m, double[] x, int threads) {
        double[] out = new double[N + 2];
        out[0] = 99; // before the slot: not touched
        out[1] = 42; // in it: overwritten
        Threads.run(threads, () -> ParallelRows.sum(m, N, N, (from, to, part, off) -> {
            for (int i = from; i < to; i++) {
                for (int j = 0; j < N; j++) {
                    part[off + j] += x[i * N + j];
                }
            }
        }, out, 1));
        return out;
    }

    @Test
    void sumsAreTheSameBitsOnAnyThreadCountAndRight() {
        for (int m : new int[]{0, 1, 103, 60_001, 300_000}) {
            double[] x = matrix(m);
            double[] one = columnSums(m, x, 1);
            for (int t : new int[]{2, 3}) {
                assertThat(Arrays.equals(columnSums(m, x, t), one)).as("m = %d, %d threads", m, t).isTrue();
            }
            assertThat(one[0]).isEqualTo(99);
            assertThat(one[N + 1]).isZero();
            for (int j = 0; j < N; j++) {
                double s = 0;
                double abs = 0;
                for (int i = 0; i < m; i++) {
                    s += x[i * N + j];
                    abs += Math.abs(x[i * N + j]);
                }
                assertThat(one[1 + j]).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-13 * Math.max(1, abs)));
                if (RowSplit.rowsPerBlock(m, N, RowSplit.STREAM_MIN_ELEMENTS, RowSplit.STREAM_MIN_ROWS,
                        RowSplit.STREAM_MAX_BLOCKS) >= m) {
                    assertThat(one[1 + j]).as("one block: the plain loop's bits").isEqualTo(s);
                }
            }
        }
        assertThat(RowSplit.rowsPerBlock(300_000, N, RowSplit.STREAM_MIN_ELEMENTS, RowSplit.STREAM_MIN_ROWS,
                RowSplit.STREAM_MAX_BLOCKS)).as("300 000 × 7 splits").isLessThan(300_000);
    }

    @Test
    void maximaAreExact() {
        int m = 300_000;
        double[] x = matrix(m);
        x[123_457 * N + 3] = -1e9;
        for (int t : new int[]{1, 2, 3}) {
            double[] max = new double[N];
            Threads.run(t, () -> ParallelRows.max(m, N, N, (from, to, part, off) -> {
                for (int i = from; i < to; i++) {
                    for (int j = 0; j < N; j++) {
                        part[off + j] = Math.max(part[off + j], Math.abs(x[i * N + j]));
                    }
                }
            }, max, 0));
            for (int j = 0; j < N; j++) {
                double e = 0;
                for (int i = 0; i < m; i++) {
                    e = Math.max(e, Math.abs(x[i * N + j]));
                }
                assertThat(max[j]).isEqualTo(e);
            }
            assertThat(max[3]).isEqualTo(1e9);
        }
    }

    @Test
    void everyRowOnceOnAnyThreadCount() {
        int m = 200_003;
        for (int t : new int[]{1, 2, 3}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(m);
            Threads.run(t, () -> ParallelRows.forEach(m, N, (from, to) -> {
                for (int i = from; i < to; i++) {
                    seen.incrementAndGet(i);
                }
            }));
            for (int i = 0; i < m; i++) {
                assertThat(seen.get(i)).as("row %d on %d threads", i, t).isEqualTo(1);
            }
        }
        ParallelRows.forEach(0, N, (from, to) -> assertThat(to).isEqualTo(from));
    }

    @Test
    void badArgumentsNameTheValue() {
        assertThatThrownBy(() -> ParallelRows.forEach(-1, N, (a, b) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m = -1");
        assertThatThrownBy(() -> ParallelRows.sum(3, -2, 1, (a, b, p, o) -> { }, new double[1], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workPerRow = -2");
        assertThatThrownBy(() -> ParallelRows.max(3, 1, -1, (a, b, p, o) -> { }, new double[1], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size = -1");
    }

    /**
     * {@link ParallelRows#merge} with a merge that is not commutative (slot = [first row, last row, count], merged
     * only when adjacent: into must end where from starts): every block merged exactly once, in the fixed tree over
     * the block index, the same result on 1, 2 and 3 threads; one block fills out directly.
     */
    @Test
    void mergeCombinesAdjacentBlocksInTheFixedTree() {
        for (int m : new int[]{0, 1, 103, 300_000}) {
            double[][] got = new double[4][];
            for (int t = 1; t <= 3; t++) {
                double[] out = {7, 7, 7, 7, 7};
                Threads.run(t, () -> ParallelRows.merge(m, N, 3, (from, to, part, off) -> {
                    part[off] = from;
                    part[off + 1] = to;
                    part[off + 2] = 1;
                }, (part, into, from) -> {
                    assertThat(part[into + 1]).as("merged blocks are adjacent").isEqualTo(part[from]);
                    part[into + 1] = part[from + 1];
                    part[into + 2] += part[from + 2];
                }, out, 1));
                got[t] = out;
            }
            assertThat(got[1][1]).isZero();
            assertThat(got[1][2]).isEqualTo(m);
            assertThat(got[1][0]).isEqualTo(7);
            assertThat(got[1][4]).isEqualTo(7);
            int rows = RowSplit.rowsPerBlock(m, N, RowSplit.STREAM_MIN_ELEMENTS, RowSplit.STREAM_MIN_ROWS,
                    RowSplit.STREAM_MAX_BLOCKS);
            assertThat(got[1][3]).as("blocks, m = %d", m).isEqualTo(rows >= m ? 1 : RowSplit.blocks(m, rows));
            assertThat(got[2]).isEqualTo(got[1]);
            assertThat(got[3]).isEqualTo(got[1]);
        }
        assertThatThrownBy(() -> ParallelRows.merge(1, 1, -1, (f, t, p, o) -> { }, (p, i, f) -> { },
                new double[1], 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size = -1");
    }
}
