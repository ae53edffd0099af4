package dev.linea.bench;

import dev.linea.models.Dataset;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.logistic.LogisticModel;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.LogisticSolver;
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
 * The issue-5 comparisons, on data generated like bench/reference/run_reference.py's (same distribution and
 * model, Java's generator instead of numpy's): logistic regression with L2 (C = 1) on 1e5×100 by L-BFGS and by
 * Newton/IRLS, against scikit-learn's lbfgs; the 100-λ lasso path on 1e5×1000, against glmnet. Single shot: each
 * is a whole fit of a second or more.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms4g", "-Xmx10g"})
public class EstimatorPathBench {

    /** X of sums of three uniforms, y = 1 + Σ ((j mod 7) − 3)/10·x_j + small noise, as FitBench. */
    static Dataset generate(int m, int n, long seed, boolean labels) {
        double[] x = Data.gaussian(m * n, seed);
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double t = 1;
            for (int j = 0; j < n; j++) {
                t += ((j % 7) - 3) * 0.1 * x[i * n + j];
            }
            t += 0.01 * x[(int) (((long) i * 31) % ((long) m * n))];
            y[i] = labels ? (t > 1.0 ? 1 : 0) : t;
        }
        return Dataset.of(m, n, x, y);
    }

    @State(Scope.Benchmark)
    public static class LogisticData {
        @Param({"100000x100"})
        public String logisticShape;
        Dataset data;

        @Setup
        public void setup() {
            int[] s = Data.shape(logisticShape);
            data = generate(s[0], s[1], 22, true);
        }
    }

    @State(Scope.Benchmark)
    public static class LassoData {
        @Param({"100000x1000"})
        public String lassoShape;
        Dataset data;

        @Setup
        public void setup(BackendState b) {
            if (b.backend.equals("scalar")) {
                throw new IllegalStateException("scalar backend skipped: the Gram matrix of 1e5×1000 alone is 1e11 "
                        + "multiply-adds in textbook loops (minutes)");
            }
            int[] s = Data.shape(lassoShape);
            data = generate(s[0], s[1], 23, false);
        }
    }

    @Benchmark
    public LogisticModel logisticLbfgs(BackendState b, LogisticData d) {
        return new LogisticRegression(LogisticOptions.defaults().withSolver(LogisticSolver.LBFGS), b.b).fit(d.data)
                .model();
    }

    @Benchmark
    public LogisticModel logisticNewton(BackendState b, LogisticData d) {
        return new LogisticRegression(LogisticOptions.defaults().withSolver(LogisticSolver.NEWTON), b.b).fit(d.data)
                .model();
    }

    /** glmnet's default path: 100 λ from λ_max down to 1e-4·λ_max (n ≥ p), standardized, with intercept. */
    @Benchmark
    public double lassoPath(BackendState b, LassoData d) {
        return new ElasticNet(ElasticNetOptions.lasso(), b.b).fit(d.data).lambda(99);
    }
}
