package dev.linea.bench;

import dev.linea.kernels.Transpose;
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

/** GEMV both ways on the design's shapes: memory-bound, reads A (8·m·n bytes) once. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class GemvBench {
    @Param({"1000000x10", "100000x100", "10000x1000", "1000x1000", "64x64", "1000x64"})
    public String gemvShape;

    int m;
    int n;
    double[] a;
    double[] xn;
    double[] xm;
    double[] ym;
    double[] yn;

    @Setup
    public void setup() {
        int[] s = Data.shape(gemvShape);
        m = s[0];
        n = s[1];
        a = Data.gaussian(m * n, 3);
        xn = Data.gaussian(n, 4);
        xm = Data.gaussian(m, 5);
        ym = new double[m];
        yn = new double[n];
    }

    @Benchmark
    public double[] gemvN(BackendState s) {
        s.b.gemv(Transpose.NONE, m, n, 1, a, 0, n, xn, 0, 0, ym, 0);
        return ym;
    }

    @Benchmark
    public double[] gemvT(BackendState s) {
        s.b.gemv(Transpose.TRANSPOSE, m, n, 1, a, 0, n, xm, 0, 0, yn, 0);
        return yn;
    }
}
