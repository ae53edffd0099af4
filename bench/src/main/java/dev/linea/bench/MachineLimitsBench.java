package dev.linea.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The machine's own limits, measured in the same run as the kernels so that every figure can be read as a
 * fraction of them:
 * <ul>
 *   <li>{@code triad}: a = b + s·c over 3 × 64 MB (far beyond L3), counted as 24 bytes per element (the STREAM
 *       convention, without the write-allocate traffic); {@code triadAllThreads} runs one per core.</li>
 *   <li>{@code readSum}: a SIMD sum over 64 MB read as {@value #READ_STREAMS} concurrent streams: the read
 *       ceiling for dot, gemv and the fused gradients (a single stream reads well below it, and below the triad).
 *       </li>
 *   <li>{@code peakFma}: {@value #FMA_CHAINS} independent FMA chains of the preferred vector species in registers:
 *       the double-precision FMA throughput of one core (2 flops per lane per FMA). A core needs latency ×
 *       issue rate chains in flight to keep its FMA units busy: 4 cycles × 2 per cycle = 8 on Zen 4 (AVX2 and
 *       AVX-512), Skylake-SP and later, 5 × 2 = 10 on Haswell; 12 covers them all and still fits in the 16 vector
 *       registers of AVX2 with the two operands.</li>
 * </ul>
 * <p>They must be ceilings: a kernel's share of them has to stay at or below 100%. A time average over a whole
 * iteration counts every interruption by the other work of a shared machine (a quick run once read 35 GFLOP/s of
 * a 46 GFLOP/s peak, and OpenBLAS's Gram then showed at 125% of it), so the single-thread probes run in
 * {@link Mode#SampleTime} with short calls (a peakFma call is about 0.14 ms, a readSum call 2–3 ms, hundreds per
 * iteration) and the report takes the fastest call as the limit ({@code BenchReport}): the best of many short
 * trials, reached when nothing else ran. Short calls also finish the interpreter's first call quickly (a peakFma
 * call of 2^20 steps took 1.4 s before C2 compiled it, half of a quick run's warm-up).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class MachineLimitsBench {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Elements per array: 8 Mi doubles = 64 MB. */
    public static final int N = 8 << 20;
    /** FMA instructions per chain in {@link #peakFma}. */
    public static final int FMA_STEPS = 1 << 16;
    public static final int FMA_CHAINS = 12;

    @State(Scope.Thread)
    public static class Arrays3 {
        double[] a = new double[N];
        double[] b = new double[N];
        double[] c = new double[N];

        @Setup
        public void setup() {
            Arrays.fill(b, 1.0);
            Arrays.fill(c, 2.0);
        }
    }

    static double[] triadKernel(Arrays3 s) {
        double[] a = s.a;
        double[] b = s.b;
        double[] c = s.c;
        for (int i = 0; i < N; i++) {
            a[i] = b[i] + 3.0 * c[i];
        }
        return a;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public double[] triad(Arrays3 s) {
        return triadKernel(s);
    }

    @Benchmark
    @Threads(Threads.MAX)
    public double[] triadAllThreads(Arrays3 s) {
        return triadKernel(s);
    }

    /** Concurrent read streams of {@link #readSum}. */
    public static final int READ_STREAMS = 8;

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public double readSum(Arrays3 s) {
        // Eight streams, each an eighth of the array, one vector per stream per step: one sequential stream leaves
        // the memory system idle between prefetches (on the AVX2 EPYC the best call read 20 GB/s with one stream,
        // 26-32 with four, 31-34 with eight, and less with sixteen), and the AVX2 GEMV and fused gradients read
        // eight row streams at once: the probe must read at least as fast as they can.
        double[] b = s.b;
        int l = S.length();
        int seg = N / READ_STREAMS;
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = DoubleVector.zero(S);
        DoubleVector s2 = DoubleVector.zero(S);
        DoubleVector s3 = DoubleVector.zero(S);
        DoubleVector s4 = DoubleVector.zero(S);
        DoubleVector s5 = DoubleVector.zero(S);
        DoubleVector s6 = DoubleVector.zero(S);
        DoubleVector s7 = DoubleVector.zero(S);
        for (int i = 0; i + l <= seg; i += l) {
            s0 = s0.add(DoubleVector.fromArray(S, b, i));
            s1 = s1.add(DoubleVector.fromArray(S, b, i + seg));
            s2 = s2.add(DoubleVector.fromArray(S, b, i + 2 * seg));
            s3 = s3.add(DoubleVector.fromArray(S, b, i + 3 * seg));
            s4 = s4.add(DoubleVector.fromArray(S, b, i + 4 * seg));
            s5 = s5.add(DoubleVector.fromArray(S, b, i + 5 * seg));
            s6 = s6.add(DoubleVector.fromArray(S, b, i + 6 * seg));
            s7 = s7.add(DoubleVector.fromArray(S, b, i + 7 * seg));
        }
        return s0.add(s1).add(s2.add(s3)).add(s4.add(s5).add(s6.add(s7))).reduceLanes(VectorOperators.ADD);
    }

    @State(Scope.Thread)
    public static class FmaState {
        double x = 1.0000001;
        double y = 0.9999999;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public double peakFma(FmaState st) {
        DoubleVector m = DoubleVector.broadcast(S, st.x);
        DoubleVector d = DoubleVector.broadcast(S, st.y);
        DoubleVector a0 = DoubleVector.broadcast(S, 0.1), a1 = DoubleVector.broadcast(S, 0.2);
        DoubleVector a2 = DoubleVector.broadcast(S, 0.3), a3 = DoubleVector.broadcast(S, 0.4);
        DoubleVector a4 = DoubleVector.broadcast(S, 0.5), a5 = DoubleVector.broadcast(S, 0.6);
        DoubleVector a6 = DoubleVector.broadcast(S, 0.7), a7 = DoubleVector.broadcast(S, 0.8);
        DoubleVector a8 = DoubleVector.broadcast(S, 0.9), a9 = DoubleVector.broadcast(S, 1.0);
        DoubleVector a10 = DoubleVector.broadcast(S, 1.1), a11 = DoubleVector.broadcast(S, 1.2);
        for (int i = 0; i < FMA_STEPS; i++) {
            a0 = a0.fma(m, d);
            a1 = a1.fma(m, d);
            a2 = a2.fma(m, d);
            a3 = a3.fma(m, d);
            a4 = a4.fma(m, d);
            a5 = a5.fma(m, d);
            a6 = a6.fma(m, d);
            a7 = a7.fma(m, d);
            a8 = a8.fma(m, d);
            a9 = a9.fma(m, d);
            a10 = a10.fma(m, d);
            a11 = a11.fma(m, d);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** Flops of one {@link #peakFma} call. */
    public static double peakFmaFlops() {
        return 2.0 * S.length() * FMA_CHAINS * (double) FMA_STEPS;
    }
}
