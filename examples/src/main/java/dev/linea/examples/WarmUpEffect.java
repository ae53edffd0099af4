package dev.linea.examples;

import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.LinearModel;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.LinearPredictor;
import dev.linea.models.scoring.Scorer;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures what the warm-up calls buy, in a fresh JVM per measurement (run it several times and take medians):
 * <pre>
 *   WarmUpEffect scorer cold|warm   the first 10⁶ Scorer.score calls (64 features, logistic): time and bytes
 *                                   allocated by this thread; "warm" calls Scorer.warmUp() first
 *   WarmUpEffect fit cold|warm      the first logistic fit of 5000 × 3 rows; "warm" calls Backends.warmUp() first
 * </pre>
 * Prints one line: {@code what mode warmup_ms warmup_bytes measured_ms measured_bytes}.
 */
public final class WarmUpEffect {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private WarmUpEffect() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !(args[0].equals("scorer") || args[0].equals("fit"))
                || !(args[1].equals("cold") || args[1].equals("warm"))) {
            System.err.println("usage: WarmUpEffect scorer|fit cold|warm, found " + String.join(" ", args));
            System.exit(2);
        }
        boolean warm = args[1].equals("warm");
        long id = Thread.currentThread().threadId();
        if (args[0].equals("scorer")) {
            int p = 64;
            SplittableRandom r = new SplittableRandom(7);
            double[] beta = new double[p];
            for (int j = 0; j < p; j++) {
                beta[j] = r.nextGaussian() * 0.1;
            }
            double[] rows = new double[1024 * p];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = r.nextGaussian();
            }
            double[] row = new double[p];
            long b0 = THREADS.getThreadAllocatedBytes(id);
            long t0 = System.nanoTime();
            Scorer scorer = Scorer.of(LinearPredictor.logistic(new LinearModel(0.1, beta, null, null)));
            if (warm) {
                scorer.warmUp();
            }
            long t1 = System.nanoTime();
            long b1 = THREADS.getThreadAllocatedBytes(id);
            double acc = 0;
            for (int i = 0; i < 1_000_000; i++) {
                System.arraycopy(rows, (i & 1023) * p, row, 0, p);
                acc += scorer.score(row);
            }
            long t2 = System.nanoTime();
            long b2 = THREADS.getThreadAllocatedBytes(id);
            print("scorer", args[1] + " (" + scorer.kernel() + ")", t0, t1, b0, b1, t2, b2, acc);
        } else {
            Dataset data = data();
            long b0 = THREADS.getThreadAllocatedBytes(id);
            long t0 = System.nanoTime();
            if (warm) {
                Backends.warmUp();
            }
            long t1 = System.nanoTime();
            long b1 = THREADS.getThreadAllocatedBytes(id);
            double acc = new LogisticRegression().fit(data).model().intercept();
            long t2 = System.nanoTime();
            long b2 = THREADS.getThreadAllocatedBytes(id);
            print("fit", args[1] + " (" + Backends.defaultName() + ")", t0, t1, b0, b1, t2, b2, acc);
        }
    }

    private static Dataset data() {
        SplittableRandom random = new SplittableRandom(42);
        int m = FitSaveLoadScore.ROWS;
        int n = FitSaveLoadScore.TRUE_BETA.length;
        double[] x = new double[m * n];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double eta = FitSaveLoadScore.TRUE_INTERCEPT;
            for (int j = 0; j < n; j++) {
                x[i * n + j] = random.nextGaussian();
                eta += FitSaveLoadScore.TRUE_BETA[j] * x[i * n + j];
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        return Dataset.of(m, n, x, y);
    }

    private static void print(String what, String mode, long t0, long t1, long b0, long b1, long t2, long b2,
                              double acc) {
        System.out.printf(Locale.ROOT, "%s %s warmup_ms %.1f warmup_bytes %d measured_ms %.1f measured_bytes %d%s%n",
                what, mode, (t1 - t0) / 1e6, b1 - b0, (t2 - t1) / 1e6, b2 - b1, Double.isFinite(acc) ? "" : " NaN!");
    }
}
