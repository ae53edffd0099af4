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

/** Compute-bound: the Gram matrix (plain and weighted) and GEMM. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class Level3Bench {

    @State(Scope.Benchmark)
    public static class GramState {
        @Param({"500x500", "100000x100", "10000x1000", "1000000x10"})
        public String gramShape;
        int m;
        int n;
        double[] a;
        double[] w;
        double[] c;

        @Setup
        public void setup() {
            int[] s = Data.shape(gramShape);
            m = s[0];
            n = s[1];
            a = Data.gaussian(m * n, 9);
            w = Data.gaussian(m, 10);
            for (int i = 0; i < m; i++) {
                w[i] = Math.abs(w[i]);
            }
            c = new double[n * n];
        }
    }

    @State(Scope.Benchmark)
    public static class GemmState {
        @Param({"64", "500", "1000"})
        public int gemmN;
        double[] a;
        double[] b;
        double[] c;

        @Setup
        public void setup() {
            a = Data.gaussian(gemmN * gemmN, 11);
            b = Data.gaussian(gemmN * gemmN, 12);
            c = new double[gemmN * gemmN];
        }
    }

    @Benchmark
    public double[] gram(BackendState s, GramState g) {
        s.b.gram(g.m, g.n, g.a, 0, g.n, null, 0, g.c, 0, g.n);
        return g.c;
    }

    @Benchmark
    public double[] gramWeighted(BackendState s, GramState g) {
        s.b.gram(g.m, g.n, g.a, 0, g.n, g.w, 0, g.c, 0, g.n);
        return g.c;
    }

    @Benchmark
    public double[] gemm(BackendState s, GemmState g) {
        int n = g.gemmN;
        s.b.gemm(Transpose.NONE, Transpose.NONE, n, n, n, 1, g.a, 0, n, g.b, 0, n, 0, g.c, 0, n);
        return g.c;
    }
}
