package dev.linea.models.logistic;

import dev.linea.models.optim.TwiceDifferentiableFunction;

/**
 * The softmax objective with its Hessian (internal), for the Newton finish of a small softmax fit: with
 * a_i = (x_i [, 1]) and p_ic the class probabilities,
 * <pre>  ∂²f/∂θ_cj∂θ_dl = (1/Σs)·Σ_i s_i·p_ic·(δ_cd − p_id)·a_ij·a_il  (+ λ on the diagonal of W)</pre>
 * in the parameter layout of {@link SoftmaxObjective} (W_cj at c·n + j, b_c at K·n + c). Singular along the shift of
 * every class by the same vector (the over-determined parameterization): {@link dev.linea.models.optim.Newton} adds
 * its Levenberg shift, and the gradient has no component along that direction, so the step has none either. Plain
 * loops, O(m·K²·(n + 1)²): used only where that is small ({@link #affordable}).
 */
final class SoftmaxHessian implements TwiceDifferentiableFunction {
    /** Work of one Hessian (multiply-adds) up to which the Newton finish runs. */
    static final double MAX_WORK = 2e8;
    /** Parameters up to which the Newton finish runs (a dense P×P system). */
    static final int MAX_PARAMETERS = 200;

    private final SoftmaxObjective f;

    SoftmaxHessian(SoftmaxObjective f) {
        this.f = f;
    }

    /** @return whether the Hessian of {@code f} is cheap enough for a Newton finish */
    static boolean affordable(SoftmaxObjective f) {
        double q = f.n + (f.intercept ? 1 : 0);
        return f.parameters() <= MAX_PARAMETERS && (double) f.m * f.k * f.k * q * q <= MAX_WORK;
    }

    @Override
    public double value(double[] theta, double[] grad) {
        return f.value(theta, grad);
    }

    @Override
    public void hessian(double[] theta, double[] h) {
        int n = f.n;
        int k = f.k;
        int q = n + (f.intercept ? 1 : 0);
        int p = f.parameters();
        java.util.Arrays.fill(h, 0, p * p, 0);
        double[] z = f.logits(theta);
        double[] prob = new double[k];
        double[] a = new double[q];
        int[] index = new int[k * q];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < n; j++) {
                index[c * q + j] = c * n + j;
            }
            if (f.intercept) {
                index[c * q + n] = k * n + c;
            }
        }
        for (int i = 0; i < f.m; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, z[i * k + c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                prob[c] = Math.exp(z[i * k + c] - max);
                sum += prob[c];
            }
            double si = (f.s == null ? 1 : f.s[i]) / f.sumS;
            for (int c = 0; c < k; c++) {
                prob[c] /= sum;
            }
            for (int j = 0; j < n; j++) {
                a[j] = f.x[i * f.ld + j];
            }
            if (f.intercept) {
                a[n] = 1;
            }
            for (int c = 0; c < k; c++) {
                for (int d = 0; d < k; d++) {
                    double w = si * prob[c] * ((c == d ? 1 : 0) - prob[d]);
                    if (w == 0) {
                        continue;
                    }
                    for (int j = 0; j < q; j++) {
                        double wj = w * a[j];
                        int row = index[c * q + j] * p;
                        for (int l = 0; l < q; l++) {
                            h[row + index[d * q + l]] += wj * a[l];
                        }
                    }
                }
            }
        }
        for (int j = 0; j < k * n; j++) {
            h[j * p + j] += f.lambda;
        }
    }
}
