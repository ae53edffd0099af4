package dev.linea.bench;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Threads;
import dev.linea.kernels.Transpose;
import dev.linea.models.Dataset;
import dev.linea.models.LinearModel;
import dev.linea.models.logistic.LogisticModel;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.LogisticSolver;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsSolver;
import dev.linea.models.ridge.Ridge;
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
 * One thread against several (issue 17, "both cores"): the row-split kernels on the vector backend — Gram 1e5×100,
 * the fused least-squares and logistic gradients and GEMV both ways on 1e5×100 — and whole fits on the default
 * backend ({@code auto}) at the 2e5×100: OLS by normal equations, ridge (α = 1, Cholesky) and logistic
 * regression by L-BFGS. {@code threads} is set JVM-wide ({@link Threads#setDefault}) in each fork, as
 * {@code --threads} does; OpenBLAS, loaded in the fork after it, takes the same count. Read the ratio of the
 * {@code threads = 1} and {@code threads = 2} rows of one run; the results themselves are bit-identical across
 * counts (ThreadCountBitIdentityTest, ThreadCountFitTest).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms2g", "-Xmx4g"})
@State(Scope.Benchmark)
public class ThreadsBench {
    @Param({"1", "2"})
    public int threads;

    Backend vector;
    Backend auto;
    int m = 100_000;
    int n = 100;
    double[] x;
    double[] w;
    double[] y;
    double[] labels;
    double[] g;
    double[] c;
    double[] ym;
    Dataset fitData;
    Dataset fitLabels;

    @Setup
    public void setup() {
        Threads.setDefault(threads);
        vector = Backends.named("vector");
        auto = Backends.named("auto");
        x = Data.gaussian(m * n, 6);
        w = Data.gaussian(n, 7);
        for (int j = 0; j < n; j++) {
            w[j] *= 0.1;
        }
        y = Data.gaussian(m, 8);
        labels = new double[m];
        for (int i = 0; i < m; i++) {
            labels[i] = y[i] > 0 ? 1 : 0;
        }
        g = new double[n];
        c = new double[n * n];
        ym = new double[m];
        fitData = EstimatorPathBench.generate(200_000, 100, 21, false);
        fitLabels = EstimatorPathBench.generate(200_000, 100, 22, true);
    }

    @Benchmark
    public double[] gram() {
        vector.gram(m, n, x, 0, n, null, 0, c, 0, n);
        return c;
    }

    @Benchmark
    public double leastSquaresGradient() {
        return vector.leastSquaresGradient(m, n, x, 0, n, w, 0, y, 0, g, 0);
    }

    @Benchmark
    public double logisticGradient() {
        return vector.logisticGradient(m, n, x, 0, n, w, 0, false, labels, 0, null, 0, g, 0);
    }

    @Benchmark
    public double[] gemvN() {
        vector.gemv(Transpose.NONE, m, n, 1, x, 0, n, w, 0, 0, ym, 0);
        return ym;
    }

    @Benchmark
    public double[] gemvT() {
        vector.gemv(Transpose.TRANSPOSE, m, n, 1, x, 0, n, y, 0, 0, g, 0);
        return g;
    }

    @Benchmark
    public LinearModel fitOlsNormalEquations() {
        return new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS), auto)
                .fit(fitData).model();
    }

    @Benchmark
    public LinearModel fitRidge() {
        return new Ridge(new RidgeOptions(1.0, true, RidgeSolver.CHOLESKY), auto).fit(fitData).model();
    }

    @Benchmark
    public LogisticModel fitLogisticLbfgs() {
        return new LogisticRegression(LogisticOptions.defaults().withSolver(LogisticSolver.LBFGS), auto)
                .fit(fitLabels).model();
    }
}
