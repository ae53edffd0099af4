package dev.linea.bench;

import dev.linea.kernels.Transpose;
import dev.linea.models.LinearModel;
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

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Scoring latency of a fitted ranker with p features, in nanoseconds per call:
 * <ul>
 *   <li>{@code predictRow}: one row through {@link LinearModel#predict(double[])} (plain Java, no backend);</li>
 *   <li>{@code dotRow}: one row as {@code intercept + backend.dot}, on each backend (the JNI call of the native
 *       backend costs more than a short dot product: this shows where);</li>
 *   <li>{@code predictBatch}: {@value #BATCH} rows through LinearModel's batch predict;</li>
 *   <li>{@code gemvBatch}: the same {@value #BATCH} rows as {@code out = intercept; out += X·β} with
 *       {@code backend.gemv}.</li>
 * </ul>
 * The data stays in cache (one row, or 1024 × p doubles, at most 2 MB): this is the latency of a hot scorer, not
 * a memory-bandwidth test. Allocation per call: {@code java -jar benchmarks.jar ScoringBench -prof gc}
 * ({@code gc.alloc.rate.norm}, bytes per operation; the model's predict allocates nothing).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class ScoringBench {
    /** Rows per batch call. */
    public static final int BATCH = 1024;

    @Param({"16", "64", "256"})
    public int p;

    LinearModel model;
    double[] beta;
    double intercept;
    double[] row;
    double[] rows;
    double[] out;

    @Setup
    public void setup() {
        beta = Data.gaussian(p, 41);
        intercept = 0.25;
        model = new LinearModel(intercept, beta, null, null);
        row = Data.gaussian(p, 42);
        rows = Data.gaussian(BATCH * p, 43);
        out = new double[BATCH];
    }

    @Benchmark
    public double predictRow() {
        return model.predict(row);
    }

    @Benchmark
    public double dotRow(BackendState s) {
        return intercept + s.b.dot(p, beta, 0, row, 0);
    }

    @Benchmark
    public double[] predictBatch() {
        model.predict(BATCH, rows, 0, p, out, 0);
        return out;
    }

    @Benchmark
    public double[] gemvBatch(BackendState s) {
        // The intercept goes in first and gemv accumulates onto it (beta = 1): the scorer's whole work, one pass.
        Arrays.fill(out, intercept);
        s.b.gemv(Transpose.NONE, BATCH, p, 1, rows, 0, p, beta, 0, 1, out, 0);
        return out;
    }
}
