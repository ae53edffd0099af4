package dev.linea.bench;

import dev.linea.models.Dataset;
import dev.linea.models.glm.GeneralizedLinearModel;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.Poisson;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetOptions;
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
 * What a whole fit allocates, next to what it takes: the estimators that fit from a no-copy {@code Design} (OLS by
 * the normal equations, ridge by Cholesky, the 100-λ lasso path, logistic L2 by L-BFGS, a Poisson GLM by IRLS) on
 * 1e5×100 (X = 80 MB). Run with JMH's allocation profiler, {@code -prof gc}: {@code gc.alloc.rate.norm} is the
 * bytes allocated per fit, to be compared with X's 80 MB (the goal: at most 10%, 8 MB; an m×n copy alone is 80 MB).
 * The data are built once per trial ({@link Dataset#wrap}, no copy), outside the measured region. Six warm-up fits:
 * until C2 has compiled the vector kernels, the Vector API boxes its vectors and a fit allocates several times more
 * (OLS on the vector backend: 17.7 MB a fit after two warm-up fits, 6 MB after six).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms2g", "-Xmx4g"})
public class FitAllocationBench {

    @State(Scope.Benchmark)
    public static class AllocData {
        @Param({"100000x100"})
        public String allocShape;
        Dataset gaussian;
        Dataset labels;
        Dataset counts;

        @Setup
        public void setup(BackendState b) {
            if (b.backend.equals("scalar")) {
                throw new IllegalStateException("scalar backend skipped: textbook Gram loops take seconds per fit "
                        + "at 1e5×100, and allocation does not depend on the backend's speed");
            }
            int[] s = Data.shape(allocShape);
            int m = s[0];
            int n = s[1];
            double[] x = Data.gaussian(m * n, 24);
            double[] y = new double[m];
            double[] label = new double[m];
            double[] count = new double[m];
            java.util.SplittableRandom r = new java.util.SplittableRandom(25);
            for (int i = 0; i < m; i++) {
                double t = 1;
                for (int j = 0; j < n; j++) {
                    t += ((j % 7) - 3) * 0.01 * x[i * n + j];
                }
                y[i] = t + 0.1 * r.nextGaussian();
                label[i] = r.nextDouble() < 1 / (1 + Math.exp(-(t - 1))) ? 1 : 0;
                count[i] = poisson(Math.exp(0.3 * (t - 1)), r);
            }
            // Three datasets over one X: wrap keeps the array, so the setup holds X once.
            gaussian = Dataset.wrap(m, n, x, y, null, null, "y");
            labels = Dataset.wrap(m, n, x, label, null, null, "label");
            counts = Dataset.wrap(m, n, x, count, null, null, "count");
        }

        private static double poisson(double mean, java.util.SplittableRandom r) {
            double l = Math.exp(-mean);
            double p = 1;
            int k = 0;
            do {
                k++;
                p *= r.nextDouble();
            } while (p > l);
            return k - 1;
        }
    }

    @Benchmark
    public Object olsNormalEquations(BackendState b, AllocData d) {
        return new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS), b.b)
                .fit(d.gaussian).model();
    }

    @Benchmark
    public Object ridgeCholesky(BackendState b, AllocData d) {
        return new Ridge(new RidgeOptions(1.0, true, RidgeSolver.CHOLESKY), b.b).fit(d.gaussian).model();
    }

    @Benchmark
    public Object lassoPath(BackendState b, AllocData d) {
        return new ElasticNet(ElasticNetOptions.lasso(), b.b).fit(d.gaussian).lambda(99);
    }

    @Benchmark
    public Object logisticLbfgs(BackendState b, AllocData d) {
        return new LogisticRegression(LogisticOptions.defaults().withSolver(LogisticSolver.LBFGS), b.b)
                .fit(d.labels).model();
    }

    @Benchmark
    public Object poissonGlm(BackendState b, AllocData d) {
        return new GeneralizedLinearModel(GlmOptions.of(new Poisson()), b.b).fit(d.counts).params();
    }
}
