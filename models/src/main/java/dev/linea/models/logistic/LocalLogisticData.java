package dev.linea.models.logistic;

import dev.linea.kernels.Backend;
import dev.linea.models.Dataset;
import dev.linea.models.optim.StandardizedCoordinates;
import java.util.List;

/** {@link LogisticData} over the rows of a {@link Dataset} in memory (internal): every pass a loop over them. */
final class LocalLogisticData implements LogisticData {
    private final Backend backend;
    private final Dataset data;

    /** data is kept, not modified. */
    LocalLogisticData(Backend backend, Dataset data) {
        this.backend = backend;
        this.data = data;
    }

    @Override
    public List<String> featureNames() {
        return data.featureNames();
    }

    @Override
    public String backendName() {
        return backend.name();
    }

    /** {@link Labels#classes}' checks and messages (rows named 1-based). */
    @Override
    public ClassTotals classTotals() {
        return Labels.binaryTotals(data.yUnsafe(), data.weightsUnsafe());
    }

    @Override
    public StandardizedCoordinates.Spread columnSpread(boolean centred) {
        int n = data.cols();
        return StandardizedCoordinates.Spread.of(data.rows(), n, data.xUnsafe(), Math.max(1, n), centred);
    }

    /** The effective weights: the dataset's own (or null, the kernels' unit fast path) when every multiplier is 1. */
    @Override
    public Rows weighted(double[] multipliers, boolean intercept) {
        int m = data.rows();
        double[] s = data.weightsUnsafe();
        if (multipliers != null) {
            double[] y = data.yUnsafe();
            s = new double[m];
            for (int i = 0; i < m; i++) {
                s[i] = data.weight(i) * multipliers[(int) y[i]];
            }
        }
        return new WeightedRows(backend, m, data.cols(), data.xUnsafe(), data.yUnsafe(), s, intercept);
    }

    /** m rows of X (row-major, leading dimension max(1, n)), labels y and effective weights s (null: ones). */
    static final class WeightedRows implements Rows {
        final Backend backend;
        final int m;
        final int n;
        /** Leading dimension of X: n, but at least 1 as the kernels require (X has no entries when n = 0). */
        final int ld;
        final double[] x;
        final double[] y;
        final double[] s;
        final boolean intercept;
        /** The Hessian's m-vector, reused by every Newton step of the one fit that owns these rows. */
        private double[] work;

        /** x, y and s (null for ones) are kept, not modified. */
        WeightedRows(Backend backend, int m, int n, double[] x, double[] y, double[] s, boolean intercept) {
            this.backend = backend;
            this.m = m;
            this.n = n;
            this.ld = Math.max(1, n);
            this.x = x;
            this.y = y;
            this.s = s;
            this.intercept = intercept;
        }

        @Override
        public double lossGradient(double[] theta, double[] grad) {
            return backend.logisticGradient(m, n, x, 0, ld, theta, 0, intercept, y, 0, s, 0, grad, 0);
        }

        @Override
        public void hessian(double[] theta, double sumS, double[] h) {
            if (work == null) {
                work = new double[m];
            }
            LogisticRows.hessian(backend, m, n, x, theta, intercept, s, sumS, h, work);
        }

        @Override
        public Separation.Margins margins(double[] theta, double[] ref) {
            double[] z = margins(theta);
            double[] zr = ref == null ? z : margins(ref);
            Separation.Margins acc = new Separation.Margins();
            for (int i = 0; i < m; i++) {
                acc.add(y[i], s == null ? 1 : s[i], z[i], zr[i]);
            }
            return acc;
        }

        @Override
        public Rows withoutSaturated(double[] mask) {
            return new WeightedRows(backend, m, n, x, y, Separation.unsaturatedWeights(m, y, s, margins(mask)),
                    intercept);
        }

        /** @return z = Xβ + b (a new array) */
        private double[] margins(double[] theta) {
            double[] z = new double[m];
            LogisticRows.margins(backend, m, n, x, theta, intercept, z);
            return z;
        }
    }
}
