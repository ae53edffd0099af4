package dev.linea.models.optim;

import dev.linea.kernels.Backends;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link Newton#polish}: the finish of a first-order fit, chord steps on one factored Hessian while they contract
 * the gradient fast, a fresh Hessian where they do not, never raising f beyond its rounding.
 */
class NewtonPolishTest {

    /** f(θ) = Σ_i log(1 + e^{a_iᵀθ}) − Σ_i y_i·a_iᵀθ + ½·λ·‖θ‖², counting its passes and Hessians. */
    static final class Logistic implements TwiceDifferentiableFunction {
        final int m;
        final int p;
        final double[] a;
        final double[] y;
        final double lambda;
        int values;
        int hessians;

        Logistic(int m, int p, long seed, double lambda) {
            this.m = m;
            this.p = p;
            this.lambda = lambda;
            SplittableRandom r = new SplittableRandom(seed);
            a = new double[m * p];
            y = new double[m];
            for (int i = 0; i < m; i++) {
                double t = 0;
                for (int j = 0; j < p; j++) {
                    a[i * p + j] = r.nextGaussian();
                    t += a[i * p + j] * (j % 3 - 1) * 0.5;
                }
                y[i] = r.nextDouble() < 1 / (1 + Math.exp(-t)) ? 1 : 0;
            }
        }

        @Override
        public double value(double[] theta, double[] grad) {
            values++;
            java.util.Arrays.fill(grad, 0);
            double f = 0;
            for (int i = 0; i < m; i++) {
                double z = 0;
                for (int j = 0; j < p; j++) {
                    z += a[i * p + j] * theta[j];
                }
                f += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i] * z;
                double r = 1 / (1 + Math.exp(-z)) - y[i];
                for (int j = 0; j < p; j++) {
                    grad[j] += r * a[i * p + j] / m;
                }
            }
            f /= m;
            for (int j = 0; j < p; j++) {
                f += 0.5 * lambda * theta[j] * theta[j];
                grad[j] += lambda * theta[j];
            }
            return f;
        }

        @Override
        public void hessian(double[] theta, double[] h) {
            hessians++;
            java.util.Arrays.fill(h, 0);
            for (int i = 0; i < m; i++) {
                double z = 0;
                for (int j = 0; j < p; j++) {
                    z += a[i * p + j] * theta[j];
                }
                double s = 1 / (1 + Math.exp(-z));
                double d = s * (1 - s) / m;
                for (int j = 0; j < p; j++) {
                    for (int k = 0; k < p; k++) {
                        h[j * p + k] += d * a[i * p + j] * a[i * p + k];
                    }
                }
            }
            for (int j = 0; j < p; j++) {
                h[j * p + j] += lambda;
            }
        }
    }

    @Test
    void fromAPointAtTolOneHessianServesEveryStepToRounding() {
        Logistic f = new Logistic(400, 6, 1, 1e-3);
        double[] near = new Newton(Backends.named("scalar"), 1e-6, 50).minimize(f, new double[6]).x();
        double f0 = f.value(near, new double[6]);
        f.values = 0;
        f.hessians = 0;
        NewtonResult r = new Newton(Backends.named("scalar"), 0, 4).polish(f, near, 2, 4);
        assertThat(r.converged()).as(r.reason()).isTrue();
        assertThat(r.hessians()).as(r.reason()).isEqualTo(1);
        assertThat(f.hessians).isEqualTo(1);
        assertThat(r.iterations()).as(r.reason()).isBetween(1, 3);
        double[] g = new double[6];
        double fr = f.value(r.x(), g);
        assertThat(Lbfgs.maxAbs(g)).as(r.reason()).isLessThan(1e-15);
        assertThat(fr).isLessThanOrEqualTo(f0 + 1e-13 * Math.abs(f0));
        // the history never rises beyond rounding
        double[] hist = r.history();
        for (int k = 1; k < hist.length; k++) {
            assertThat(hist[k]).isLessThanOrEqualTo(hist[k - 1] + 1e-13 * Math.abs(hist[k - 1]));
        }
        // the optimum: the same point as Newton run to a tight gradient
        double[] exact = new Newton(Backends.named("scalar"), 1e-15, 100).minimize(f, new double[6]).x();
        for (int j = 0; j < 6; j++) {
            assertThat(r.x()[j]).isCloseTo(exact[j], within(1e-13));
        }
    }

    @Test
    void farFromTheOptimumASecondHessianIsFormed() {
        Logistic f = new Logistic(400, 6, 2, 1e-3);
        double[] far = {2, -2, 2, -2, 2, -2};
        NewtonResult r = new Newton(Backends.named("scalar"), 0, 4).polish(f, far, 2, 4);
        assertThat(r.hessians()).as(r.reason()).isEqualTo(2);
        assertThat(r.history()[r.iterations()]).isLessThan(r.history()[0]);
    }

    @Test
    void aQuadraticIsSolvedByOneStep() {
        // f = ½θᵀAθ − bᵀθ, A = [[4, 1], [1, 3]]: the Newton step lands on A⁻¹b; the next decrement is at rounding
        TwiceDifferentiableFunction q = new TwiceDifferentiableFunction() {
            @Override
            public double value(double[] t, double[] g) {
                g[0] = 4 * t[0] + t[1] - 1;
                g[1] = t[0] + 3 * t[1] - 2;
                return 0.5 * (4 * t[0] * t[0] + 2 * t[0] * t[1] + 3 * t[1] * t[1]) - t[0] - 2 * t[1];
            }

            @Override
            public void hessian(double[] t, double[] h) {
                h[0] = 4;
                h[1] = 1;
                h[2] = 1;
                h[3] = 3;
            }
        };
        NewtonResult r = new Newton(Backends.named("scalar"), 0, 4).polish(q, new double[] {10, -10}, 2, 4);
        assertThat(r.converged()).as(r.reason()).isTrue();
        assertThat(r.hessians()).isEqualTo(1);
        assertThat(r.x()[0]).isCloseTo(1.0 / 11, within(1e-15));
        assertThat(r.x()[1]).isCloseTo(7.0 / 11, within(1e-15));
        assertThat(r.iterations()).isLessThanOrEqualTo(2);
    }

    /** A gradient that turns NaN must not read as "no decrease along the step: at rounding", i.e. converged. */
    @Test
    void aNonFiniteGradientIsNotConvergence() {
        TwiceDifferentiableFunction q = new TwiceDifferentiableFunction() {
            @Override
            public double value(double[] t, double[] g) {
                g[0] = Double.NaN;
                g[1] = 1;
                return 1;
            }

            @Override
            public void hessian(double[] t, double[] h) {
                h[0] = 1;
                h[1] = 0;
                h[2] = 0;
                h[3] = 1;
            }
        };
        NewtonResult r = new Newton(Backends.named("scalar"), 0, 4).polish(q, new double[] {0, 0}, 2, 4);
        assertThat(r.converged()).isFalse();
        assertThat(r.reason()).contains("not finite");
        assertThat(r.iterations()).isZero();
    }
}
