import dev.linea.models.GeneratedNames;
import dev.linea.models.LinearModel;
import dev.linea.models.LinearPredictor;
import dev.linea.models.preprocessing.Preprocessing;
import dev.linea.models.scoring.SparseScorer;

import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * CPU nanoseconds per {@link SparseScorer#score(int[], double[], int)} call, 30 non-zeros, a 2^20-feature logistic
 * model: the calling thread's CPU time over 10^7 calls after 3·10^7 warm-up calls, rows round-robin from a pool of
 * 1024 (hot: drawn from 4096 popular features; spread: from all 2^20). On a shared machine the wall time of a
 * JMH run (SparseScorerBench) is mostly waiting for a core; the thread's CPU time is not. Prints the median of 5.
 *
 *   java -cp models/target/classes:kernels/target/classes bench/sparse/ScoreCpuTime.java
 */
public class ScoreCpuTime {
    public static void main(String[] args) {
        int n = 1 << 20;
        double[] beta = new double[n];
        Random r = new Random(19);
        for (int j = 0; j < n; j++) {
            beta[j] = r.nextGaussian();
        }
        LinearPredictor p = LinearPredictor.logistic(new LinearModel(0.1, beta, GeneratedNames.numbered("f", 1, n),
                null));
        SparseScorer s = SparseScorer.of(p, Preprocessing.none(p.featureNames()));
        var bean = ManagementFactory.getThreadMXBean();
        for (String pattern : new String[] {"hot", "spread"}) {
            int[] popular = new int[4096];
            for (int k = 0; k < popular.length; k++) {
                popular[k] = r.nextInt(n);
            }
            int[][] idx = new int[1024][30];
            double[][] val = new double[1024][30];
            for (int i = 0; i < 1024; i++) {
                for (int k = 0; k < 30; k++) {
                    idx[i][k] = pattern.equals("hot") ? popular[r.nextInt(4096)] : r.nextInt(n);
                    val[i][k] = r.nextBoolean() ? 1 : -1;
                }
            }
            double sink = 0;
            for (int i = 0; i < 30_000_000; i++) {
                sink += s.score(idx[i & 1023], val[i & 1023], 30);
            }
            double[] ns = new double[5];
            for (int rep = 0; rep < 5; rep++) {
                long c0 = bean.getCurrentThreadCpuTime();
                for (int i = 0; i < 10_000_000; i++) {
                    sink += s.score(idx[i & 1023], val[i & 1023], 30);
                }
                ns[rep] = (bean.getCurrentThreadCpuTime() - c0) / 1e7;
            }
            java.util.Arrays.sort(ns);
            System.out.printf(java.util.Locale.ROOT, "%s: median %.1f CPU ns per row of 30 non-zeros (5 runs: %.1f … "
                    + "%.1f) [%s]%n", pattern, ns[2], ns[0], ns[4], sink > 0 ? "+" : "-");
        }
    }
}
