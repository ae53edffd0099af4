package dev.linea.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * In-place factorizations: each invocation needs a fresh copy of the input, made in a per-invocation setup outside
 * the timed region. The shapes keep the factorization (≥ milliseconds) long against JMH's per-invocation overhead.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class FactorizationBench {

    @State(Scope.Thread)
    public static class CholeskyState {
        @Param({"500", "1000", "2000"})
        public int cholN;
        double[] spd;
        double[] work;

        @Setup(Level.Trial)
        public void setup() {
            int n = cholN;
            double[] b = Data.gaussian(n * n, 13);
            spd = new double[n * n];
            dev.linea.kernels.ScalarBackend.INSTANCE.gemm(dev.linea.kernels.Transpose.NONE,
                    dev.linea.kernels.Transpose.TRANSPOSE, n, n, n, 1, b, 0, n, b, 0, n, 0, spd, 0, n);
            for (int i = 0; i < n; i++) {
                spd[i * n + i] += n;
            }
            work = new double[n * n];
        }

        @Setup(Level.Invocation)
        public void copy() {
            System.arraycopy(spd, 0, work, 0, spd.length);
        }
    }

    @State(Scope.Thread)
    public static class QrState {
        @Param({"10000x100", "1000x1000"})
        public String qrShape;
        int m;
        int n;
        double[] a;
        double[] work;
        double[] tau;

        @Setup(Level.Trial)
        public void setup() {
            int[] s = Data.shape(qrShape);
            m = s[0];
            n = s[1];
            a = Data.gaussian(m * n, 14);
            work = new double[m * n];
            tau = new double[n];
        }

        @Setup(Level.Invocation)
        public void copy() {
            System.arraycopy(a, 0, work, 0, a.length);
        }
    }

    @Benchmark
    public int cholesky(BackendState s, CholeskyState c) {
        return s.b.cholesky(c.cholN, c.work, 0, c.cholN);
    }

    @Benchmark
    public double[] qr(BackendState s, QrState q) {
        s.b.qr(q.m, q.n, q.work, 0, q.n, q.tau, 0);
        return q.tau;
    }
}
