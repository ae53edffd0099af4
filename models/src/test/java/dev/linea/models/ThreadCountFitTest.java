package dev.linea.models;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Threads;
import dev.linea.models.glm.GeneralizedLinearModel;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.Poisson;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole fits give bit-identical coefficients on 1, 2 and 3 threads (docs/threads.md): OLS by normal equations,
 * ridge (Cholesky), logistic regression by L-BFGS and a Poisson GLM by IRLS (the weighted Gram), with an intercept
 * and sample weights, on the vector, scalar and auto backends. The data (60 003 × 20) is large enough that the Gram
 * matrix (5 blocks) and the fused gradients (9 blocks) really split; the kernels' own bit-identity at odd widths
 * is ThreadCountBitIdentityTest in linea-kernels.
 */
class ThreadCountFitTest {
    private static final int M = 60_003;
    private static final int N = 20;
    private static Dataset regression;
    private static Dataset labels;
    private static Dataset counts;

    @BeforeAll
    static void data() {
        Backends.warmUp();
        SplittableRandom r = new SplittableRandom(17);
        double[] x = new double[M * N];
        double[] y = new double[M];
        double[] yl = new double[M];
        double[] yc = new double[M];
        double[] s = new double[M];
        for (int i = 0; i < M; i++) {
            double t = 0.5;
            for (int j = 0; j < N; j++) {
                x[i * N + j] = r.nextGaussian();
                t += ((j % 5) - 2) * 0.1 * x[i * N + j];
            }
            y[i] = t + 0.3 * r.nextGaussian();
            yl[i] = r.nextDouble() < 1 / (1 + Math.exp(-t)) ? 1 : 0;
            yc[i] = Math.floor(Math.exp(0.3 * t) * 2 * r.nextDouble());
            s[i] = r.nextDouble(0.5, 2);
        }
        regression = Dataset.of(M, N, x, y, s, null, "y");
        labels = Dataset.of(M, N, x, yl, s, null, "y");
        counts = Dataset.of(M, N, x, yc, s, null, "y");
    }

    /** [intercept, coefficients…] on each thread count, bitwise equal to those on one thread. */
    private static void sameOnEveryCount(String what, Function<Backend, double[]> fit, Backend b) {
        double[] one = Threads.call(1, () -> fit.apply(b));
        for (int t : new int[] {2, 3}) {
            double[] other = Threads.call(t, () -> fit.apply(b));
            assertThat(Arrays.equals(one, other)).as("%s on %s: %d threads %s vs 1 thread %s", what, b.name(), t,
                    Arrays.toString(other), Arrays.toString(one)).isTrue();
        }
        assertThat(Arrays.stream(one).allMatch(Double::isFinite)).as("%s finite", what).isTrue();
    }

    private static double[] params(double intercept, double[] coefficients) {
        double[] p = new double[coefficients.length + 1];
        p[0] = intercept;
        System.arraycopy(coefficients, 0, p, 1, coefficients.length);
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"vector", "scalar", "auto"})
    void fitsAreTheSameBitsOnAnyThreadCount(String name) {
        if (!Backends.status(name).isAvailable()) {
            return; // vector without --add-modules: the other backends still run
        }
        Backend b = Backends.named(name);
        sameOnEveryCount("OLS normal equations", be -> {
            LinearModel m = new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS), be)
                    .fit(regression).model();
            return params(m.intercept(), m.coefficients());
        }, b);
        sameOnEveryCount("ridge", be -> {
            LinearModel m = new Ridge(new RidgeOptions(1.0, true, RidgeSolver.CHOLESKY), be).fit(regression).model();
            return params(m.intercept(), m.coefficients());
        }, b);
        sameOnEveryCount("logistic L-BFGS", be -> {
            LogisticModel m = new LogisticRegression(LogisticOptions.defaults().withSolver(LogisticSolver.LBFGS), be)
                    .fit(labels).model();
            return params(m.intercept(), m.coefficients());
        }, b);
        sameOnEveryCount("Poisson IRLS", be -> new GeneralizedLinearModel(GlmOptions.of(new Poisson()), be)
                .fit(counts).params(), b);
    }
}
