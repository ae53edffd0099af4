package dev.linea.models.lasso;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * A quick wall-clock timing (not a test, not JMH) of a 100-λ lasso path on generated dense data, for comparison
 * with glmnet on the same file. Usage: {@code LassoPathTiming write DIR N P} writes DIR/x.bin (row-major,
 * little-endian doubles) and DIR/y.bin; {@code LassoPathTiming fit DIR N P [mode] [backend]} times the fit.
 */
public final class LassoPathTiming {
    private LassoPathTiming() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        int p = Integer.parseInt(args[3]);
        if (args[0].equals("write")) {
            SplittableRandom rng = new SplittableRandom(2026);
            double[] x = new double[n * p];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double common = rng.nextGaussian();
                double s = rng.nextGaussian();
                for (int j = 0; j < p; j++) {
                    double v = 0.5 * common + rng.nextGaussian();
                    x[i * p + j] = v;
                    if (j % 50 == 0) {
                        s += (j % 100 == 0 ? 1 : -0.5) * v;
                    }
                }
                y[i] = s;
            }
            write(dir.resolve("x.bin"), x);
            write(dir.resolve("y.bin"), y);
            return;
        }
        double[] x = read(dir.resolve("x.bin"), n * p);
        double[] y = read(dir.resolve("y.bin"), n);
        Dataset d = Dataset.of(n, p, x, y);
        x = null;
        ElasticNetOptions.Mode mode = args.length > 4 ? ElasticNetOptions.Mode.valueOf(args[4])
                : ElasticNetOptions.Mode.AUTO;
        Backend backend = args.length > 5 ? Backends.named(args[5]) : Backends.defaultBackend();
        for (int rep = 0; rep < (args.length > 6 ? Integer.parseInt(args[6]) : 2); rep++) {
            long t0 = System.nanoTime();
            ElasticNetPath path = new ElasticNet(ElasticNetOptions.lasso().withMode(mode), backend).fit(d);
            double sec = (System.nanoTime() - t0) / 1e9;
            System.out.printf("linea %s backend %s: %.3f s, %d lambdas, df at last %d, dev ratio %.6f, passes %d%n",
                    path.report().solver(), backend.name(), sec, path.size(), path.nonZero(path.size() - 1),
                    path.devianceRatio(path.size() - 1), path.report().iterations());
            System.out.println("  " + path.report().notes());
        }
    }

    private static void write(Path file, double[] v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(v);
        Files.write(file, b.array());
    }

    private static double[] read(Path file, int count) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(count * 8).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // read fully
            }
            b.flip();
            double[] v = new double[count];
            b.asDoubleBuffer().get(v);
            return v;
        }
    }
}
