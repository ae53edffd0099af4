package dev.linea.models.logistic;

import java.util.Objects;

/**
 * Options of {@link SoftmaxRegression}, validated on construction.
 *
 * <p>The objective is scikit-learn's {@code C·Σ s_i·(−log p_{i,y_i}) + (1 − ρ)/2·‖W‖²_F + ρ·‖W‖₁} with ρ = 0 for
 * L2, 1 for L1 and {@code l1Ratio} for ELASTIC_NET (no penalty term at all for NONE); never on the intercepts.
 *
 * @param penalty       NONE, L2 (fitted by L-BFGS), L1 or ELASTIC_NET (fitted by accelerated proximal gradient)
 * @param c             C &gt; 0 (finite), scikit-learn's inverse regularization strength in the objective above;
 *                      ignored (but validated) with NONE
 * @param fitIntercept  true to fit one unpenalized intercept per class
 * @param tol           ≥ 0: converged when the max-abs gradient of the objective divided by C·Σs, in the
 *                      standardized coordinates of {@link dev.linea.models.optim.StandardizedCoordinates}, is at
 *                      most tol
 *                      (L1 and ELASTIC_NET: the max-abs proximal gradient mapping of that scaled objective)
 * @param maxIterations ≥ 1, solver iterations at most
 * @param classWeight   per-class multipliers of the sample weights
 * @param l1Ratio       ρ ∈ [0, 1], the share of ‖W‖₁ in the ELASTIC_NET penalty (scikit-learn's
 *                      {@code l1_ratio}); validated always, used only by ELASTIC_NET. 0.5 unless set
 */
public record SoftmaxOptions(Penalty penalty, double c, boolean fitIntercept, double tol, int maxIterations,
                             ClassWeights classWeight, double l1Ratio) {

    public SoftmaxOptions {
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(classWeight, "classWeight");
        LogisticOptions.checkC(c);
        LogisticOptions.checkTol(tol);
        LogisticOptions.checkMaxIterations(maxIterations);
        LogisticOptions.checkL1Ratio(l1Ratio);
    }

    /** The options with l1Ratio {@value LogisticOptions#DEFAULT_L1_RATIO}. */
    public SoftmaxOptions(Penalty penalty, double c, boolean fitIntercept, double tol, int maxIterations,
                          ClassWeights classWeight) {
        this(penalty, c, fitIntercept, tol, maxIterations, classWeight, LogisticOptions.DEFAULT_L1_RATIO);
    }

    /** @return ρ of the objective: 0 for NONE and L2, 1 for L1, {@link #l1Ratio()} for ELASTIC_NET */
    public double effectiveL1Ratio() {
        return switch (penalty) {
            case NONE, L2 -> 0;
            case L1 -> 1;
            case ELASTIC_NET -> l1Ratio;
        };
    }

    /** L2 with C = 1, intercepts, tol 1e-8, 1000 iterations, no class weights. */
    public static SoftmaxOptions defaults() {
        return new SoftmaxOptions(Penalty.L2, 1.0, true, 1e-8, 1000, ClassWeights.none());
    }

    /** @return a copy with this penalty */
    public SoftmaxOptions withPenalty(Penalty p) {
        return new SoftmaxOptions(p, c, fitIntercept, tol, maxIterations, classWeight, l1Ratio);
    }

    /** @return a copy with this C */
    public SoftmaxOptions withC(double value) {
        return new SoftmaxOptions(penalty, value, fitIntercept, tol, maxIterations, classWeight, l1Ratio);
    }

    /** @return a copy with or without intercepts */
    public SoftmaxOptions withIntercept(boolean intercept) {
        return new SoftmaxOptions(penalty, c, intercept, tol, maxIterations, classWeight, l1Ratio);
    }

    /** @return a copy with this tolerance */
    public SoftmaxOptions withTol(double t) {
        return new SoftmaxOptions(penalty, c, fitIntercept, t, maxIterations, classWeight, l1Ratio);
    }

    /** @return a copy with this iteration limit */
    public SoftmaxOptions withMaxIterations(int it) {
        return new SoftmaxOptions(penalty, c, fitIntercept, tol, it, classWeight, l1Ratio);
    }

    /** @return a copy with these class weights */
    public SoftmaxOptions withClassWeight(ClassWeights w) {
        return new SoftmaxOptions(penalty, c, fitIntercept, tol, maxIterations, w, l1Ratio);
    }

    /** @return a copy with this elastic-net mixing ρ ∈ [0, 1] */
    public SoftmaxOptions withL1Ratio(double rho) {
        return new SoftmaxOptions(penalty, c, fitIntercept, tol, maxIterations, classWeight, rho);
    }
}
