package dev.linea.models.logistic;

import dev.linea.models.optim.DifferentiableFunction;
import dev.linea.models.optim.Lbfgs;
import dev.linea.models.optim.LbfgsOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Detects separated classes after an unpenalized binary fit. Without a penalty the maximum-likelihood
 * estimate does not exist when a direction d ≠ 0 gives every row a margin of the right sign (≥ 0 for class 1, ≤ 0
 * for class 0, not all zero): the loss keeps falling along d, and any solver stops at an arbitrary point with large
 * coefficients. Three tests, none needing a linear program:
 * <ul>
 *   <li><b>complete separation</b>, a certificate: the fitted θ = (β, b) classifies every row of positive weight
 *       correctly with a strictly positive margin; t·θ does too for every t &gt; 1, with a lower loss.</li>
 *   <li><b>quasi-complete, by continuation</b>: the minimization is continued from the fit with a 1000 times smaller
 *       gradient tolerance. Where a maximum exists the coefficients barely move (by about ‖H⁻¹‖·tol); along a
 *       separating direction they keep growing (by about log(1000)/gap). Reported when they grow by more than
 *       {@link #GROWTH} of ‖β‖ while some correctly classified rows have |margin| ≥ {@link #SATURATED}
 *       (probability within 3e-7 of the label).</li>
 *   <li><b>quasi-complete, by refit</b>: once the separated rows' margins are so large that their share of the
 *       gradient is below rounding, continuing cannot see them. So the rows with margin ≥ {@link #SATURATED} (S)
 *       are dropped and the rest (R) refitted from zero, giving θ_R, and d = θ − θ_R is examined: if d has the
 *       right sign on every row of S, by at least 1, while its margins on R are within 1 % of that (zero, up to
 *       the fits' accuracy), d is a separating direction. Where the maximum exists, dropping rows whose residuals
 *       are below 3e-7 barely changes the fit, d is tiny and the test fails.</li>
 * </ul>
 * The message names the features carrying the separating direction (the coefficients that grew, or d's largest).
 *
 * <p>The rows are reached only through {@link Data}, a few passes of {@link Margins} and the refit's objective,
 * which {@link LogisticRegression} takes from its {@link LogisticData} (a loop over the rows in memory, or one job
 * per pass for a distributed fit). Stateless.
 */
public final class Separation {
    /** Relative growth of ‖β‖ under continuation (and relative margin on the other rows) that indicates separation. */
    public static final double GROWTH = 1e-2;
    /** Signed margin from which a row counts as fitted with probability 0 or 1 (within 3e-7 of its label). */
    public static final double SATURATED = 15;
    private static final int CONTINUATION_ITERATIONS = 200;
    private static final int REFIT_ITERATIONS = 1000;

    private Separation() {
    }

    /** The passes over the rows that the diagnosis needs. */
    interface Data {
        /**
         * @param theta the parameters whose margins are summarized; not modified
         * @param ref   null, or the parameters that decide which rows are saturated; not modified
         * @return the {@link Margins} of the rows at θ (relative to the rows saturated at {@code ref}, or at θ)
         */
        Margins margins(double[] theta, double[] ref);

        /**
         * The unpenalized mean-scaled objective over the rows not saturated at {@code mask} (their weights set to 0,
         * see {@link #unsaturatedWeights}), for the refit.
         *
         * @param mask       the parameters at which rows are saturated; not modified
         * @param restWeight Σs over the other rows ({@link Margins#restWeight()} at {@code mask})
         */
        DifferentiableFunction withoutSaturated(double[] mask, double restWeight);
    }

    /**
     * Margin statistics over the rows of positive weight: with signed margins {@code u_i = (2y_i − 1)·z_i(θ)} and
     * {@code r_i = (2y_i − 1)·z_i(ref)} (r = u without a reference), the rows with {@code u_i ≤ 0} (none: θ
     * separates completely), the rows with {@code u_i ≥ SATURATED}; over the rows with {@code r_i < SATURATED} their
     * weight Σs, their number and max |z_i(θ)|; over the others min u_i. Mutable, mergeable, {@link Serializable}.
     */
    public static final class Margins implements Serializable {
        private static final long serialVersionUID = 1L;
        long nonPositive;
        long saturated;
        double restWeight;
        long restRows;
        double minSaturated = Double.POSITIVE_INFINITY;
        double maxRest;

        /**
         * Adds one row.
         *
         * @param y    its label, 0 or 1
         * @param s    its effective weight (rows with s ≤ 0 are skipped)
         * @param z    its margin at θ
         * @param zRef its margin at the reference (z when there is none)
         */
        public void add(double y, double s, double z, double zRef) {
            if (!(s > 0)) {
                return;
            }
            double u = y == 1 ? z : -z;
            double r = y == 1 ? zRef : -zRef;
            nonPositive += u > 0 ? 0 : 1;
            saturated += u >= SATURATED ? 1 : 0;
            if (r >= SATURATED) {
                minSaturated = Math.min(minSaturated, u);
            } else {
                restWeight += s;
                restRows++;
                maxRest = Math.max(maxRest, Math.abs(z));
            }
        }

        /**
         * @param o not modified
         * @return this, with o's rows added
         */
        public Margins merge(Margins o) {
            nonPositive += o.nonPositive;
            saturated += o.saturated;
            restWeight += o.restWeight;
            restRows += o.restRows;
            minSaturated = Math.min(minSaturated, o.minSaturated);
            maxRest = Math.max(maxRest, o.maxRest);
            return this;
        }

        /** @return Σs over the rows not saturated at the reference */
        public double restWeight() {
            return restWeight;
        }
    }

    /**
     * The weights of the refit: 0 for the rows of positive weight whose signed margin at the mask is at least
     * {@link #SATURATED}, the others' unchanged.
     *
     * @param y labels 0/1, m values; not modified
     * @param s effective weights, or null for ones; not modified
     * @param z margins at the mask, m values; not modified
     * @return a new array of m weights
     */
    public static double[] unsaturatedWeights(int m, double[] y, double[] s, double[] z) {
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            double si = s == null ? 1 : s[i];
            double u = y[i] == 1 ? z[i] : -z[i];
            out[i] = si > 0 && u >= SATURATED ? 0 : si;
        }
        return out;
    }

    /** The diagnosis over the objective's rows (in memory or distributed). */
    static String diagnose(LogisticObjective obj, double[] theta, double tol, List<String> names) {
        Data data = new Data() {
            @Override
            public Margins margins(double[] t, double[] ref) {
                return obj.rows.margins(t, ref);
            }

            @Override
            public DifferentiableFunction withoutSaturated(double[] mask, double restWeight) {
                return obj.withoutSaturated(mask, restWeight);
            }
        };
        return diagnose(data, obj, theta, tol, names);
    }

    /**
     * The three tests (see the class comment), after an unpenalized fit.
     *
     * @param data      the passes over the rows
     * @param objective the fit's (unpenalized, mean-scaled) objective, continued by L-BFGS
     * @param theta     the fitted parameters (n features [, intercept]); not modified
     * @param tol       the fit's gradient tolerance
     * @param names     the n feature names
     * @return null when no separation is found, else the message for the FitException
     */
    static String diagnose(Data data, DifferentiableFunction objective, double[] theta, double tol,
                                  List<String> names) {
        int n = names.size();
        Margins at = data.margins(theta, null);
        boolean complete = at.nonPositive == 0;
        double[] t2 = new Lbfgs(new LbfgsOptions(10, tol * 1e-3, 0, CONTINUATION_ITERATIONS,
                20 * CONTINUATION_ITERATIONS)).minimize(objective, theta).x();
        double[] key = new double[n];
        double normB = 0;
        double normG = 0;
        for (int j = 0; j < n; j++) {
            key[j] = t2[j] - theta[j];
            normB += theta[j] * theta[j];
            normG += key[j] * key[j];
        }
        normB = Math.sqrt(normB);
        normG = Math.sqrt(normG);
        String kind;
        if (complete) {
            kind = "complete separation: every row with positive weight is classified correctly, so the unpenalized"
                   + " likelihood has no maximum and the coefficients grow without bound";
        } else if (normG > GROWTH * normB && data.margins(t2, null).saturated > 0) {
            kind = "quasi-complete separation: continuing the fit keeps increasing the coefficients (by "
                   + String.format("%.3g", normG / Math.max(normB, Double.MIN_NORMAL) * 100) + " % of ‖β‖) while"
                   + " rows are fitted with probability 0 or 1, so the unpenalized likelihood has no maximum";
        } else {
            double[] d = refitDirection(data, at, theta, tol);
            if (d == null) {
                return null;
            }
            System.arraycopy(d, 0, key, 0, n);
            kind = "quasi-complete separation: the rows fitted with probability 0 or 1 are split off by a direction"
                   + " on which every other row has margin 0, so the unpenalized likelihood has no maximum";
        }
        if (normG == 0 && complete) {
            System.arraycopy(theta, 0, key, 0, n);
        }
        return "the classes are separated (" + kind + "); " + features(key, theta, names)
               + ". Use penalty L2 with a finite C (for example C = 1) to get finite, meaningful coefficients";
    }

    /**
     * The refit test: the rows saturated at θ (S) dropped, the rest refitted from zero (θ_R); @return d = θ − θ_R
     * when it has the right sign on every row of S, by at least 1, with margins on the rest within 1 % of that;
     * else null
     */
    private static double[] refitDirection(Data data, Margins at, double[] theta, double tol) {
        if (at.saturated == 0 || at.restRows == 0) {
            return null;
        }
        DifferentiableFunction rest = data.withoutSaturated(theta, at.restWeight);
        double[] thetaR = new Lbfgs(new LbfgsOptions(10, tol, 0, REFIT_ITERATIONS, 20 * REFIT_ITERATIONS))
                .minimize(rest, new double[theta.length]).x();
        double[] d = new double[theta.length];
        for (int j = 0; j < d.length; j++) {
            d[j] = theta[j] - thetaR[j];
        }
        Margins md = data.margins(d, theta);
        return md.minSaturated >= 1 && md.maxRest <= GROWTH * md.minSaturated ? d : null;
    }

    /** Names up to three features with the largest |key_j| (those within 10 % of the largest). */
    static String features(double[] key, double[] theta, List<String> names) {
        int n = key.length;
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            order.add(j);
        }
        order.sort(Comparator.comparingDouble(j -> -Math.abs(key[j])));
        double top = n == 0 ? 0 : Math.abs(key[order.get(0)]);
        List<String> named = new ArrayList<>();
        for (int r = 0; r < Math.min(3, n) && top > 0; r++) {
            int j = order.get(r);
            if (r > 0 && Math.abs(key[j]) < 0.1 * top) {
                break;
            }
            named.add("'" + names.get(j) + "' (coefficient " + String.format("%.4g", theta[j]) + ")");
        }
        return named.isEmpty() ? "the intercept alone separates them"
                : "the separating direction is carried by " + String.join(", ", named);
    }
}
