package dev.linea.models.logistic;

import dev.linea.models.optim.StandardizedCoordinates;
import java.util.List;

/**
 * The data side of binary {@link LogisticRegression}: the passes over the rows that its solvers, stopping rules,
 * separation checks and certificate need, and nothing else. The driver (options, class weights, the mean-scaled
 * objective, the solvers, the separation diagnosis, the certificate, the report) lives once, in
 * {@link LogisticRegression#fit(LogisticData)}; {@link LogisticRegression#fit(dev.linea.models.Dataset)} loops over
 * the rows in memory, and a distributed implementation runs one job per pass and merges the blocks' sums in a fixed
 * order (as {@link dev.linea.models.glm.IrlsData} does for GLMs).
 *
 * <p>Parameters are θ = (β_0 … β_{n−1} [, b]); a row's effective weight is {@code s_i = w_i·c_{y_i}}, its sample
 * weight times its class's multiplier; its margin is {@code z_i = x_iᵀβ + b}.
 */
public interface LogisticData {

    /** @return the n feature names */
    List<String> featureNames();

    /** @return the backend the passes run on, for the report */
    String backendName();

    /**
     * The label pass: checks that every label is 0 or 1 and that both classes occur.
     *
     * @return the rows and sample weights of each class
     * @throws IllegalArgumentException for a label other than 0/1 (naming where it is) or a class without rows
     */
    ClassTotals classTotals();

    /**
     * The columns' spread for the first-order solvers' standardized coordinates (unweighted, as
     * {@link StandardizedCoordinates.Spread#of}): the column means and mean squared deviations with an intercept,
     * 0 and the mean squares without.
     *
     * @param centred whether the fit has an intercept
     */
    StandardizedCoordinates.Spread columnSpread(boolean centred);

    /**
     * The rows with effective weights.
     *
     * @param multipliers the class weights c_0, c_1, or null when both are 1; not modified
     * @param intercept   whether θ ends with the intercept b
     */
    Rows weighted(double[] multipliers, boolean intercept);

    /** @return what the data add to the report's notes, asked after the last pass (pass counts, caching) */
    default List<String> notes() {
        return List.of();
    }

    /**
     * What the label pass found.
     *
     * @param rows    rows of class 0 and of class 1
     * @param weights Σ w_i over the rows of class 0 and of class 1 (sample weights; the row counts when unweighted)
     */
    record ClassTotals(long[] rows, double[] weights) {
        public ClassTotals {
            rows = rows.clone();
            weights = weights.clone();
        }

        @Override
        public long[] rows() {
            return rows.clone();
        }

        @Override
        public double[] weights() {
            return weights.clone();
        }

        /** @return every class's total effective weight, weights[c]·multipliers[c] (multipliers null: both 1) */
        public double[] perClass(double[] multipliers) {
            double[] t = new double[2];
            for (int c = 0; c < 2; c++) {
                t[c] = multipliers == null ? weights[c] : weights[c] * multipliers[c];
            }
            return t;
        }

        /** @return Σ s_i, the total effective weight with these class multipliers (null: both 1) */
        public double sumOfWeights(double[] multipliers) {
            double[] t = perClass(multipliers);
            return t[0] + t[1];
        }
    }

    /** The passes over the weighted rows; each call is one pass. */
    interface Rows {
        /**
         * The data term and its gradient, raw (neither mean-scaled nor penalized): the backend's fused
         * {@code logisticGradient} kernel.
         *
         * @param theta the parameters; not modified
         * @param grad  p values; modified: Σ s_i·(σ(z_i) − y_i)·[x_i, 1]
         * @return Σ s_i·(log(1 + e^{z_i}) − y_i·z_i)
         */
        double lossGradient(double[] theta, double[] grad);

        /**
         * The data term's Hessian, mean-scaled and unpenalized: {@code [X 1]ᵀ·D·[X 1]} with
         * {@code D = diag(s_i·σ(z_i)·(1 − σ(z_i)))/Σs} ({@link LogisticRows#hessian}).
         *
         * @param theta the parameters; not modified
         * @param sumS  Σs
         * @param h     p×p row-major; modified: overwritten
         */
        void hessian(double[] theta, double sumS, double[] h);

        /**
         * @param theta the parameters whose margins are summarized; not modified
         * @param ref   null, or the parameters that decide which rows are saturated; not modified
         * @return the separation checks' {@link Separation.Margins} of the rows at θ
         */
        Separation.Margins margins(double[] theta, double[] ref);

        /**
         * @param mask the parameters at which rows are saturated; not modified
         * @return these rows with weight 0 for those whose signed margin at {@code mask} is at least
         *         {@link Separation#SATURATED} ({@link Separation#unsaturatedWeights}), for the separation refit
         */
        Rows withoutSaturated(double[] mask);

        /**
         * These rows for a solver that asks for the Hessian at most points it evaluates (Newton, coordinate descent):
         * where a pass is costly (a distributed job), each evaluation may form the Hessian in the same pass and keep
         * it for {@link #hessian} at the same point. Rows in memory return themselves.
         */
        default Rows fusingHessian() {
            return this;
        }
    }
}
