package dev.linea.bench;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Threads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One backend's side of {@link AutoVersusBest}: a JVM that runs calls on this one backend only, so its call sites
 * see one backend, as in a JMH fork or in a program that uses only that backend. It reads commands on standard
 * input and answers each with one line on standard output:
 * <pre>
 *   shape BENCHMARK SHAPE WARM_MS   make the data, run calls until this thread has used WARM_MS of CPU (at least
 *                                   3 calls): "ok"
 *   time BUDGET_MS                  run calls until BUDGET_MS of wall time have passed (at least one call):
 *                                   "CALLS CPU_NANOS", this thread's CPU time over them
 *   quit
 * </pre>
 * Run with {@code java … dev.linea.bench.AutoVersusBestWorker BACKEND}. Kernels run on one thread
 * ({@link Threads#setDefault}, before native loads, as {@link BackendState} does), and the calling thread's CPU time
 * is the whole call (OpenBLAS on one thread runs on it too).
 */
public final class AutoVersusBestWorker {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private AutoVersusBestWorker() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: AutoVersusBestWorker BACKEND");
            System.exit(2);
        }
        Threads.setDefault(1);
        Backend backend = Backends.named(args[0]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        BenchCalls.Call call = null;
        int perBatch = 1;
        double sink = 0;
        for (String line; (line = in.readLine()) != null; ) {
            String[] w = line.trim().split(" ");
            switch (w[0]) {
                case "shape" -> {
                    call = null; // drop the previous shape's data before making the next
                    call = BenchCalls.of(w[1], w[2]).apply(backend);
                    long warm = Long.parseLong(w[3]) * 1_000_000L;
                    long c0 = CPU.getCurrentThreadCpuTime();
                    int calls = 0;
                    perBatch = 1;
                    do {
                        long t0 = System.nanoTime();
                        if (call.hasPrepare()) {
                            call.prepare();
                            sink += call.run();
                        } else {
                            sink += call.runMany(perBatch);
                            // Calls per clock reading: about 1 ms of work between two readings, so reading the
                            // clocks (a thread-CPU reading costs about 0.3 µs) is no part of a nanosecond-scale
                            // call's time. Re-estimated as the code gets compiled.
                            double perCall = (double) (System.nanoTime() - t0) / perBatch;
                            perBatch = (int) Math.max(1, Math.min(Math.min(1 << 20, 4L * perBatch), 1e6 / perCall));
                        }
                        calls++;
                    } while (calls < 3 || CPU.getCurrentThreadCpuTime() - c0 < warm);
                    out.println("ok");
                }
                case "time" -> {
                    if (call == null) {
                        out.println("error: time before shape");
                        continue;
                    }
                    long end = System.nanoTime() + Long.parseLong(w[1]) * 1_000_000L;
                    long calls = 0;
                    long cpu = 0;
                    if (call.hasPrepare()) { // the untimed setup of each call is left out, as JMH's Level.Invocation
                        do {
                            call.prepare();
                            long c0 = CPU.getCurrentThreadCpuTime();
                            sink += call.run();
                            cpu += CPU.getCurrentThreadCpuTime() - c0;
                            calls++;
                        } while (System.nanoTime() < end);
                    } else {
                        long c0 = CPU.getCurrentThreadCpuTime();
                        do {
                            sink += call.runMany(perBatch);
                            calls += perBatch;
                        } while (System.nanoTime() < end);
                        cpu = CPU.getCurrentThreadCpuTime() - c0;
                    }
                    out.println(calls + " " + cpu);
                }
                case "quit" -> {
                    System.err.println(String.format(Locale.ROOT, "worker %s done (checksum %.3g)", args[0], sink));
                    return;
                }
                default -> out.println("error: unknown command '" + w[0] + "', expected shape, time or quit");
            }
        }
    }
}
