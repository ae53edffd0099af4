package dev.linea.models.logistic;

import java.util.Objects;

/**
 * Options of {@link SoftmaxRegression}, validated on construction (L-BFGS is the only solver).
 *
 * @param penalty       NONE or L2 (½‖W‖²_F on the coefficients, never the intercepts); L1 and ELASTIC_NET are
 *                      rejected (binary {@link LogisticRegression} only)
 * @param c             C &gt; 0 (finite), scikit-learn's inverse regularization strength in
 *                      {@code C·Σ s_i·(−log p_{i,y_i}) + ½‖W‖²_F}; ignored (but validated) with NONE
 * @param fitIntercept  true to fit one unpenalized intercept per class
 * @param tol           ≥ 0: converged when the max-abs gradient of the objective divided by C·Σs is at most tol
 * @param maxIterations ≥ 1, L-BFGS iterations at most
 * @param classWeight   per-class multipliers of the sample weights
 */
public record SoftmaxOptions(Penalty penalty, double c, boolean fitIntercept, double tol, int maxIterations,
                             ClassWeights classWeight) {

    public SoftmaxOptions {
        Objects.requireNonNull(penalty, "penalty");
        if (penalty != Penalty.NONE && penalty != Penalty.L2) {
            throw new IllegalArgumentException("penalty " + penalty + " is not supported by softmax regression"
                    + " (NONE or L2)");
        }
        Objects.requireNonNull(classWeight, "classWeight");
        LogisticOptions.checkC(c);
        LogisticOptions.checkTol(tol);
        LogisticOptions.checkMaxIterations(maxIterations);
    }

    /** L2 with C = 1, intercepts, tol 1e-8, 1000 iterations, no class weights. */
    public static SoftmaxOptions defaults() {
        return new SoftmaxOptions(Penalty.L2, 1.0, true, 1e-8, 1000, ClassWeights.none());
    }

    /** @return a copy with this penalty */
    public SoftmaxOptions withPenalty(Penalty p) {
        return new SoftmaxOptions(p, c, fitIntercept, tol, maxIterations, classWeight);
    }

    /** @return a copy with this C */
    public SoftmaxOptions withC(double value) {
        return new SoftmaxOptions(penalty, value, fitIntercept, tol, maxIterations, classWeight);
    }

    /** @return a copy with or without intercepts */
    public SoftmaxOptions withIntercept(boolean intercept) {
        return new SoftmaxOptions(penalty, c, intercept, tol, maxIterations, classWeight);
    }

    /** @return a copy with this tolerance */
    public SoftmaxOptions withTol(double t) {
        return new SoftmaxOptions(penalty, c, fitIntercept, t, maxIterations, classWeight);
    }

    /** @return a copy with this iteration limit */
    public SoftmaxOptions withMaxIterations(int it) {
        return new SoftmaxOptions(penalty, c, fitIntercept, tol, it, classWeight);
    }

    /** @return a copy with these class weights */
    public SoftmaxOptions withClassWeight(ClassWeights w) {
        return new SoftmaxOptions(penalty, c, fitIntercept, tol, maxIterations, w);
    }
}
