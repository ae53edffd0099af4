package dev.linea.models.gd;

import java.util.List;

/**
 * What the driver needs of a working design, dense ({@link WorkingData}) or sparse ({@link SparseWorkingData}):
 * its shape, the starting intercept, the gradient's scale, and the map of the working parameters back to the
 * original scale (β_j = β'_j/σ_j, b = b' − Σ β_j·μ_j; excluded constant columns get 0).
 */
interface Working {
    int rows();

    int features();

    boolean intercept();

    /** @return whether the columns were centred (with an intercept) and scaled */
    boolean standardized();

    /** @return the weighted mean of y: the best constant start for the intercept */
    double yMean();

    /** @return the largest root-mean-square of a working column (the intercept's counts 1) */
    double largestColumnRms();

    /** @return the original-scale coefficients of the working parameters (not modified) */
    double[] coefficients(double[] beta);

    /** @return the original-scale intercept (0 without one) */
    double intercept(double[] beta, double[] coef);

    /** @return the names of the excluded constant columns */
    List<String> excludedNames(List<String> names);
}
