package dev.linea.bench;

import dev.linea.kernels.sparse.CsrMatrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The sparse CSR kernels on a ranker's shape: m rows × n columns with {@code nnz} random distinct columns per row.
 * {@code backend=scalar} is the plain index loop, {@code vector} the gathered row dot ({@code SparseGather}); the
 * ratio says whether gathers pay. {@code n = 1024} keeps the coefficients in L1 (the gather's best case),
 * {@code n = 2^20} (8 MB of coefficients) is the hashed case, bound by cache misses.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class SparseKernelBench {
    /** rows x columns x non-zeros per row. */
    @Param({"100000x1024x30", "100000x1048576x30"})
    public String sparseShape;

    CsrMatrix x;
    double[] w;
    double[] labels;
    double[] out;
    double[] g;
    double[] centre;

    @Setup
    public void setup() {
        String[] p = sparseShape.split("x");
        int m = Integer.parseInt(p[0]);
        int n = Integer.parseInt(p[1]);
        int k = Integer.parseInt(p[2]);
        Random r = new Random(19);
        int[] ptr = new int[m + 1];
        int[] idx = new int[m * k];
        double[] val = new double[m * k];
        java.util.TreeSet<Integer> row = new java.util.TreeSet<>();
        for (int i = 0; i < m; i++) {
            row.clear();
            while (row.size() < k) {
                row.add(r.nextInt(n));
            }
            int q = i * k;
            for (int j : row) {
                idx[q] = j;
                val[q++] = r.nextGaussian();
            }
            ptr[i + 1] = q;
        }
        x = new CsrMatrix(m, n, ptr, idx, val);
        w = Data.gaussian(n + 1, 7);
        labels = new double[m];
        for (int i = 0; i < m; i++) {
            labels[i] = r.nextBoolean() ? 1 : 0;
        }
        out = new double[m];
        g = new double[n + 1];
        centre = Data.gaussian(n, 9);
    }

    @Benchmark
    public double[] times(BackendState s) {
        s.b.sparseTimes(x, null, null, w, 0, 0.5, out, 0);
        return out;
    }

    @Benchmark
    public double[] transposeTimes(BackendState s) {
        s.b.sparseTransposeTimes(x, null, null, labels, 0, g, 0);
        return g;
    }

    @Benchmark
    public double logisticGradient(BackendState s) {
        return s.b.sparseLogisticGradient(x, null, null, w, 0, true, labels, 0, null, 0, g, 0);
    }

    @Benchmark
    public double logisticGradientCentred(BackendState s) {
        return s.b.sparseLogisticGradient(x, centre, null, w, 0, true, labels, 0, null, 0, g, 0);
    }
}
