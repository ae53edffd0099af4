package dev.linea.bench;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Transpose;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Level-3 backend ratios on a machine shared with other work: each backend is timed by the <em>thread CPU time</em>
 * of its calls (not wall time, which other processes' time slices inflate at random), the backends alternate round
 * by round so that both see the same conditions, and the report gives the median of the rounds. It complements the
 * JMH suites (which time wall clock, the right measure on a quiet machine); cache and memory-bandwidth contention
 * from the other cores still shows in it.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *      dev.linea.bench.CpuTimeRatio [rounds]
 * </pre>
 * Shapes: Gram 500×500, 1e5×100, 1e4×1000; GEMM n = 1000; Cholesky n = 500 and 2000 (issue 17's targets); backends
 * vector, then native. Output: one line per shape with each backend's GFLOP/s (median, best) and vector ÷ native.
 */
public final class CpuTimeRatio {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private CpuTimeRatio() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Backend[] bs = {Backends.named("vector"), Backends.named("native")};
        System.out.println("# thread CPU time, backends alternating per round, " + rounds + " rounds; "
                + Runtime.getRuntime().availableProcessors() + " cores; "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        for (String shape : new String[]{"500x500", "100000x100", "10000x1000"}) {
            int[] s = Data.shape(shape);
            int m = s[0];
            int n = s[1];
            double[] a = Data.gaussian(m * n, 9);
            double[] c = new double[n * n];
            report("gram " + shape, (double) m * n * (n + 1), rounds, bs,
                    b -> b.gram(m, n, a, 0, n, null, 0, c, 0, n));
        }
        int g = 1000;
        double[] ga = Data.gaussian(g * g, 11);
        double[] gb = Data.gaussian(g * g, 12);
        double[] gc = new double[g * g];
        report("gemm " + g, 2.0 * g * g * g, rounds, bs,
                b -> b.gemm(Transpose.NONE, Transpose.NONE, g, g, g, 1, ga, 0, g, gb, 0, g, 0, gc, 0, g));
        for (int n : new int[]{500, 2000}) {
            double[] x = Data.gaussian(n * n, 13);
            double[] spd = new double[n * n];
            bs[0].gemm(Transpose.NONE, Transpose.TRANSPOSE, n, n, n, 1, x, 0, n, x, 0, n, 0, spd, 0, n);
            for (int i = 0; i < n; i++) {
                spd[i * n + i] += n;
            }
            double[] work = new double[n * n];
            report("cholesky " + n, (double) n * n * n / 3, rounds, bs, b -> {
                System.arraycopy(spd, 0, work, 0, spd.length); // counted: O(n²) against the n³/3 flops
                if (b.cholesky(n, work, 0, n) != 0) {
                    throw new IllegalStateException("cholesky failed on a positive definite matrix");
                }
            });
        }
    }

    private static void report(String name, double flops, int rounds, Backend[] bs,
                               java.util.function.Consumer<Backend> call) {
        for (Backend b : bs) { // warm-up: about 3 s of CPU per backend, so that C2 has compiled the kernels
            long end = CPU.getCurrentThreadCpuTime() + 3_000_000_000L;
            while (CPU.getCurrentThreadCpuTime() < end) {
                call.accept(b);
            }
        }
        double[][] t = new double[bs.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < bs.length; i++) {
                long wallEnd = System.nanoTime() + 200_000_000L;
                long cpu = 0;
                int calls = 0;
                do {
                    long c0 = CPU.getCurrentThreadCpuTime();
                    call.accept(bs[i]);
                    cpu += CPU.getCurrentThreadCpuTime() - c0;
                    calls++;
                } while (System.nanoTime() < wallEnd);
                t[i][r] = cpu / 1e9 / calls;
            }
        }
        StringBuilder line = new StringBuilder(name);
        double[] med = new double[bs.length];
        for (int i = 0; i < bs.length; i++) {
            Arrays.sort(t[i]);
            med[i] = t[i][rounds / 2];
            line.append(String.format(Locale.ROOT, " | %s %.1f GFLOP/s (best %.1f)", bs[i].name(), flops / med[i] / 1e9,
                    flops / t[i][0] / 1e9));
        }
        line.append(String.format(Locale.ROOT, " | vector/native %.2f", med[1] / med[0]));
        System.out.println(line);
    }
}
