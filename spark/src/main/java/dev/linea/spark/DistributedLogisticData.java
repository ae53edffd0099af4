package dev.linea.spark;

import dev.linea.models.logistic.LogisticData;
import dev.linea.models.logistic.Separation;
import dev.linea.models.optim.StandardizedCoordinates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The models' {@link LogisticData} over a Spark dataset's blocks (internal): every pass is one job of
 * {@link LogisticPasses}, merged in fixed partition order; it counts the passes for the report and the result. One
 * instance per fit.
 */
final class DistributedLogisticData implements LogisticData {
    private final DistributedData data;
    private final boolean ownCache;
    private int passes;
    private long rows;
    private double sumOfWeights = Double.NaN;
    private ClassTotals totals;

    /** @param data cached for the fit; {@code ownCache} says whether the cache is the fit's own (for the notes) */
    DistributedLogisticData(DistributedData data, boolean ownCache) {
        this.data = data;
        this.ownCache = ownCache;
    }

    @Override
    public List<String> featureNames() {
        return data.featureNames();
    }

    @Override
    public String backendName() {
        return data.backendName();
    }

    /** The label pass, naming the partition, row and column of a label other than 0/1. */
    @Override
    public ClassTotals classTotals() {
        double[] lab = LogisticPasses.labels(data.blocks(), data.labelColumn());
        passes++;
        long[] counts = {(long) lab[0], (long) lab[1]};
        rows = counts[0] + counts[1];
        if (rows == 0) {
            throw new IllegalArgumentException("the data have no rows: nothing to fit");
        }
        for (int c = 0; c < 2; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("label '" + data.labelColumn() + "' has no row of class " + c
                        + ", expected both classes 0 and 1 to occur");
            }
        }
        totals = new ClassTotals(counts, new double[] {lab[2], lab[3]});
        return totals;
    }

    /** One pass: the columns' means and mean squared deviations, merged across blocks by Chan's update. */
    @Override
    public StandardizedCoordinates.Spread columnSpread(boolean centred) {
        int n = data.cols();
        double[] r = LogisticPasses.spread(data.blocks(), n, centred);
        passes++;
        double m = r[0];
        double[] mean = java.util.Arrays.copyOfRange(r, 1, 1 + n);
        double[] sq = new double[n];
        for (int j = 0; j < n; j++) {
            sq[j] = m > 0 ? r[1 + n + j] / m : 0;
        }
        return new StandardizedCoordinates.Spread(mean, sq);
    }

    @Override
    public Rows weighted(double[] multipliers, boolean intercept) {
        sumOfWeights = totals.sumOfWeights(multipliers);
        double[] mult = multipliers == null ? null : multipliers.clone();
        return new Blocks(new LogisticPasses.Setup(data.blocks(), data.executorBackend(), data.cols(), intercept,
                mult), null, false);
    }

    /** The passes so far and how the blocks were cached. */
    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        DistributedLogisticRegression.addDistributedNotes(notes, data, passes, ownCache, rows);
        return notes;
    }

    int passes() {
        return passes;
    }

    long rows() {
        return rows;
    }

    /** @return Σ s_i, the effective weights' total (NaN before {@link #weighted}) */
    double sumOfWeights() {
        return sumOfWeights;
    }

    /**
     * The weighted blocks, optionally with the rows saturated at {@code mask} left out. When {@code fused}, every
     * loss-and-gradient pass also returns the Hessian ({@link LogisticPasses#newton}), kept for {@link #hessian} at
     * the same point: Newton and coordinate descent ask for it at the point they accepted last, so an accepted step
     * costs one pass.
     */
    private final class Blocks implements Rows {
        private final LogisticPasses.Setup st;
        private final double[] mask;
        private final boolean fused;
        private double[] at;
        private double atSumS;
        private double[] pass;

        Blocks(LogisticPasses.Setup st, double[] mask, boolean fused) {
            this.st = st;
            this.mask = mask;
            this.fused = fused;
        }

        @Override
        public double lossGradient(double[] theta, double[] grad) {
            int p = st.parameters();
            if (fused) {
                newtonPass(theta, sumOfWeights);
                System.arraycopy(pass, 1, grad, 0, p);
                return pass[0];
            }
            double[] r = LogisticPasses.lossGradient(st, theta, mask);
            passes++;
            System.arraycopy(r, 0, grad, 0, p);
            return r[p];
        }

        @Override
        public void hessian(double[] theta, double sumS, double[] h) {
            int p = st.parameters();
            if (pass == null || sumS != atSumS || !Arrays.equals(at, theta)) {
                newtonPass(theta, sumS);
            }
            System.arraycopy(pass, 1 + p, h, 0, p * p);
        }

        private void newtonPass(double[] theta, double sumS) {
            pass = LogisticPasses.newton(st, theta, sumS, mask);
            passes++;
            at = theta.clone();
            atSumS = sumS;
        }

        @Override
        public Separation.Margins margins(double[] theta, double[] ref) {
            passes++;
            return LogisticPasses.margins(st, theta, ref, mask);
        }

        @Override
        public Rows withoutSaturated(double[] mask) {
            return new Blocks(st, mask.clone(), false);
        }

        @Override
        public Rows fusingHessian() {
            return mask == null ? new Blocks(st, null, true) : this;
        }
    }
}
