package dev.linea.bench;

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

/** Level 1, memory-bound: dot (reads 16 bytes per element) and axpy (reads 16, writes 8). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class Level1Bench {
    @Param({"1000", "10000", "1000000", "10000000"})
    public int n;

    double[] x;
    double[] y;

    @Setup
    public void setup() {
        x = Data.gaussian(n, 1);
        y = Data.gaussian(n, 2);
    }

    @Benchmark
    public double dot(BackendState s) {
        return s.b.dot(n, x, 0, y, 0);
    }

    @Benchmark
    public double[] axpy(BackendState s) {
        // y drifts by a tiny multiple of x per call: values stay bounded over any benchmark length.
        s.b.axpy(n, 1e-12, x, 0, y, 0);
        return y;
    }
}
