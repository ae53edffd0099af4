package dev.linea.models.logistic;

import dev.linea.kernels.Backend;
import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.SparseDesign;
import dev.linea.models.optim.StandardizedCoordinates;
import java.util.List;

/**
 * {@link LogisticData} over a {@link SparseDesign} in memory (internal): every pass is one call of the backend's
 * sparse kernels over the CSR non-zeros, the design's affine map (if any) applied implicitly; X is never densified.
 * The driver, its solvers, stopping rules, separation checks and certificate are those of
 * {@link LogisticRegression#fit(LogisticData)}, unchanged.
 */
final class SparseLogisticData implements LogisticData {
    private final Backend backend;
    private final SparseDesign design;
    private final double[] centre;
    private final double[] scale;

    /**
     * @throws IllegalArgumentException when the design has offsets (the logistic model takes none)
     */
    SparseLogisticData(Backend backend, SparseDesign design) {
        if (design.offsetsUnsafe() != null) {
            throw new IllegalArgumentException("the sparse design has offsets, expected none: logistic regression "
                    + "takes no offsets");
        }
        this.backend = backend;
        this.design = design;
        this.centre = design.centre();
        this.scale = design.scale();
    }

    @Override
    public List<String> featureNames() {
        return design.featureNames();
    }

    @Override
    public String backendName() {
        return backend.name();
    }

    /** The checks and messages of {@link Labels#classes} (rows named 1-based). */
    @Override
    public ClassTotals classTotals() {
        return Labels.binaryTotals(design.yUnsafe(), design.weightsUnsafe());
    }

    /**
     * The unweighted spread of the mapped columns z_j = (x_j − c_j)·d_j from one pass over the non-zeros: the
     * mean (x̄_j − c_j)·d_j and, centred, the variance d_j²·(Σx²/m − x̄²) (clamped at 0); uncentred, the mean square
     * d_j²·(Σx²/m − 2c_j·x̄_j + c_j²).
     */
    @Override
    public StandardizedCoordinates.Spread columnSpread(boolean centred) {
        CsrMatrix x = design.matrix();
        int m = x.rows();
        int n = x.cols();
        double[] mu = new double[n];
        double[] sq = new double[n];
        int[] ci = x.indicesUnsafe();
        double[] xv = x.valuesUnsafe();
        for (int k = 0; k < x.nonZeros(); k++) {
            mu[ci[k]] += xv[k];
            sq[ci[k]] += xv[k] * xv[k];
        }
        for (int j = 0; j < n; j++) {
            double mean = mu[j] / m;
            double ms = sq[j] / m;
            double c = centre == null ? 0 : centre[j];
            double d = scale == null ? 1 : scale[j];
            mu[j] = (mean - c) * d;
            sq[j] = centred ? Math.max(0, ms - mean * mean) * d * d : (ms - 2 * c * mean + c * c) * d * d;
        }
        return new StandardizedCoordinates.Spread(mu, sq);
    }

    @Override
    public Rows weighted(double[] multipliers, boolean intercept) {
        double[] s = design.weightsUnsafe();
        if (multipliers != null) {
            double[] y = design.yUnsafe();
            s = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                s[i] = design.weight(i) * multipliers[(int) y[i]];
            }
        }
        return new SparseRows(s, intercept);
    }

    /** The rows with effective weights s (null: ones). */
    private final class SparseRows implements Rows {
        private final double[] s;
        private final boolean intercept;
        private final int n;
        /** m-vector reused by the Hessian of the one fit that owns these rows. */
        private double[] work;

        SparseRows(double[] s, boolean intercept) {
            this.s = s;
            this.intercept = intercept;
            this.n = design.cols();
        }

        @Override
        public double lossGradient(double[] theta, double[] grad) {
            return backend.sparseLogisticGradient(design.matrix(), centre, scale, theta, 0, intercept,
                    design.yUnsafe(), 0, s, 0, grad, 0);
        }

        /** [Z 1]ᵀ·D·[Z 1] with the intercept last: one sparse Gram (small n) and one sparse transposed product. */
        @Override
        public void hessian(double[] theta, double sumS, double[] h) {
            int m = design.rows();
            int p = intercept ? n + 1 : n;
            if (work == null) {
                work = new double[m];
            }
            double[] d = work;
            linear(theta, d);
            double sumD = LogisticRows.hessianWeights(m, d, s, sumS);
            if (n > 0) {
                backend.sparseGram(design.matrix(), centre, scale, d, 0, h, 0, p);
            }
            if (intercept) {
                double[] col = new double[n];
                backend.sparseTransposeTimes(design.matrix(), centre, scale, d, 0, col, 0);
                LogisticRows.borderIntercept(h, n, col, sumD);
            }
        }

        @Override
        public Separation.Margins margins(double[] theta, double[] ref) {
            int m = design.rows();
            double[] z = new double[m];
            linear(theta, z);
            double[] zr = z;
            if (ref != null) {
                zr = new double[m];
                linear(ref, zr);
            }
            double[] y = design.yUnsafe();
            Separation.Margins acc = new Separation.Margins();
            for (int i = 0; i < m; i++) {
                acc.add(y[i], s == null ? 1 : s[i], z[i], zr[i]);
            }
            return acc;
        }

        @Override
        public Rows withoutSaturated(double[] mask) {
            int m = design.rows();
            double[] z = new double[m];
            linear(mask, z);
            return new SparseRows(Separation.unsaturatedWeights(m, design.yUnsafe(), s, z), intercept);
        }

        /** z ← Zθ + b. */
        private void linear(double[] theta, double[] z) {
            backend.sparseTimes(design.matrix(), centre, scale, theta, 0, intercept ? theta[n] : 0, z, 0);
        }
    }
}
