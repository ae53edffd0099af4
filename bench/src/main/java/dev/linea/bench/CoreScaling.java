package dev.linea.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;

/**
 * What the machine itself gives a second thread (issue 17, "both cores"): the FMA rate, the read bandwidth and the
 * STREAM triad, each on one thread and on two threads at once (each thread on its own data), in one JVM, the two
 * variants alternating round by round. A kernel split over two threads cannot speed up by more than its limit's
 * ratio here: a compute-bound one by the FMA ratio (about 1.0 when the two virtual CPUs are hyperthreads of one
 * physical core and share its FMA units, 2.0 on two real cores), a memory-bound one by the bandwidth ratio.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.linea.bench.CoreScaling [rounds]
 * </pre>
 * Each trial is long (0.1–0.3 s a thread) so that starting the threads does not count. Prints, per probe, the aggregate rate on 1 and 2 threads (median and best over the rounds, wall clock) and the
 * ratio of the medians.
 */
public final class CoreScaling {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Per thread, per array: 32 MB, far beyond the 32 MB L3 once two or three of them are streamed. */
    private static final int STREAM = 1 << 22;
    private static volatile double sink;

    private CoreScaling() {
    }

    /** One probe: {@code run(t)} does thread t's share of the work and returns its units (flops or bytes). */
    private interface Probe {
        double run(int thread);
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        double[][] a = new double[2][STREAM];
        double[][] b = new double[2][STREAM];
        double[][] c = new double[2][STREAM];
        for (int t = 0; t < 2; t++) {
            Arrays.fill(a[t], 1.0);
            Arrays.fill(b[t], 2.0);
            Arrays.fill(c[t], 0.5);
        }
        Probe fma = t -> fma(4_000_000_000L / S.length());
        Probe read = t -> {
            double s = 0;
            for (int rep = 0; rep < 64; rep++) {
                s += sum(a[t]);
            }
            sink = s;
            return 64.0 * STREAM * Double.BYTES;
        };
        Probe triad = t -> {
            for (int rep = 0; rep < 32; rep++) {
                triad(a[t], b[t], c[t], 0.5 + rep);
            }
            return 32.0 * 3 * STREAM * Double.BYTES;
        };
        System.out.printf(Locale.ROOT, "# CoreScaling: %d rounds, %d CPUs, %s, %s%n", rounds,
                Runtime.getRuntime().availableProcessors(), S, System.getProperty("java.vm.version"));
        report("fma", "GFLOP/s", fma, rounds);
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

    /** Twelve independent FMA chains (latency 4 × 2 pipes with room to spare), in registers. */
    private static double fma(long iterations) {
        DoubleVector x = DoubleVector.broadcast(S, 1.0000001);
        DoubleVector y = DoubleVector.broadcast(S, 0.9999999);
        DoubleVector a0 = DoubleVector.broadcast(S, 0.1);
        DoubleVector a1 = DoubleVector.broadcast(S, 0.2);
        DoubleVector a2 = DoubleVector.broadcast(S, 0.3);
        DoubleVector a3 = DoubleVector.broadcast(S, 0.4);
        DoubleVector a4 = DoubleVector.broadcast(S, 0.5);
        DoubleVector a5 = DoubleVector.broadcast(S, 0.6);
        DoubleVector a6 = DoubleVector.broadcast(S, 0.7);
        DoubleVector a7 = DoubleVector.broadcast(S, 0.8);
        DoubleVector a8 = DoubleVector.broadcast(S, 0.9);
        DoubleVector a9 = DoubleVector.broadcast(S, 1.0);
        DoubleVector a10 = DoubleVector.broadcast(S, 1.1);
        DoubleVector a11 = DoubleVector.broadcast(S, 1.2);
        long blocks = iterations / 12;
        for (long i = 0; i < blocks; i++) {
            a0 = a0.fma(x, y);
            a1 = a1.fma(x, y);
            a2 = a2.fma(x, y);
            a3 = a3.fma(x, y);
            a4 = a4.fma(x, y);
            a5 = a5.fma(x, y);
            a6 = a6.fma(x, y);
            a7 = a7.fma(x, y);
            a8 = a8.fma(x, y);
            a9 = a9.fma(x, y);
            a10 = a10.fma(x, y);
            a11 = a11.fma(x, y);
        }
        sink = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
        return 2.0 * blocks * 12 * S.length();
    }

    private static double sum(double[] a) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = DoubleVector.zero(S);
        DoubleVector s2 = DoubleVector.zero(S);
        DoubleVector s3 = DoubleVector.zero(S);
        int l = S.length();
        int i = 0;
        for (; i <= a.length - 4 * l; i += 4 * l) {
            s0 = s0.add(DoubleVector.fromArray(S, a, i));
            s1 = s1.add(DoubleVector.fromArray(S, a, i + l));
            s2 = s2.add(DoubleVector.fromArray(S, a, i + 2 * l));
            s3 = s3.add(DoubleVector.fromArray(S, a, i + 3 * l));
        }
        double s = s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
        for (; i < a.length; i++) {
            s += a[i];
        }
        return s;
    }

    private static void triad(double[] a, double[] b, double[] c, double q) {
        int l = S.length();
        DoubleVector vq = DoubleVector.broadcast(S, q);
        int i = 0;
        for (; i <= a.length - l; i += l) {
            DoubleVector.fromArray(S, c, i).fma(vq, DoubleVector.fromArray(S, b, i)).intoArray(a, i);
        }
        for (; i < a.length; i++) {
            a[i] = b[i] + q * c[i];
        }
    }
}
