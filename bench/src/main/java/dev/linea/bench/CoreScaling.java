package dev.linea.bench;

import jdk.incubator.vector.DoubleVector;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;

/**
 * What the machine itself gives a second thread (issue 17, "both cores"): the report's own limit probes
 * ({@link MachineLimitsBench}'s peakFma, readSum and triad), each on one thread and on two threads at once (each
 * thread on its own 64 MB arrays), in one JVM, the two variants alternating round by round. A kernel split over
 * two threads cannot speed up by more than its limit's ratio here: a compute-bound one by the FMA ratio (about 1.0
 * when the two virtual CPUs are hyperthreads of one physical core and share its FMA units, 2.0 on two real cores),
 * a memory-bound one by the bandwidth ratio.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.linea.bench.CoreScaling [rounds]
 * </pre>
 * Each trial is long (0.1–0.3 s a thread) so that starting the threads does not count. Prints, per probe, the
 * aggregate rate on 1 and 2 threads (median and best over the rounds, wall clock) and the ratio of the medians.
 */
public final class CoreScaling {
    private static volatile double sink;

    private CoreScaling() {
    }

    /** One probe: {@code run(t)} does thread t's share of the work and returns its units (flops or bytes). */
    private interface Probe {
        double run(int thread);
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        MachineLimitsBench limits = new MachineLimitsBench();
        MachineLimitsBench.Arrays3[] arrays = new MachineLimitsBench.Arrays3[2];
        MachineLimitsBench.FmaState[] fma = new MachineLimitsBench.FmaState[2];
        for (int t = 0; t < 2; t++) {
            arrays[t] = new MachineLimitsBench.Arrays3();
            arrays[t].setup();
            fma[t] = new MachineLimitsBench.FmaState();
        }
        int fmaCalls = 1500;  // a peakFma call is about 0.15 ms
        int readCalls = 64;   // 64 MB each
        int triadCalls = 16;  // 192 MB each
        Probe peak = t -> {
            double s = 0;
            for (int c = 0; c < fmaCalls; c++) {
                s += limits.peakFma(fma[t]);
            }
            sink = s;
            return fmaCalls * MachineLimitsBench.peakFmaFlops();
        };
        Probe read = t -> {
            double s = 0;
            for (int c = 0; c < readCalls; c++) {
                s += limits.readSum(arrays[t]);
            }
            sink = s;
            return readCalls * 8.0 * MachineLimitsBench.N;
        };
        Probe triad = t -> {
            for (int c = 0; c < triadCalls; c++) {
                MachineLimitsBench.triadKernel(arrays[t]);
            }
            return triadCalls * 3 * 8.0 * MachineLimitsBench.N;
        };
        System.out.printf(Locale.ROOT, "# CoreScaling: %d rounds, %d CPUs, %s, %s%n", rounds,
                Runtime.getRuntime().availableProcessors(), DoubleVector.SPECIES_PREFERRED,
                System.getProperty("java.vm.version"));
        report("fma", "GFLOP/s", peak, rounds);
        report("read", "GB/s", read, rounds);
        report("triad", "GB/s", triad, rounds);
    }

    private static void report(String name, String unit, Probe probe, int rounds) throws Exception {
        double[] one = new double[rounds];
        double[] two = new double[rounds];
        run(probe, 1);
        run(probe, 2);
        for (int r = 0; r < rounds; r++) {
            one[r] = run(probe, 1);
            two[r] = run(probe, 2);
        }
        Arrays.sort(one);
        Arrays.sort(two);
        double m1 = one[rounds / 2];
        double m2 = two[rounds / 2];
        System.out.printf(Locale.ROOT, "%-5s | 1 thread %.1f %s (best %.1f) | 2 threads %.1f %s (best %.1f) | 2 ÷ 1 %.2f%n",
                name, m1, unit, one[rounds - 1], m2, unit, two[rounds - 1], m2 / m1);
    }

    /** @return the aggregate rate (units per ns = G units per s) of the probe on this many threads at once */
    private static double run(Probe probe, int threads) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        double[] units = new double[threads];
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            ts[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                units[id] = probe.run(id);
            });
            ts[t].start();
        }
        start.await();
        long t0 = System.nanoTime();
        for (Thread t : ts) {
            t.join();
        }
        long ns = System.nanoTime() - t0;
        double total = 0;
        for (double u : units) {
            total += u;
        }
        return total / ns;
    }
}
