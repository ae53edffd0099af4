package dev.linea.bench;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Threads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@link SparseKernelBench}'s kernels timed by <em>thread CPU time</em> for a machine shared with other work (as
 * {@link CpuTimeRatio}): every kernel of a shape on every backend, and {@link MachineLimitsBench#readSum} (64 MB,
 * eight SIMD streams), alternate call by call within each round, on one thread; each line is the median over the
 * rounds. It reports per kernel the time per call, ns per stored value, the bytes a pass must read divided by its
 * time (sparse: 12·nnz + 4·(m + 1) for X and 8·m for the row vector; dense yardstick: 8·nnz + 8·m), that as a share
 * of readSum's rate, and sparse ÷ dense.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.linea.bench.SparseCpuTiming [rounds]
 * </pre>
 */
public final class SparseCpuTiming {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private SparseCpuTiming() {
    }

    private record Kernel(String name, Backend backend, double bytes, Runnable call) {
    }

    public static void main(String[] args) {
        // one thread, as BackendState: the dense kernels split large calls over row blocks on several threads, and
        // thread CPU time would count only the caller's share
        Threads.setDefault(1);
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        String[] shapes = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length)
                : new String[]{"100000x1024x30", "100000x1048576x30"};
        System.out.println("# thread CPU time, kernels alternating within each round, " + rounds + " rounds, medians; "
                + Runtime.getRuntime().availableProcessors() + " cores; " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"));
        // the memory yardstick: MachineLimitsBench.readSum, 64 MB read as eight concurrent SIMD streams
        MachineLimitsBench limits = new MachineLimitsBench();
        MachineLimitsBench.Arrays3 stream = new MachineLimitsBench.Arrays3();
        stream.setup();
        double[] sink = new double[1];
        for (String shape : shapes) {
            SparseKernelBench st = new SparseKernelBench();
            st.sparseShape = shape;
            st.setup();
            int m = st.m;
            double nnz = (double) m * st.k;
            double sparseBytes = 12 * nnz + 4.0 * (m + 1) + 8.0 * m;
            double denseBytes = 8 * nnz + 8.0 * m;
            List<Kernel> ks = new ArrayList<>();
            ks.add(new Kernel("readSum 64 MB", null, 8.0 * MachineLimitsBench.N,
                    () -> sink[0] += limits.readSum(stream)));
            for (String bn : new String[]{"scalar", "vector"}) {
                Backend b = Backends.named(bn);
                ks.add(new Kernel("sparseTimes", b, sparseBytes,
                        () -> b.sparseTimes(st.x, null, null, st.w, 0, 0.5, st.out, 0)));
                ks.add(new Kernel("denseGemvN", b, denseBytes,
                        () -> b.gemv(dev.linea.kernels.Transpose.NONE, m, st.k, 1, st.dense, 0, st.k, st.denseW, 0,
                                0, st.out, 0)));
                ks.add(new Kernel("sparseTransposeTimes", b, sparseBytes,
                        () -> b.sparseTransposeTimes(st.x, null, null, st.labels, 0, st.g, 0)));
                ks.add(new Kernel("denseGemvT", b, denseBytes,
                        () -> b.gemv(dev.linea.kernels.Transpose.TRANSPOSE, m, st.k, 1, st.dense, 0, st.k, st.labels,
                                0, 0, st.denseG, 0)));
                ks.add(new Kernel("sparseLogisticGradient", b, sparseBytes,
                        () -> sink[0] += b.sparseLogisticGradient(st.x, null, null, st.w, 0, true, st.labels, 0,
                                null, 0, st.g, 0)));
                ks.add(new Kernel("denseLogisticGradient", b, denseBytes,
                        () -> sink[0] += b.logisticGradient(m, st.k, st.dense, 0, st.k, st.denseW, 0, true,
                                st.labels, 0, null, 0, st.denseG, 0)));
            }
            for (Kernel k : ks) { // warm-up, about 1 s of CPU each, so that C2 has compiled every kernel
                long end = CPU.getCurrentThreadCpuTime() + 1_000_000_000L;
                while (CPU.getCurrentThreadCpuTime() < end) {
                    k.call.run();
                }
            }
            double[][] t = new double[ks.size()][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < ks.size(); i++) {
                    long cpu = 0;
                    int calls = 0;
                    do {
                        long c0 = CPU.getCurrentThreadCpuTime();
                        ks.get(i).call.run();
                        cpu += CPU.getCurrentThreadCpuTime() - c0;
                        calls++;
                    } while (cpu < 150_000_000L);
                    t[i][r] = cpu / 1e9 / calls;
                }
            }
            double[] med = new double[ks.size()];
            for (int i = 0; i < ks.size(); i++) {
                Arrays.sort(t[i]);
                med[i] = t[i][rounds / 2];
            }
            double streamRate = ks.get(0).bytes / med[0] / 1e9;
            System.out.printf(Locale.ROOT, "%n## %s (m x n x nnz per row): %.0f stored values; readSum %.2f GB/s "
                    + "(median; best %.2f)%n", shape, nnz, streamRate, ks.get(0).bytes / t[0][0] / 1e9);
            System.out.println("| kernel | backend | ms (median) | ns per value | GB/s of its bytes | of readSum "
                    + "| sparse ÷ dense |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (int i = 1; i < ks.size(); i++) {
                Kernel k = ks.get(i);
                double rate = k.bytes / med[i] / 1e9;
                String ratio = k.name.startsWith("sparse")
                        ? String.format(Locale.ROOT, "%.2f", med[i] / med[i + 1]) : "";
                System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.0f%% | %s |%n", k.name,
                        k.backend.name(), med[i] * 1e3, med[i] * 1e9 / nnz, rate, 100 * rate / streamRate, ratio);
            }
        }
        if (sink[0] == 42) {
            System.out.println();
        }
    }
}
