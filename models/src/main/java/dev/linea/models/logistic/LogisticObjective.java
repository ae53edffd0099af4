package dev.linea.models.logistic;

import dev.linea.kernels.Backend;
import dev.linea.models.optim.TwiceDifferentiableFunction;
import java.util.Arrays;

/**
 * The binary objective, mean-scaled (internal):
 * <pre>  f(β, b) = (1/Σs)·Σ_i s_i·(log(1 + e^{z_i}) − y_i·z_i) + (λ/2)·‖β‖²,   z = Xβ + b,   λ = 1/(C·Σs)</pre>
 * which is scikit-learn's {@code C·Σ s_i·ℓ_i + ½‖β‖²} divided by C·Σs: the same minimizer, with a gradient whose
 * size does not grow with the number of rows. The data term, its gradient and its Hessian come from the rows'
 * passes ({@link LogisticData.Rows}: in memory, the backend's fused {@link Backend#logisticGradient} kernel, X read
 * once; distributed, one job); the scaling and the penalty are added here, once for both. Parameters:
 * θ = (β_0 … β_{n−1} [, b]).
 */
final class LogisticObjective implements TwiceDifferentiableFunction {
    final LogisticData.Rows rows;
    final int n;
    final boolean intercept;
    final double sumS;
    /** The L2 weight: 1/(C·Σs) (times 1 − ρ with elastic net), or 0 without penalty. */
    final double lambda;
    /** The last evaluation (θ, f, ∇f), or null before the first: one fit evaluates from one thread. */
    private double[] lastTheta;
    private double[] lastGradient;
    private double lastValue;

    LogisticObjective(LogisticData.Rows rows, int n, boolean intercept, double sumS, double lambda) {
        this.rows = rows;
        this.n = n;
        this.intercept = intercept;
        this.sumS = sumS;
        this.lambda = lambda;
    }

    /** Over m rows in memory: X m×n row-major, labels y, effective weights s (null for ones); all kept, not modified. */
    LogisticObjective(Backend backend, int m, int n, double[] x, double[] y, double[] s, boolean intercept,
                      double lambda) {
        this(new LocalLogisticData.WeightedRows(backend, m, n, x, y, s, intercept), n, intercept, Labels.sum(s, m),
                lambda);
    }

    int parameters() {
        return intercept ? n + 1 : n;
    }

    /**
     * f and ∇f at θ. The last evaluation is remembered: asked again at the same θ (bit for bit) — the Newton finish
     * at the first-order solver's final point, the certificate at the finish's — it is answered without a pass.
     */
    @Override
    public double value(double[] theta, double[] grad) {
        if (remembers(theta)) {
            System.arraycopy(lastGradient, 0, grad, 0, lastGradient.length);
            return lastValue;
        }
        double raw = rows.lossGradient(theta, grad);
        double v = LogisticRows.value(raw, grad, theta, n, sumS, lambda);
        lastTheta = theta.clone();
        lastGradient = grad.clone();
        lastValue = v;
        return v;
    }

    /** @return whether {@link #value} at θ (bit for bit) is remembered, so would make no pass */
    boolean remembers(double[] theta) {
        return lastTheta != null && Arrays.equals(theta, lastTheta);
    }

    /** H = [X 1]ᵀ·D·[X 1] + λ·diag(1, …, 1, 0), D = diag(s_i·σ(z_i)·(1 − σ(z_i)))/Σs (see {@link LogisticRows}). */
    @Override
    public void hessian(double[] theta, double[] h) {
        rows.hessian(theta, sumS, h);
        LogisticRows.penalize(h, parameters(), n, lambda);
    }

    /** @return this objective over {@link LogisticData.Rows#fusingHessian()}, for Newton and coordinate descent */
    LogisticObjective fusingHessian() {
        LogisticData.Rows fused = rows.fusingHessian();
        return fused == rows ? this : new LogisticObjective(fused, n, intercept, sumS, lambda);
    }

    /**
     * @return the unpenalized objective over the rows not saturated at {@code mask}, whose total weight is
     *         {@code restWeight} (the separation refit)
     */
    LogisticObjective withoutSaturated(double[] mask, double restWeight) {
        return new LogisticObjective(rows.withoutSaturated(mask), n, intercept, restWeight, 0);
    }
}
