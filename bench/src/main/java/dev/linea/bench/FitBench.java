package dev.linea.bench;

import dev.linea.models.Dataset;
import dev.linea.models.LinearModel;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsSolver;
import dev.linea.models.ridge.CvCriterion;
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
 * Whole estimator fits, as a user calls them (validation, centring copies, refinement and all), on the issue's
 * shapes 1e6×100 and 1e5×1000 (800 MB of X each). Single-shot: a fit takes seconds, so each measurement is one
 * fit. The scalar backend is skipped at both shapes (its textbook loops need 1e10 and 1e11 multiply-adds for the
 * Gram matrix alone: one OLS normal-equations fit on 1e6×100 took 61.6 s here, the warm-up shot of a first run);
 * the setup fails with that reason and the report shows the cell as missing.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms6g", "-Xmx12g"})
public class FitBench {

    @State(Scope.Benchmark)
    public static class FitData {
        @Param({"1000000x100", "100000x1000"})
        public String fitShape;
        Dataset data;

        @Setup
        public void setup(BackendState b) {
            int[] s = Data.shape(fitShape);
            int m = s[0];
            int n = s[1];
            if (b.backend.equals("scalar") && (long) m * n * n > 2e9) {
                throw new IllegalStateException("scalar backend skipped at " + fitShape
                        + ": its Gram loop alone is " + (double) m * n * n + " multiply-adds (minutes per fit)");
            }
            double[] x = Data.gaussian(m * n, 21);
            double[] y = new double[m];
            for (int i = 0; i < m; i++) {
                double t = 1;
                for (int j = 0; j < n; j++) {
                    t += ((j % 7) - 3) * 0.1 * x[i * n + j];
                }
                y[i] = t + 0.01 * x[(i * 31) % (m * n)];
            }
            data = Dataset.of(m, n, x, y);
        }
    }

    @Benchmark
    public LinearModel olsNormalEquations(BackendState b, FitData d) {
        return new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS), b.b)
                .fit(d.data).model();
    }

    @Benchmark
    public LinearModel olsQr(BackendState b, FitData d) {
        return new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.QR), b.b).fit(d.data).model();
    }

    @Benchmark
    public LinearModel ridgeCholesky(BackendState b, FitData d) {
        return new Ridge(new RidgeOptions(1.0, true, RidgeSolver.CHOLESKY), b.b).fit(d.data).model();
    }

    /** 13 alphas by exact leave-one-out from one eigendecomposition. */
    @Benchmark
    public LinearModel ridgeCv(BackendState b, FitData d) {
        return new RidgeCV(RidgeCVOptions.defaults().withCriterion(CvCriterion.LEAVE_ONE_OUT), b.b).fit(d.data)
                .model();
    }
}
