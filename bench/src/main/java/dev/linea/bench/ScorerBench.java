package dev.linea.bench;

import dev.linea.models.LinearModel;
import dev.linea.models.scoring.Scorer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The serving path: {@link Scorer} on one row (double and float), on a batch of 1024 rows, and top-10 of 1024
 * candidates, at p = 16, 64, 256. Single rows come round-robin from a pool of 64 that stays in L1/L2, as a freshly
 * built feature vector does in a ranker; the batch (1024 rows, 128 KB … 2 MB) streams from L2/L3.
 * Run with {@code -prof gc} to see the allocation per call (the goal: 0 B/op). {@code rawDot} is the floor the
 * single-row scorer is measured against: the vector backend's dot of the same round-robin rows plus the intercept,
 * with nothing else (no length check, no link, no preprocessing).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class ScorerBench {
    /** Rows per batch and candidates per top-k call. */
    public static final int BATCH = 1024;

    @Param({"16", "64", "256"})
    public int p;

    Scorer scorer;
    dev.linea.kernels.Backend vector;
    double[] beta;
    double[][] rows;
    float[][] frows;
    double[] batch;
    float[] fbatch;
    double[] out;
    int[] topIndex;
    double[] topScore;
    int next;

    @Setup
    public void setup() {
        beta = Data.gaussian(p, 41);
        scorer = Scorer.of(new LinearModel(0.5, beta, null, null));
        vector = dev.linea.kernels.Backends.named("vector");
        rows = new double[64][];
        frows = new float[64][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Data.gaussian(p, 100 + i);
            frows[i] = new float[p];
            for (int j = 0; j < p; j++) {
                frows[i][j] = (float) rows[i][j];
            }
        }
        batch = Data.gaussian(BATCH * p, 42);
        fbatch = new float[batch.length];
        for (int i = 0; i < batch.length; i++) {
            fbatch[i] = (float) batch[i];
        }
        out = new double[BATCH];
        topIndex = new int[10];
        topScore = new double[10];
    }

    @Benchmark
    public double singleDouble() {
        next = (next + 1) & 63;
        return scorer.score(rows[next]);
    }

    /** The floor of {@link #singleDouble}: 0.5 + the vector backend's dot, on the same rows. */
    @Benchmark
    public double rawDot() {
        next = (next + 1) & 63;
        return 0.5 + vector.dot(p, beta, 0, rows[next], 0);
    }

    @Benchmark
    public double singleFloat() {
        next = (next + 1) & 63;
        return scorer.score(frows[next]);
    }

    /** 1024 rows: divide the time by 1024 for the per-row figure. */
    @Benchmark
    public double[] batchDouble() {
        scorer.score(batch, 0, BATCH, out, 0);
        return out;
    }

    @Benchmark
    public double[] batchFloat() {
        scorer.score(fbatch, 0, BATCH, out, 0);
        return out;
    }

    @Benchmark
    public int[] topTenOf1024() {
        scorer.topK(batch, 0, BATCH, 10, topIndex, topScore);
        return topIndex;
    }
}
