package dev.linea.models.gd;

import dev.linea.models.Dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * The design gradient descent actually runs on: x'_ij = (x_ij − μ_j) / σ_j, where with normalized weights
 * w̄_i = w_i / Σw, μ_j = Σ w̄_i·x_ij (0 without intercept, so the model stays ŷ = Xβ) and
 * σ_j = sqrt(Σ w̄_i·(x_ij − mean_j)²) when standardizing (else μ_j = 0, σ_j = 1 and X is used in place, uncopied).
 * Working coefficients map back as β_j = β'_j / σ_j and b = b' − Σ β_j·μ_j.
 *
 * <p>A constant column is redundant with the intercept, so with an intercept it is excluded (its working column is
 * zero, hence its gradient too, and its coefficient stays 0); an all-zero column is excluded in every case. Without
 * an intercept a constant non-zero column keeps its meaning and is scaled by its root mean square instead.
 */
final class WorkingData implements Working {
    final int m;
    final int n;
    /** leading dimension of {@link #x}: the kernels want ≥ 1 even for 0 columns */
    final int ld;
    final boolean intercept;
    /** m×n row-major working design; may be the dataset's own array, so never written */
    final double[] x;
    /** the dataset's targets; never written */
    final double[] y;
    /** the dataset's weights or null (all ones); never written */
    final double[] s;
    final double sumW;
    final double[] mean;
    final double[] scale;
    /** 1/σ_j², the ridge penalty's curvature on the working coefficient (0 for excluded columns) */
    final double[] penaltyScale;
    final boolean[] excluded;
    final boolean standardized;
    /** weighted mean of y: the best constant start for the intercept */
    final double yMean;

    WorkingData(Dataset d, boolean intercept, boolean standardize) {
        this.m = d.rows();
        this.n = d.cols();
        this.ld = Math.max(1, n);
        this.intercept = intercept;
        this.standardized = standardize;
        double[] raw = d.xUnsafe();
        y = d.yUnsafe();
        s = d.weightsUnsafe();
        double total = 0;
        for (int i = 0; i < m; i++) {
            total += d.weight(i);
        }
        sumW = total;
        double[] mu = new double[n];
        double my = 0;
        for (int i = 0; i < m; i++) {
            double wi = d.weight(i) / total;
            for (int j = 0; j < n; j++) {
                mu[j] += wi * raw[i * n + j];
            }
            my += wi * y[i];
        }
        // two-pass variance: no cancellation for columns far from 0
        double[] var = new double[n];
        double[] sq = new double[n];
        for (int i = 0; i < m; i++) {
            double wi = d.weight(i) / total;
            for (int j = 0; j < n; j++) {
                double v = raw[i * n + j];
                double c = v - mu[j];
                var[j] += wi * c * c;
                sq[j] += wi * v * v;
            }
        }
        excluded = new boolean[n];
        scale = new double[n];
        penaltyScale = new double[n];
        boolean anyExcluded = false;
        for (int j = 0; j < n; j++) {
            // the one rule of every fit (relative only: a column in small units is data, not rounding)
            boolean constant = dev.linea.models.Design.isConstant(var[j], mu[j]);
            excluded[j] = constant && (intercept || !(sq[j] > 0));
            anyExcluded |= excluded[j];
            double sigma = constant ? Math.sqrt(sq[j]) : Math.sqrt(var[j]);
            scale[j] = standardize && !excluded[j] ? sigma : 1;
            penaltyScale[j] = excluded[j] ? 0 : 1 / (scale[j] * scale[j]);
        }
        mean = standardize && intercept ? mu : new double[n];
        yMean = my;
        if (!standardize && !anyExcluded) {
            x = raw;
        } else {
            x = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    x[i * n + j] = excluded[j] ? 0 : (raw[i * n + j] - mean[j]) / scale[j];
                }
            }
        }
    }

    /**
     * The largest root-mean-square of a working column, √(Σ_i w_i·x'_ij² / Σw) (the intercept's column of ones
     * counts 1): with the root-mean-square of the residual it bounds every component of the gradient (Cauchy–Schwarz),
     * which makes it the gradient's natural scale.
     */
    @Override
    public double largestColumnRms() {
        double[] sq = new double[n];
        for (int i = 0; i < m; i++) {
            double wi = (s == null ? 1 : s[i]) / sumW;
            for (int j = 0; j < n; j++) {
                double v = x[i * n + j];
                sq[j] += wi * v * v;
            }
        }
        double max = intercept ? 1 : 0;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, Math.sqrt(sq[j]));
        }
        return max;
    }

    @Override
    public int rows() {
        return m;
    }

    @Override
    public int features() {
        return n;
    }

    @Override
    public boolean intercept() {
        return intercept;
    }

    @Override
    public boolean standardized() {
        return standardized;
    }

    @Override
    public double yMean() {
        return yMean;
    }

    /** @return parameters in the working space: n coefficients, then the intercept when fitted. */
    int parameters() {
        return intercept ? n + 1 : n;
    }

    /** @return the names of the excluded columns. */
    @Override
    public List<String> excludedNames(List<String> names) {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            if (excluded[j]) {
                out.add(names.get(j));
            }
        }
        return out;
    }

    /**
     * @param beta working parameters; not modified
     * @return the original-scale coefficients β_j = β'_j / σ_j (0 for excluded columns)
     */
    @Override
    public double[] coefficients(double[] beta) {
        double[] c = new double[n];
        for (int j = 0; j < n; j++) {
            c[j] = excluded[j] ? 0 : beta[j] / scale[j];
        }
        return c;
    }

    /**
     * @param beta working parameters; not modified
     * @param coef original-scale coefficients from {@link #coefficients}; not modified
     * @return b = b' − Σ β_j·μ_j (0 without intercept)
     */
    @Override
    public double intercept(double[] beta, double[] coef) {
        if (!intercept) {
            return 0;
        }
        double b = beta[n];
        for (int j = 0; j < n; j++) {
            b -= coef[j] * mean[j];
        }
        return b;
    }
}
