package dev.linea.models.lasso;

import dev.linea.models.Dataset;

/**
 * The centring and scaling coordinate descent works in, computed once per fit with weights normalized to sum 1
 * (w̄_i = w_i / Σw): the working column is x̃_j = (x_j − m_j) / s_j and the working target ỹ = y − m_y, where
 * m_j = Σ w̄_i·x_ij (0 without intercept), s_j = sqrt(Σ w̄_i·(x_ij − Σ w̄·x_j)²) when standardizing (else 1), and
 * m_y = Σ w̄_i·y_i (0 without intercept). Without intercept s_j is still the spread about the weighted mean, as
 * glmnet computes it. Columns of zero spread are excluded (their coefficient stays 0), as glmnet does.
 */
final class Standardization {
    final int n;
    final int p;
    /** normalized weights, sum 1 */
    final double[] w;
    final double[] mean;
    final double[] scale;
    final boolean[] excluded;
    /**
     * The first column whose mean or spread about it is not finite (values beyond about 1e150 overflow when
     * squared), p when it is the target's, −1 when every moment is finite. Not finite, v_j would pass for a constant
     * column (v_j ≤ 1e-28·m_j² is true of ∞ and ∞²), so the fits refuse it rather than leave the column out.
     */
    final int nonFinite;
    /**
     * The first column that varies (its largest |x − x̄| above 1e-13·|x̄|, so not a constant's rounding) but whose
     * squared spread underflows below the normal doubles (it varies only below about 1e-154): its variance would
     * read 0 and the column pass for a constant. −1 when there is none, or when the rows are not at hand (sparse and
     * moment fits). The fits refuse it, as they refuse an overflow.
     */
    final int underflow;
    /** The largest |x − x̄| of the {@link #underflow} column (NaN when there is none). */
    final double underflowSpread;
    final double yMean;
    /** null deviance Σ w̄·ỹ², the reference of the convergence threshold and of the deviance ratio */
    final double nullDeviance;

    Standardization(Dataset d, boolean intercept, boolean standardize) {
        int n = d.rows();
        int p = d.cols();
        double[] x = d.xUnsafe();
        double[] y = d.yUnsafe();
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += d.weight(i);
        }
        for (int i = 0; i < n; i++) {
            w[i] = d.weight(i) / total;
        }
        double[] m = new double[p];
        double my = 0;
        for (int i = 0; i < n; i++) {
            int r = i * p;
            double wi = w[i];
            for (int j = 0; j < p; j++) {
                m[j] += wi * x[r + j];
            }
            my += wi * y[i];
        }
        // two-pass variance about the weighted mean: no cancellation for columns far from 0
        double[] v = new double[p];
        for (int i = 0; i < n; i++) {
            int r = i * p;
            double wi = w[i];
            for (int j = 0; j < p; j++) {
                double c = x[r + j] - m[j];
                v[j] += wi * c * c;
            }
        }
        // Only a column whose variance left the normal range can have underflowed: its largest |x − x̄| tells a
        // varying one from a constant's rounding (a pass over that column alone, off the common path).
        int under = -1;
        double spread = Double.NaN;
        for (int j = 0; j < p && under < 0; j++) {
            if (v[j] < Double.MIN_NORMAL) {
                double max = 0;
                for (int i = 0; i < n; i++) {
                    max = Math.max(max, Math.abs(x[i * p + j] - m[j]));
                }
                if (max > 1e-13 * Math.abs(m[j])) {
                    under = j;
                    spread = max;
                }
            }
        }
        this(w, m, v, my, y, intercept, standardize, under, spread);
    }

    /**
     * The same quantities from moments: m_j = x̄_j, s_j² = Cxx_jj / W, and the null deviance cyy / W (about zero,
     * (cyy + W·ȳ²) / W, without intercept). No per-row weights are kept: only the covariance method can run on it.
     */
    Standardization(dev.linea.models.SufficientStatistics st, boolean intercept, boolean standardize) {
        int p = st.cols();
        double total = st.weightSum();
        double[] xx = st.xx();
        double[] v = new double[p];
        for (int j = 0; j < p; j++) {
            v[j] = xx[j * p + j] / total;
        }
        this((int) Math.min(Integer.MAX_VALUE, st.rows()), null, st.xMean(), v, intercept ? st.yMean() : 0,
                (intercept ? st.yy() : st.yyAboutZero()) / total, intercept, standardize, -1, Double.NaN);
    }

    /** From the normalized weights w̄ and y: the null deviance Σ w̄_i·(y_i − m_y)² computed here. */
    private Standardization(double[] w, double[] m, double[] v, double my, double[] y, boolean intercept,
                            boolean standardize, int underflow, double underflowSpread) {
        this(w.length, w, m, v, intercept ? my : 0, nullDeviance(w, y, intercept ? my : 0), intercept, standardize,
                underflow, underflowSpread);
    }

    /**
     * The one place that turns the weighted moments into the working map: a column of spread v_j about m_j is
     * excluded when {@link dev.linea.models.Design#isConstant} says so, else scaled by sqrt(v_j) when
     * standardizing; without intercept nothing is centred.
     *
     * @param m the weighted column means (kept as {@link #mean} with an intercept)
     * @param v the weighted column variances about m; overwritten by the scales (kept as {@link #scale})
     */
    private Standardization(int n, double[] w, double[] m, double[] v, double yMean, double nullDeviance,
                            boolean intercept, boolean standardize, int underflow, double underflowSpread) {
        this.n = n;
        this.underflow = underflow;
        this.underflowSpread = underflowSpread;
        this.p = m.length;
        this.w = w;
        excluded = new boolean[p];
        scale = v; // v is this constructor's to keep, and each v_j is read once, just before s_j replaces it
        int bad = -1;
        for (int j = 0; j < p; j++) {
            if (bad < 0 && !(Double.isFinite(v[j]) && Double.isFinite(m[j]))) {
                bad = j;
            }
            excluded[j] = dev.linea.models.Design.isConstant(v[j], m[j]);
            scale[j] = standardize && !excluded[j] ? Math.sqrt(v[j]) : 1;
        }
        if (bad < 0 && !(Double.isFinite(yMean) && Double.isFinite(nullDeviance))) {
            bad = p;
        }
        nonFinite = bad;
        mean = intercept ? m : new double[p];
        this.yMean = yMean;
        this.nullDeviance = nullDeviance;
    }

    private static double nullDeviance(double[] w, double[] y, double yMean) {
        double dev = 0;
        for (int i = 0; i < w.length; i++) {
            double c = y[i] - yMean;
            dev += w[i] * c * c;
        }
        return dev;
    }

    /**
     * The same quantities for a sparse design, from the non-zeros only (X is never densified): m_j = Σ w̄_i·x_ij
     * over the stored entries, and the spread about it in two-pass form without cancellation,
     * {@code Σ_stored w̄_i·(x_ij − m_j)² + m_j²·share_j}, the zeros' share by
     * {@link dev.linea.models.SparseDesign#zerosShare} (exactly 0 when no row of positive weight lacks the column).
     *
     * @param x the design's matrix by columns (the fit's CSC); not modified
     */
    Standardization(dev.linea.models.SparseDesign d, dev.linea.kernels.sparse.CscMatrix x, boolean intercept,
                    boolean standardize) {
        int n = d.rows();
        int p = d.cols();
        double[] y = d.yUnsafe();
        double[] w = new double[n];
        double total = d.weightSum();
        for (int i = 0; i < n; i++) {
            w[i] = d.weight(i) / total;
        }
        int[] cp = x.colPtrUnsafe();
        int[] ri = x.indicesUnsafe();
        double[] xv = x.valuesUnsafe();
        double[] m = new double[p];
        double[] v = new double[p];
        for (int j = 0; j < p; j++) {
            double sum = 0;
            double stored = 0;
            for (int k = cp[j]; k < cp[j + 1]; k++) {
                sum += w[ri[k]] * xv[k];
                stored += d.weight(ri[k]);
            }
            double sq = 0;
            for (int k = cp[j]; k < cp[j + 1]; k++) {
                double c = xv[k] - sum;
                sq += w[ri[k]] * c * c;
            }
            m[j] = sum;
            v[j] = sq + sum * sum * d.zerosShare(stored);
        }
        double my = 0;
        for (int i = 0; i < n; i++) {
            my += w[i] * y[i];
        }
        this(w, m, v, my, y, intercept, standardize, -1, Double.NaN);
    }

    /** @return ỹ_i = y_i − m_y */
    double yc(Dataset d, int i) {
        return d.yUnsafe()[i] - yMean;
    }
}
