package dev.linea.bench;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.LinearModel;
import dev.linea.models.scoring.Scorer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Issue 17's scorer target on a shared machine: single-row {@link Scorer#score(double[])} against the vector
 * backend's raw dot plus the intercept (ScorerBench's {@code rawDot}), on the same 64 round-robin rows, timed by the
 * calling thread's CPU time and alternating round by round, so that other processes' load falls on both alike. Prints
 * each median (ns per call), the best round, and the median of the per-round ratios score ÷ raw (goal ≤ 1.10).
 *
 * <pre>  java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.linea.bench.ScorerCpuRatio [p] [rounds]</pre>
 */
public final class ScorerCpuRatio {
    private static final int CALLS = 200_000;
    private static final int WARMUP_ROUNDS = 50;

    private final double[][] rows;
    private final double[] beta;
    private final Scorer scorer;
    private final Backend vector;
    private int next;

    private ScorerCpuRatio(int p) {
        SplittableRandom r = new SplittableRandom(41);
        beta = new double[p];
        for (int j = 0; j < p; j++) {
            beta[j] = r.nextGaussian();
        }
        rows = new double[64][p];
        for (double[] row : rows) {
            for (int j = 0; j < p; j++) {
                row[j] = r.nextGaussian();
            }
        }
        scorer = Scorer.of(new LinearModel(0.5, beta, null, null));
        vector = Backends.named("vector");
    }

    private double raw(int calls) {
        double s = 0;
        for (int c = 0; c < calls; c++) {
            next = (next + 1) & 63;
            s += 0.5 + vector.dot(beta.length, beta, 0, rows[next], 0);
        }
        return s;
    }

    private double score(int calls) {
        double s = 0;
        for (int c = 0; c < calls; c++) {
            next = (next + 1) & 63;
            s += scorer.score(rows[next]);
        }
        return s;
    }

    public static void main(String[] args) {
        int p = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 31;
        ScorerCpuRatio b = new ScorerCpuRatio(p);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int w = 0; w < WARMUP_ROUNDS; w++) {
            sink += b.raw(CALLS) + b.score(CALLS);
        }
        double[] raw = new double[rounds];
        double[] score = new double[rounds];
        double[] ratio = new double[rounds];
        for (int k = 0; k < rounds; k++) {
            long t0 = mx.getCurrentThreadCpuTime();
            sink += b.raw(CALLS);
            long t1 = mx.getCurrentThreadCpuTime();
            sink += b.score(CALLS);
            long t2 = mx.getCurrentThreadCpuTime();
            raw[k] = (t1 - t0) / (double) CALLS;
            score[k] = (t2 - t1) / (double) CALLS;
            ratio[k] = score[k] / raw[k];
        }
        Arrays.sort(raw);
        Arrays.sort(score);
        Arrays.sort(ratio);
        System.out.printf(Locale.ROOT, "p = %d, %d rounds of %d calls (scorer kernel %s): raw dot median %.2f ns "
                        + "(best %.2f), Scorer.score median %.2f ns (best %.2f), score/raw median %.3f%n",
                p, rounds, CALLS, b.scorer.kernel(), raw[rounds / 2], raw[0], score[rounds / 2], score[0],
                ratio[rounds / 2]);
        if (sink == 42) {
            System.out.println(); // keeps the sums alive
        }
    }
}
