package dev.linea.models.gd;

import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.SparseDesign;

import java.util.ArrayList;
import java.util.List;

/**
 * The sparse twin of {@link WorkingData}: the same working design x'_ij = (x_ij − μ_j)/σ_j, the same statistics and
 * the same exclusion of constant columns, but never formed — it is the CSR matrix with the affine map
 * {@code z_ij = (x_ij − c_j)·d_j} that the sparse kernels apply implicitly: c = μ when centring (standardize with an
 * intercept), else none; d_j = 1/σ_j, and d_j = 0 for an excluded column (its working column is zero, as the dense
 * fit makes it). The statistics come from one pass over the non-zeros: the zeros of a column enter through its
 * weight without an entry, so the variance is the same two-pass sum as the dense one, without cancellation.
 */
final class SparseWorkingData implements Working {
    final CsrMatrix x;
    final int m;
    final int n;
    final boolean intercept;
    final boolean standardized;
    /** the design's targets; never written */
    final double[] y;
    /** the design's weights or null (all ones); never written */
    final double[] s;
    final double sumW;
    /** μ_j when centring (standardize with an intercept), else null: the kernels' centre c */
    final double[] centre;
    /** σ_j (1 when not standardizing or excluded) */
    final double[] scale;
    /** the kernels' scale d_j = 1/σ_j, 0 for excluded columns; never null */
    final double[] d;
    /** 1/σ_j², the ridge penalty's curvature on the working coefficient (0 for excluded columns) */
    final double[] penaltyScale;
    final boolean[] excluded;
    final double yMean;
    /** Σ_i w̄_i·x'_ij², the mean square of each working column */
    private final double[] columnSquare;
    /** Σ_j d_j²·c_j², the squared norm of a working row without entries */
    final double emptyRowSquare;

    SparseWorkingData(SparseDesign design, boolean standardize) {
        this.x = design.matrix();
        this.m = design.rows();
        this.n = design.cols();
        this.intercept = design.intercept();
        this.standardized = standardize;
        this.y = design.yUnsafe();
        this.s = design.weightsUnsafe();
        int[] rp = x.rowPtrUnsafe();
        int[] ci = x.indicesUnsafe();
        double[] xv = x.valuesUnsafe();
        double total = 0;
        for (int i = 0; i < m; i++) {
            total += design.weight(i);
        }
        sumW = total;
        double[] mu = new double[n];
        double my = 0;
        for (int i = 0; i < m; i++) {
            double wi = design.weight(i) / total;
            for (int k = rp[i]; k < rp[i + 1]; k++) {
                mu[ci[k]] += wi * xv[k];
            }
            my += wi * y[i];
        }
        // two-pass variance: Σ over the entries of w̄·(x − μ)², plus μ² times the weight of the rows without one
        double[] var = new double[n];
        double[] sq = new double[n];
        double[] entryWeight = new double[n];
        for (int i = 0; i < m; i++) {
            double si = design.weight(i);
            double wi = si / total;
            for (int k = rp[i]; k < rp[i + 1]; k++) {
                int j = ci[k];
                double v = xv[k];
                double c = v - mu[j];
                var[j] += wi * c * c;
                sq[j] += wi * v * v;
                entryWeight[j] += si;
            }
        }
        for (int j = 0; j < n; j++) {
            var[j] += design.zerosShare(entryWeight[j]) * mu[j] * mu[j];
        }
        excluded = new boolean[n];
        scale = new double[n];
        d = new double[n];
        penaltyScale = new double[n];
        for (int j = 0; j < n; j++) {
            // the dense fit's rule (relative only: a column in small units is data, not rounding)
            boolean constant = dev.linea.models.Design.isConstant(var[j], mu[j]);
            excluded[j] = constant && (intercept || !(sq[j] > 0));
            double sigma = constant ? Math.sqrt(sq[j]) : Math.sqrt(var[j]);
            scale[j] = standardize && !excluded[j] ? sigma : 1;
            d[j] = excluded[j] ? 0 : 1 / scale[j];
            penaltyScale[j] = excluded[j] ? 0 : 1 / (scale[j] * scale[j]);
        }
        centre = standardize && intercept ? mu : null;
        yMean = my;
        columnSquare = new double[n];
        double e2 = 0;
        for (int j = 0; j < n; j++) {
            columnSquare[j] = d[j] * d[j] * (centre != null ? var[j] : sq[j]);
            if (centre != null) {
                e2 += d[j] * d[j] * centre[j] * centre[j];
            }
        }
        emptyRowSquare = e2;
    }

    /** @return parameters in the working space: n coefficients, then the intercept when fitted. */
    int parameters() {
        return intercept ? n + 1 : n;
    }

    /** @return the kernels' scale: null when it is all ones (no standardization, nothing excluded) */
    double[] kernelScale() {
        for (double v : d) {
            if (v != 1) {
                return d;
            }
        }
        return null;
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

    @Override
    public double largestColumnRms() {
        double max = intercept ? 1 : 0;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, Math.sqrt(columnSquare[j]));
        }
        return max;
    }

    @Override
    public double[] coefficients(double[] beta) {
        double[] c = new double[n];
        for (int j = 0; j < n; j++) {
            c[j] = excluded[j] ? 0 : beta[j] / scale[j];
        }
        return c;
    }

    @Override
    public double intercept(double[] beta, double[] coef) {
        if (!intercept) {
            return 0;
        }
        double b = beta[n];
        if (centre != null) {
            for (int j = 0; j < n; j++) {
                b -= coef[j] * centre[j];
            }
        }
        return b;
    }

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
}
