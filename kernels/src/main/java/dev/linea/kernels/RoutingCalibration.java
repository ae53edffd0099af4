package dev.linea.kernels;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * Measures where the large backend (native) overtakes the small one (vector) for each routed kernel on this
 * machine, and keeps the result in a file that {@link AutoBackend} reads at start-up:
 * {@code ~/.cache/linea/auto-routing.properties} (or the path in {@code linea.auto.table}).
 * Run it with {@code ./linea backends --calibrate}; it takes tens of seconds, because each side is warmed up until
 * the JIT has compiled it (a calibration on cold code would measure the interpreter, not the kernels).
 *
 * <p>For each kernel, sizes double along a ladder; the threshold is the work of the smallest size from which the
 * large backend is faster at that size and every larger one; never faster: the kernel stays on the small backend.
 */
public final class RoutingCalibration {
    /** The square sizes tried for level-3 kernels and factorizations. */
    static final int[] LADDER = {8, 16, 32, 64, 128, 256};
    /**
     * The Gram matrix is timed on tall m×n matrices, m = 32·n (work m·n²), and once calibrated routes by work at
     * every width ({@code linea.auto.gram.widths=all}): which backend wins depends on the machine's SIMD width
     * (the vector micro-kernel beats OpenBLAS's DSYRK with AVX-512 and loses to it with AVX2).
     */
    static final long GRAM_ROWS_PER_COLUMN = 32;
    /** The property that makes auto route Gram calls of every width by work, not only narrow ones. */
    public static final String GRAM_WIDTHS = "linea.auto.gram.widths";
    /**
     * The same for GEMV (timed as A·x on m×n, m = 32·n, work m·n). A calibration no longer writes it (its ladder
     * stays in the caches); a file that has it, or the system property, still routes every GEMV by work.
     */
    public static final String GEMV_WIDTHS = "linea.auto.gemv.widths";

    private RoutingCalibration() {
    }

    /** The file the calibration is kept in. */
    public static Path file() {
        String p = System.getProperty("linea.auto.table");
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "linea", "auto-routing.properties");
    }

    /** Measures, writes {@link #file()}, and returns the thresholds found. */
    public static Map<Kernel, Long> calibrateAndSave(Backend small, Backend large) throws IOException {
        Map<Kernel, Long> t = measure(small, large);
        Properties props = new Properties();
        for (Map.Entry<Kernel, Long> e : t.entrySet()) {
            props.setProperty("linea.auto." + e.getKey().name().toLowerCase(Locale.ROOT), Long.toString(e.getValue()));
        }
        props.setProperty(GRAM_WIDTHS, "all");
        // Not GEMV_WIDTHS: the ladder's GEMVs (up to 8192×256, 16 MB) all fit in the caches, where OpenBLAS leads on
        // narrow matrices; out of them the AVX2 vector kernel is ahead (docs/routing.md). GEMV keeps the width and
        // size rule of the vector width, with the calibrated threshold.
        props.setProperty(MACHINE, machine());
        Path f = file();
        Files.createDirectories(f.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            props.store(w, "Linea auto routing, calibrated " + Instant.now() + " on " + cpu() + ", "
                    + small.name() + " vs " + large.name() + ", JDK " + System.getProperty("java.version"));
        }
        return t;
    }

    /** The key under which a calibration records the machine and JDK it measured ({@link #machine()}). */
    static final String MACHINE = "linea.auto.machine";

    /**
     * The machine and JDK a calibration holds for: CPU model, core count, vector width and JDK version. A home
     * directory shared between machines (or a JDK upgrade) must not carry one machine's crossovers to another.
     */
    static String machine() {
        String lanes = "none";
        BackendStatus v = Backends.status("vector");
        if (v.isAvailable()) {
            lanes = v.backend().describe().getOrDefault("lanes", "?");
        }
        return cpu() + "; " + Runtime.getRuntime().availableProcessors() + " cores; " + lanes
                + " double lanes; JDK " + System.getProperty("java.version");
    }

    /**
     * Null when the calibration was made on this machine and JDK (or does not say where: files written before the
     * key existed), else why it does not apply.
     */
    static String foreign(Properties calibrated) {
        String recorded = calibrated.getProperty(MACHINE);
        if (recorded == null) {
            return null;
        }
        String here = machine();
        return recorded.equals(here) ? null : "it was measured on '" + recorded + "', this is '" + here + "'";
    }

    /** Thresholds read from {@link #file()}, or null when there is none (or it cannot be read). */
    static Properties load() {
        Path f = file();
        if (!Files.isReadable(f)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
            return p;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Crossover work per kernel: small below, large from there; {@link Long#MAX_VALUE} when large never wins. */
    public static Map<Kernel, Long> measure(Backend small, Backend large) {
        Map<Kernel, Long> t = new EnumMap<>(Kernel.class);
        for (Kernel k : new Kernel[]{Kernel.GEMM, Kernel.CHOLESKY, Kernel.TRIANGULAR_SOLVE, Kernel.QR, Kernel.GRAM,
            Kernel.GEMV}) {
            double[] ratio = new double[LADDER.length];
            for (int s = 0; s < LADDER.length; s++) {
                int n = LADDER[s];
                ratio[s] = seconds(small, k, n) / seconds(large, k, n);
            }
            t.put(k, crossover(ratio, k));
        }
        t.put(Kernel.CHOLESKY_SOLVE, t.get(Kernel.TRIANGULAR_SOLVE));
        t.put(Kernel.QR_MULTIPLY_Q, t.get(Kernel.QR));
        return t;
    }

    static long crossover(double[] ratio, Kernel k) {
        int from = LADDER.length;
        for (int s = LADDER.length - 1; s >= 0 && ratio[s] > 1; s--) {
            from = s;
        }
        if (from == LADDER.length) {
            return Long.MAX_VALUE;
        }
        long n = LADDER[from];
        return k == Kernel.GRAM ? GRAM_ROWS_PER_COLUMN * n * n * n
                : k == Kernel.GEMV ? GRAM_ROWS_PER_COLUMN * n * n : n * n * n;
    }

    /** Median seconds of one call of kernel k at size n on b, after a warm-up long enough for the JIT. */
    static double seconds(Backend b, Kernel k, int n) {
        SplittableRandom r = new SplittableRandom(n);
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble() - 0.5;
        }
        double[] spd = new double[n * n];
        ScalarBackend.INSTANCE.gemm(Transpose.NONE, Transpose.TRANSPOSE, n, n, n, 1, a, 0, n, a, 0, n, 0, spd, 0, n);
        for (int i = 0; i < n; i++) {
            spd[i * n + i] += n;
        }
        double[] work = new double[n * n];
        double[] out = new double[n * n];
        int tall = (int) (GRAM_ROWS_PER_COLUMN * n);
        double[] tallA = k == Kernel.GRAM || k == Kernel.GEMV ? new double[tall * n] : null;
        double[] yTall = new double[tall];
        if (tallA != null) {
            for (int i = 0; i < tallA.length; i++) {
                tallA[i] = r.nextDouble() - 0.5;
            }
        }
        double[] tau = new double[n];
        Runnable call = switch (k) {
            case GEMM -> () -> b.gemm(Transpose.NONE, Transpose.NONE, n, n, n, 1, a, 0, n, spd, 0, n, 0, out, 0, n);
            case CHOLESKY -> () -> {
                System.arraycopy(spd, 0, work, 0, work.length);
                b.cholesky(n, work, 0, n);
            };
            case TRIANGULAR_SOLVE -> () -> {
                System.arraycopy(a, 0, work, 0, work.length);
                b.triangularSolve(Triangle.LOWER, Transpose.NONE, Diagonal.NON_UNIT, n, n, spd, 0, n, work, 0, n);
            };
            case QR -> () -> {
                System.arraycopy(a, 0, work, 0, work.length);
                b.qr(n, n, work, 0, n, tau, 0);
            };
            case GRAM -> () -> b.gram(tall, n, tallA, 0, n, null, 0, out, 0, n);
            case GEMV -> () -> b.gemv(Transpose.NONE, tall, n, 1, tallA, 0, n, a, 0, 0, yTall, 0);
            default -> throw new IllegalArgumentException("not calibrated: " + k);
        };
        long end = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < end) {
            call.run();
        }
        int reps = 9;
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            int inner = Math.max(1, 4096 / (n * n / 16 + 1) / (k == Kernel.GRAM ? 32 : 1)
                    * (k == Kernel.GEMV ? 4 : 1));
            for (int j = 0; j < inner; j++) {
                call.run();
            }
            t[i] = (System.nanoTime() - t0) / 1e9 / inner;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }

    static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }
}
