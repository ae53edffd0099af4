package dev.linea.bench;

import dev.linea.kernels.Backend;
import dev.linea.models.Dataset;
import dev.linea.models.LinearModel;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeCV;
import dev.linea.models.ridge.RidgeCVOptions;
import dev.linea.models.ridge.RidgeOptions;
import dev.linea.models.ridge.RidgeSolver;
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

import java.util.concurrent.TimeUnit;

/**
 * What a service does: fit, then score many single rows, all on one backend. Large level-3 work (the Gram matrix,
 * the GEMM of RidgeCV, the factorizations) favours OpenBLAS; a single-row score is a 100-element dot product, where
 * a JNI call costs more than the arithmetic. {@code auto} should beat both single backends here.
 * <ul>
 *   <li>{@code ridgeThenScore}: Ridge (Cholesky) on 1e5×100, then 1e4 or 1e6 single-row scores (rows from a pool
 *       of 4096, as requests with fresh feature vectors);</li>
 *   <li>{@code ridgeCvThenScore}: RidgeCV (13 alphas, leave-one-out: Gram, eigendecomposition, the m×n×n GEMM
 *       U = X·V, two GEMVs per α) on 1e5×100, then the same scores.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xmx4g"})
@State(Scope.Benchmark)
public class MixedWorkloadBench {
    @Param({"100000x100"})
    public String mixedShape;

    /** Single-row scores after the fit: 1e4 (the example), 1e6 (a ranker scoring between refits). */
    @Param({"10000", "1000000"})
    public int scores;

    Dataset data;
    int n;
    double[] rows;

    @Setup
    public void setup() {
        int[] s = Data.shape(mixedShape);
        int m = s[0];
        n = s[1];
        double[] x = Data.gaussian(m * n, 31);
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double t = 2;
            for (int j = 0; j < n; j++) {
                t += ((j % 5) - 2) * 0.2 * x[i * n + j];
            }
            y[i] = t + 0.1 * x[(i * 17) % (m * n)];
        }
        data = Dataset.of(m, n, x, y);
        rows = Data.gaussian(4096 * n, 32);
    }

    @Benchmark
    public double ridgeThenScore(BackendState b) {
        LinearModel model = new Ridge(new RidgeOptions(1.0, true, RidgeSolver.CHOLESKY), b.b).fit(data).model();
        return score(b.b, model);
    }

    @Benchmark
    public double ridgeCvThenScore(BackendState b) {
        LinearModel model = new RidgeCV(RidgeCVOptions.defaults(), b.b).fit(data).model();
        return score(b.b, model);
    }

    /** Each row scored on its own, as requests arrive: one backend dot per row. */
    private double score(Backend backend, LinearModel model) {
        double[] beta = model.coefficients();
        double b0 = model.intercept();
        double sum = 0;
        for (int i = 0; i < scores; i++) {
            sum += b0 + backend.dot(n, beta, 0, rows, (i & 4095) * n);
        }
        return sum;
    }
}
