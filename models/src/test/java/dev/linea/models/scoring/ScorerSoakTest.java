package dev.linea.models.scoring;

import dev.linea.models.LinearModel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Soak: four threads score for a while (default 2 s; {@code -Dlinea.soak.seconds=600} for the long run) and the
 * heap in use after a full GC does not grow: the scorer keeps nothing per call. (Allocation per call, 0 B/op, is
 * measured by JMH: {@code ScorerBench -prof gc}.)
 */
class ScorerSoakTest {
    @Test
    void heapStaysFlatUnderSustainedScoring() throws Exception {
        long seconds = Long.getLong("linea.soak.seconds", 2);
        int p = 64;
        Random r = new Random(5);
        double[] beta = new double[p];
        for (int j = 0; j < p; j++) {
            beta[j] = r.nextGaussian();
        }
        Scorer s = Scorer.of(dev.linea.models.LinearPredictor.logistic(new LinearModel(0.1, beta, null, null)));
        double[] rows = new double[1024 * p];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = r.nextGaussian();
        }
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        score(s, rows, p, 200_000_000L); // warm up
        System.gc();
        long before = mem.getHeapMemoryUsage().getUsed();
        Thread[] threads = new Thread[4];
        double[] sink = new double[threads.length];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> sink[id] = score(s, rows, p, seconds * 1_000_000_000L));
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        System.gc();
        long after = mem.getHeapMemoryUsage().getUsed();
        assertThat(after - before).as("heap growth after %d s of scoring on 4 threads", seconds)
                .isLessThan(8L << 20);
        for (double v : sink) {
            assertThat(v).isFinite();
        }
    }

    private static double score(Scorer s, double[] rows, int p, long nanos) {
        double[] row = new double[p];
        int[] idx = new int[10];
        double[] top = new double[10];
        double acc = 0;
        long end = System.nanoTime() + nanos;
        int i = 0;
        while (System.nanoTime() < end) {
            for (int k = 0; k < 256; k++, i = (i + 1) & 1023) {
                System.arraycopy(rows, i * p, row, 0, p);
                acc += s.score(row);
            }
            s.topK(rows, 0, 1024, 10, idx, top);
            acc += top[0];
        }
        return acc;
    }
}
