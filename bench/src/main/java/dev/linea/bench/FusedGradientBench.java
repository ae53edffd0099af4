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

/**
 * Gradients of the least-squares and logistic losses. {@code leastSquares} and {@code logistic} are the fused
 * kernels (one pass over X); {@code twoGemv} is the same least-squares gradient as an OpenBLAS user writes it
 * (X·w, the residual loop, Xᵀ·r: two passes over X) on the same backend.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class FusedGradientBench {
    @Param({"1000000x10", "100000x100", "10000x1000"})
    public String gradShape;

    int m;
    int n;
    double[] x;
    double[] w;
    double[] y;
    double[] labels;
    double[] g;
    double[] r;

    @Setup
    public void setup() {
        int[] s = Data.shape(gradShape);
        m = s[0];
        n = s[1];
        x = Data.gaussian(m * n, 6);
        w = Data.gaussian(n, 7);
        y = Data.gaussian(m, 8);
        labels = new double[m];
        for (int i = 0; i < m; i++) {
            labels[i] = y[i] > 0 ? 1 : 0;
        }
        g = new double[n];
        r = new double[m];
    }

    @Benchmark
    public double leastSquares(BackendState s) {
        return s.b.leastSquaresGradient(m, n, x, 0, n, w, 0, y, 0, g, 0);
    }

    @Benchmark
    public double logistic(BackendState s) {
        return s.b.logisticGradient(m, n, x, 0, n, w, 0, false, labels, 0, null, 0, g, 0);
    }

    @Benchmark
    public double twoGemv(BackendState s) {
        s.b.gemv(Transpose.NONE, m, n, 1, x, 0, n, w, 0, 0, r, 0);
        double loss = 0;
        for (int i = 0; i < m; i++) {
            r[i] -= y[i];
            loss += r[i] * r[i];
        }
        s.b.gemv(Transpose.TRANSPOSE, m, n, 1, x, 0, n, r, 0, 0, g, 0);
        return 0.5 * loss;
    }
}
