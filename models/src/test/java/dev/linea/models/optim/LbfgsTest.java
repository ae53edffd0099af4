package dev.linea.models.optim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LbfgsTest {

    /** Σ_{i<n−1} 100·(x_{i+1} − x_i²)² + (1 − x_i)², minimum 0 at (1, …, 1). */
    static double rosenbrock(double[] x, double[] g) {
        int n = x.length;
        double f = 0;
        java.util.Arrays.fill(g, 0);
        for (int i = 0; i < n - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * a * x[i] - 2 * b;
            g[i + 1] += 200 * a;
        }
        return f;
    }

    @Test
    void rosenbrock2d() {
        LbfgsResult r = new Lbfgs(LbfgsOptions.defaults().withGradientTolerance(1e-10))
                .minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1});
        assertThat(r.converged()).as(r.reason()).isTrue();
        assertThat(r.x()[0]).isCloseTo(1, within(1e-8));
        assertThat(r.x()[1]).isCloseTo(1, within(1e-8));
        assertThat(r.iterations()).isLessThan(100);
        assertThat(r.history()).hasSize(r.iterations() + 1);
        double[] h = r.history();
        for (int k = 1; k < h.length; k++) {
            assertThat(h[k]).as("f decreases at iteration " + k).isLessThanOrEqualTo(h[k - 1] * (1 + 1e-13));
        }
    }

    @Test
    void rosenbrock10d() {
        double[] x0 = new double[10];
        for (int i = 0; i < 10; i++) {
            x0[i] = i % 2 == 0 ? -1.2 : 1;
        }
        LbfgsResult r = new Lbfgs(LbfgsOptions.defaults().withGradientTolerance(1e-9))
                .minimize(LbfgsTest::rosenbrock, x0);
        assertThat(r.converged()).as(r.reason()).isTrue();
        for (double v : r.x()) {
            assertThat(v).isCloseTo(1, within(1e-7));
        }
        assertThat(r.value()).isLessThan(1e-14);
    }

    @Test
    void illConditionedQuadratic() {
        int n = 50;
        double[] d = new double[n];
        double[] c = new double[n];
        for (int j = 0; j < n; j++) {
            d[j] = Math.pow(10, 4.0 * j / (n - 1));
            c[j] = Math.sin(j + 1);
        }
        DifferentiableFunction q = (x, g) -> {
            double f = 0;
            for (int j = 0; j < n; j++) {
                double r = x[j] - c[j];
                g[j] = d[j] * r;
                f += 0.5 * d[j] * r * r;
            }
            return f;
        };
        // κ = 1e4 over 50 spread eigenvalues: scipy's L-BFGS-B (m = 10) needs about 1200 iterations for gtol 1e-10
        LbfgsResult r = new Lbfgs(LbfgsOptions.defaults().withGradientTolerance(1e-10).withMaxIterations(5000))
                .minimize(q, new double[n]);
        assertThat(r.converged()).as(r.reason()).isTrue();
        assertThat(r.gradientMaxAbs()).isLessThanOrEqualTo(1e-10);
        for (int j = 0; j < n; j++) {
            assertThat(r.x()[j]).isCloseTo(c[j], within(1e-9));
        }
    }

    @Test
    void stopsAtIterationLimitWithReason() {
        LbfgsResult r = new Lbfgs(LbfgsOptions.defaults().withGradientTolerance(0).withFunctionTolerance(0)
                .withMaxIterations(3)).minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1});
        assertThat(r.converged()).isFalse();
        assertThat(r.iterations()).isEqualTo(3);
        assertThat(r.reason()).contains("maxIterations 3");
    }

    @Test
    void stepsBackFromNonFiniteValues() {
        // f = x − log(x) on x > 0 (NaN outside): minimum at 1
        DifferentiableFunction f = (x, g) -> {
            if (x[0] <= 0) {
                g[0] = Double.NaN;
                return Double.NaN;
            }
            g[0] = 1 - 1 / x[0];
            return x[0] - Math.log(x[0]);
        };
        LbfgsResult r = new Lbfgs(LbfgsOptions.defaults().withGradientTolerance(1e-12)).minimize(f, new double[] {20});
        assertThat(r.converged()).as(r.reason()).isTrue();
        assertThat(r.x()[0]).isCloseTo(1, within(1e-10));
    }

    @Test
    void optionsNameBadValues() {
        assertThatThrownBy(() -> new LbfgsOptions(0, 1e-6, 0, 10, 10)).hasMessageContaining("memory is 0");
        assertThatThrownBy(() -> new LbfgsOptions(5, -1, 0, 10, 10)).hasMessageContaining("gradientTolerance is -1");
        assertThatThrownBy(() -> new LbfgsOptions(5, 1, Double.NaN, 10, 10))
                .hasMessageContaining("functionTolerance is NaN");
        assertThatThrownBy(() -> new LbfgsOptions(5, 1, 0, 0, 10)).hasMessageContaining("maxIterations is 0");
        assertThatThrownBy(() -> new Lbfgs().minimize((x, g) -> Double.NaN, new double[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("f(x0) = NaN");
    }
}
