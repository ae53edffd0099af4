package dev.linea.bench;

import dev.linea.kernels.Transpose;
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
 *
 * <p>The {@code dense*} benchmarks are the yardstick: the same m × nnz stored values as a dense m×nnz matrix (the
 * rows with their zeros squeezed out, so the same flops and 8 of the CSR's 12 bytes per value), by the dense
 * kernels ({@code gemv}, the fused {@code logisticGradient}). sparse ÷ dense is then the price of the indices and
 * the gathers/scatters; the bytes a sparse pass reads (12·nnz + 4·m for X, 8·m for the vector over the rows)
 * divided by its time, against {@code MachineLimitsBench}'s triad, says how near the memory bandwidth it runs.
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
    /** The yardstick: m × nnz dense (the stored values in row-major order) and its nnz + 1 coefficients. */
    double[] dense;
    double[] denseW;
    double[] denseG;
    int m;
    int k;

    @Setup
    public void setup() {
        String[] p = sparseShape.split("x");
        m = Integer.parseInt(p[0]);
        int n = Integer.parseInt(p[1]);
        k = Integer.parseInt(p[2]);
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
        dense = val.clone();
        denseW = Data.gaussian(k + 1, 7);
        denseG = new double[k + 1];
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

    /** The dense yardstick of {@link #times}: m×nnz by gemv. */
    @Benchmark
    public double[] denseTimes(BackendState s) {
        s.b.gemv(Transpose.NONE, m, k, 1, dense, 0, k, denseW, 0, 0, out, 0);
        return out;
    }

    /** The dense yardstick of {@link #transposeTimes}: (m×nnz)ᵀ·v by gemv. */
    @Benchmark
    public double[] denseTransposeTimes(BackendState s) {
        s.b.gemv(Transpose.TRANSPOSE, m, k, 1, dense, 0, k, labels, 0, 0, denseG, 0);
        return denseG;
    }

    /** The dense yardstick of {@link #logisticGradient}: the fused dense kernel on m×nnz with an intercept. */
    @Benchmark
    public double denseLogisticGradient(BackendState s) {
        return s.b.logisticGradient(m, k, dense, 0, k, denseW, 0, true, labels, 0, null, 0, denseG, 0);
    }
}
