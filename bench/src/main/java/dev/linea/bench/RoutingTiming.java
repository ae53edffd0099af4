package dev.linea.bench;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Threads;
import dev.linea.kernels.Transpose;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The measurements behind {@code auto}'s defaults (docs/routing.md): vector against native, kernel by kernel, over a
 * grid of shapes (narrow and wide, 1e4 to 1e7 elements, in cache and out), on a machine shared with other work.
 * With one thread each side every call is timed by its <em>thread CPU time</em> (other processes' time slices do not
 * count); with more, by wall time (the other threads' work must count), so run those on a quiet machine. Backends
 * alternate round by round; each figure is the median of the rounds (best in brackets).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dlinea.threads=T \
 *      -cp bench/target/benchmarks.jar dev.linea.bench.RoutingTiming [rounds] [kernels]
 * </pre>
 * {@code -Dlinea.threads=T} sets the vector backend's row split and, unless {@code -Dlinea.native.threads} says
 * otherwise, OpenBLAS's threads (the command line's {@code --threads T}); without it both run one thread.
 * {@code kernels}: a comma list of gemv, grad, gram, gemm, cholesky, solve (Cholesky and triangular solves,
 * lower, not transposed and transposed), dot
 * (default all), or quick (the shapes of
 * {@code ./linea bench --quick}, auto against the best backend); the GEMV grid is
 * {@code -Drouting.elements=10000,…} (m·n) × {@code -Drouting.widths=4,…} (n), the Gram shapes
 * {@code -Drouting.gramShapes=100x10,…}, the orders of the Cholesky factorizations and solves
 * {@code -Drouting.choleskySizes=16,…}, the solves' right-hand sides {@code -Drouting.solveRhs=1,n,…} ({@code n}: as
 * many as the order). Output: one line per kernel
 * and shape with each backend's time and vector ÷ native time ({@code < 1}: vector faster).
 */
public final class RoutingTiming {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static boolean wall;

    private RoutingTiming() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> kernels = List.of((args.length > 1 ? args[1] : "gemv,grad,gram,gemm,cholesky,solve,dot").split(","));
        if (Threads.configured().isEmpty()) {
            Threads.setDefault(1);
        }
        int threads = Threads.defaultCount();
        wall = threads > 1;
        // vector, native, auto: report() reads them in this order; -Drouting.order=2,0,1 times auto first in each round
        Backend[] bs = {Backends.named("vector"), Backends.named("native"), Backends.named("auto")};
        System.out.println("# " + (wall ? "wall" : "thread CPU") + " time, " + threads + " thread(s) (vector row split;"
                + " native: " + bs[1].describe().get("threads") + "), backends alternating, median of " + rounds
                + " rounds [best]; " + Runtime.getRuntime().availableProcessors() + " cores; "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + "; species "
                + jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED);
        System.out.println("# auto: " + bs[2].describe().get("table") + "; gemv: " + bs[2].describe().get("route.gemv")
                + "; gram: " + bs[2].describe().get("route.gram"));
        if (kernels.contains("quick")) {
            quick(rounds, bs);
        }
        if (kernels.contains("gemv")) {
            for (long elements : longs("routing.elements", "10000,100000,1000000,10000000")) {
                for (long nl : longs("routing.widths", "4,10,32,100,128,256,1000")) {
                    int n = (int) nl;
                    int m = (int) (elements / n);
                    if (m < 8) {
                        continue;
                    }
                    double[] a = Data.gaussian(m * n, 3);
                    double[] xn = Data.gaussian(n, 4);
                    double[] xm = Data.gaussian(m, 5);
                    double[] ym = new double[m];
                    double[] yn = new double[n];
                    report("gemvN " + m + "x" + n, rounds, bs,
                            b -> b.gemv(Transpose.NONE, m, n, 1, a, 0, n, xn, 0, 0, ym, 0));
                    report("gemvT " + m + "x" + n, rounds, bs,
                            b -> b.gemv(Transpose.TRANSPOSE, m, n, 1, a, 0, n, xm, 0, 0, yn, 0));
                }
            }
        }
        if (kernels.contains("grad")) {
            for (String shape : new String[]{"1000000x10", "100000x100", "10000x1000", "10000x10", "1000x100"}) {
                int[] s = Data.shape(shape);
                int m = s[0];
                int n = s[1];
                double[] x = Data.gaussian(m * n, 6);
                double[] w = Data.gaussian(n, 7);
                double[] y = Data.gaussian(m, 8);
                double[] g = new double[n];
                double[] r = new double[m];
                report("twoGemv " + shape, rounds, bs, b -> {
                    b.gemv(Transpose.NONE, m, n, 1, x, 0, n, w, 0, 0, r, 0);
                    for (int i = 0; i < m; i++) {
                        r[i] -= y[i];
                    }
                    b.gemv(Transpose.TRANSPOSE, m, n, 1, x, 0, n, r, 0, 0, g, 0);
                });
                report("lsGradient " + shape, rounds, bs,
                        b -> b.leastSquaresGradient(m, n, x, 0, n, w, 0, y, 0, g, 0));
            }
        }
        if (kernels.contains("gram")) {
            for (String shape : System.getProperty("routing.gramShapes", "100x10,1000x10,100000x10,1000000x10,"
                    + "100000x32,10000x64,100000x100,200000x100,500x500,10000x1000,100x100,1000x100").split(",")) {
                int[] s = Data.shape(shape);
                int m = s[0];
                int n = s[1];
                double[] a = Data.gaussian(m * n, 9);
                double[] c = new double[n * n];
                report("gram " + shape, rounds, bs, b -> b.gram(m, n, a, 0, n, null, 0, c, 0, n));
            }
        }
        if (kernels.contains("gemm")) {
            for (int g : new int[]{16, 32, 64, 128, 256, 1000}) {
                double[] ga = Data.gaussian(g * g, 11);
                double[] gb = Data.gaussian(g * g, 12);
                double[] gc = new double[g * g];
                report("gemm " + g, rounds, bs,
                        b -> b.gemm(Transpose.NONE, Transpose.NONE, g, g, g, 1, ga, 0, g, gb, 0, g, 0, gc, 0, g));
            }
        }
        if (kernels.contains("cholesky")) {
            for (long nl : longs("routing.choleskySizes", "16,32,64,128,500,2000")) {
                int n = (int) nl;
                double[] spd = positiveDefinite(bs[0], n);
                double[] work = new double[n * n];
                report("cholesky " + n, rounds, bs, b -> {
                    System.arraycopy(spd, 0, work, 0, spd.length); // O(n²) against n³/3 flops
                    if (b.cholesky(n, work, 0, n) != 0) {
                        throw new IllegalStateException("cholesky failed on a positive definite matrix");
                    }
                });
            }
        }
        if (kernels.contains("solve")) {
            // Cholesky solve and triangular solves (trsm: L·X = B; trsmT: Lᵀ·X = B, the Cholesky solve's second half)
            // with the right-hand sides of routing.solveRhs (one and n unless told).
            for (long nl : longs("routing.choleskySizes", "16,32,64,128,500,2000")) {
                int n = (int) nl;
                double[] l = positiveDefinite(bs[0], n);
                if (bs[0].cholesky(n, l, 0, n) != 0) {
                    throw new IllegalStateException("cholesky failed on a positive definite matrix");
                }
                for (String r : System.getProperty("routing.solveRhs", "1,n").split(",")) {
                    int nrhs = r.trim().equals("n") ? n : Integer.parseInt(r.trim());
                    double[] rhs = Data.gaussian(n * nrhs, 16);
                    double[] work = new double[n * nrhs];
                    report("choleskySolve " + n + "x" + nrhs, rounds, bs, b -> {
                        System.arraycopy(rhs, 0, work, 0, rhs.length);
                        b.choleskySolve(n, nrhs, l, 0, n, work, 0, nrhs);
                    });
                    report("trsm " + n + "x" + nrhs, rounds, bs, b -> {
                        System.arraycopy(rhs, 0, work, 0, rhs.length);
                        b.triangularSolve(dev.linea.kernels.Triangle.LOWER, Transpose.NONE,
                                dev.linea.kernels.Diagonal.NON_UNIT, n, nrhs, l, 0, n, work, 0, nrhs);
                    });
                    report("trsmT " + n + "x" + nrhs, rounds, bs, b -> {
                        System.arraycopy(rhs, 0, work, 0, rhs.length);
                        b.triangularSolve(dev.linea.kernels.Triangle.LOWER, Transpose.TRANSPOSE,
                                dev.linea.kernels.Diagonal.NON_UNIT, n, nrhs, l, 0, n, work, 0, nrhs);
                    });
                }
            }
        }
        if (kernels.contains("dot")) {
            for (int n : new int[]{64, 10_000, 1_000_000, 10_000_000}) {
                double[] x = Data.gaussian(n, 14);
                double[] y = Data.gaussian(n, 15);
                double[] sink = new double[1];
                report("dot " + n, rounds, bs, b -> sink[0] += b.dot(n, x, 0, y, 0));
            }
        }
    }

    /** X·Xᵀ + n·I for a Gaussian n×n X (seed 13): positive definite, well conditioned. */
    private static double[] positiveDefinite(Backend b, int n) {
        double[] x = Data.gaussian(n * n, 13);
        double[] spd = new double[n * n];
        b.gemm(Transpose.NONE, Transpose.TRANSPOSE, n, n, n, 1, x, 0, n, x, 0, n, 0, spd, 0, n);
        for (int i = 0; i < n; i++) {
            spd[i * n + i] += n;
        }
        return spd;
    }

    /**
     * The shapes of {@code ./linea bench --quick} (BenchMain), each backend on the same calls as its JMH benchmark:
     * auto against the best single backend, by thread CPU time, where a loaded machine leaves JMH's wall-clock
     * error bars wider than the 10% to decide.
     */
    private static void quick(int rounds, Backend[] bs) {
        for (int n : new int[]{64, 10_000, 10_000_000}) { // 64: ScoringBench.dotRow's single-row dot at p = 64
            double[] x = Data.gaussian(n, 1);
            double[] y = Data.gaussian(n, 2);
            double[] sink = new double[1];
            report("dot " + n, rounds, bs, b -> sink[0] += b.dot(n, x, 0, y, 0));
        }
        {
            int m = 10_000;
            int n = 1000;
            double[] a = Data.gaussian(m * n, 3);
            double[] xn = Data.gaussian(n, 4);
            double[] xm = Data.gaussian(m, 5);
            double[] ym = new double[m];
            double[] yn = new double[n];
            report("gemvN 10000x1000", rounds, bs, b -> b.gemv(Transpose.NONE, m, n, 1, a, 0, n, xn, 0, 0, ym, 0));
            report("gemvT 10000x1000", rounds, bs,
                    b -> b.gemv(Transpose.TRANSPOSE, m, n, 1, a, 0, n, xm, 0, 0, yn, 0));
        }
        {
            int m = 100_000;
            int n = 100;
            double[] x = Data.gaussian(m * n, 6);
            double[] w = Data.gaussian(n, 7);
            double[] y = Data.gaussian(m, 8);
            double[] labels = new double[m];
            for (int i = 0; i < m; i++) {
                labels[i] = y[i] > 0 ? 1 : 0;
            }
            double[] g = new double[n];
            double[] r = new double[m];
            report("leastSquares 100000x100", rounds, bs, b -> b.leastSquaresGradient(m, n, x, 0, n, w, 0, y, 0, g, 0));
            report("logistic 100000x100", rounds, bs,
                    b -> b.logisticGradient(m, n, x, 0, n, w, 0, false, labels, 0, null, 0, g, 0));
            report("twoGemv 100000x100", rounds, bs, b -> {
                b.gemv(Transpose.NONE, m, n, 1, x, 0, n, w, 0, 0, r, 0);
                for (int i = 0; i < m; i++) {
                    r[i] -= y[i];
                }
                b.gemv(Transpose.TRANSPOSE, m, n, 1, x, 0, n, r, 0, 0, g, 0);
            });
        }
        for (String shape : new String[]{"500x500", "100000x100", "10000x1000"}) {
            int[] s = Data.shape(shape);
            int m = s[0];
            int n = s[1];
            double[] a = Data.gaussian(m * n, 9);
            double[] c = new double[n * n];
            report("gram " + shape, rounds, bs, b -> b.gram(m, n, a, 0, n, null, 0, c, 0, n));
        }
        for (int n : new int[]{500, 2000}) {
            double[] x = Data.gaussian(n * n, 13);
            double[] spd = new double[n * n];
            bs[0].gemm(Transpose.NONE, Transpose.TRANSPOSE, n, n, n, 1, x, 0, n, x, 0, n, 0, spd, 0, n);
            for (int i = 0; i < n; i++) {
                spd[i * n + i] += n;
            }
            double[] work = new double[n * n];
            report("cholesky " + n, rounds, bs, b -> {
                System.arraycopy(spd, 0, work, 0, spd.length);
                if (b.cholesky(n, work, 0, n) != 0) {
                    throw new IllegalStateException("cholesky failed on a positive definite matrix");
                }
            });
        }
    }

    /** A comma list of whole numbers from a system property, else the default. */
    private static long[] longs(String property, String dflt) {
        return java.util.Arrays.stream(System.getProperty(property, dflt).split(",")).map(String::trim)
                .mapToLong(Long::parseLong).toArray();
    }

    private static long now() {
        return wall ? System.nanoTime() : CPU.getCurrentThreadCpuTime();
    }

    /** The order in which each round times the backends (indexes into vector, native, auto). */
    private static final long[] ORDER = longs("routing.order", "0,1,2");

    private static final java.util.Set<String> WARMED = new java.util.HashSet<>();

    private static void report(String name, int rounds, Backend[] bs, Consumer<Backend> call) {
        String kernel = name.substring(0, name.indexOf(' '));
        for (Backend b : bs) { // C2 compiles each kernel once (about 2 s of CPU); later shapes warm up briefly
            long end = System.nanoTime() + (WARMED.add(kernel + b.name()) ? 2_000_000_000L : 200_000_000L);
            while (System.nanoTime() < end) {
                call.accept(b);
            }
        }
        double[][] t = new double[bs.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (long o : ORDER) {
                int i = (int) o;
                // One clock reading around the whole batch: a thread-CPU-time reading costs about 0.3 µs, as much
                // as a short call.
                long wallEnd = System.nanoTime() + 100_000_000L;
                int calls = 0;
                long c0 = now();
                do {
                    call.accept(bs[i]);
                    calls++;
                } while (System.nanoTime() < wallEnd);
                t[i][r] = (now() - c0) / 1e9 / calls;
            }
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s", name));
        double[] med = new double[bs.length];
        for (int i = 0; i < bs.length; i++) {
            Arrays.sort(t[i]);
            med[i] = t[i][rounds / 2];
            line.append(String.format(Locale.ROOT, " | %s %s [%s]", bs[i].name(), time(med[i]), time(t[i][0])));
        }
        line.append(String.format(Locale.ROOT, " | vector/native %.2f | auto/best %.2f", med[0] / med[1],
                med[2] / Math.min(med[0], med[1])));
        System.out.println(line);
    }

    private static String time(double s) {
        if (s >= 1e-3) {
            return String.format(Locale.ROOT, "%.3f ms", s * 1e3);
        }
        return s >= 1e-6 ? String.format(Locale.ROOT, "%.2f µs", s * 1e6) : String.format(Locale.ROOT, "%.1f ns", s * 1e9);
    }
}
