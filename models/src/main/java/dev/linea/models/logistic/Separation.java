package dev.linea.models.logistic;

import dev.linea.models.optim.Lbfgs;
import dev.linea.models.optim.LbfgsOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Detects separated classes after an unpenalized binary fit (internal). Without a penalty the maximum-likelihood
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
 */
final class Separation {
    static final double GROWTH = 1e-2;
    static final double SATURATED = 15;
    private static final int CONTINUATION_ITERATIONS = 200;
    private static final int REFIT_ITERATIONS = 1000;

    private Separation() {
    }

    /** @return null when no separation is found, else a message for the FitException */
    static String diagnose(LogisticObjective obj, double[] theta, double tol, List<String> names) {
        int m = obj.m;
        int n = obj.n;
        double[] z = new double[m];
        obj.margins(theta, z);
        boolean complete = true;
        for (int i = 0; i < m && complete; i++) {
            if (obj.weight(i) > 0) {
                complete = signed(obj, i, z) > 0;
            }
        }
        double[] t2 = new Lbfgs(new LbfgsOptions(10, tol * 1e-3, 0, CONTINUATION_ITERATIONS,
                20 * CONTINUATION_ITERATIONS)).minimize(obj, theta).x();
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
        String kind = null;
        if (complete) {
            kind = "complete separation: every row with positive weight is classified correctly, so the unpenalized"
                   + " likelihood has no maximum and the coefficients grow without bound";
        } else if (normG > GROWTH * normB && saturated(obj, t2, z)) {
            kind = "quasi-complete separation: continuing the fit keeps increasing the coefficients (by "
                   + String.format("%.3g", normG / Math.max(normB, Double.MIN_NORMAL) * 100) + " % of ‖β‖) while"
                   + " rows are fitted with probability 0 or 1, so the unpenalized likelihood has no maximum";
        } else {
            double[] d = refitDirection(obj, theta, tol, z);
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

    /** @return (2y − 1)·z_i: positive when row i is on its class's side */
    private static double signed(LogisticObjective obj, int i, double[] z) {
        return obj.y[i] == 1 ? z[i] : -z[i];
    }

    private static boolean saturated(LogisticObjective obj, double[] theta, double[] z) {
        obj.margins(theta, z);
        for (int i = 0; i < obj.m; i++) {
            if (obj.weight(i) > 0 && signed(obj, i, z) >= SATURATED) {
                return true;
            }
        }
        return false;
    }

    /** The refit test; @return d = θ − θ_R when it separates, else null */
    private static double[] refitDirection(LogisticObjective obj, double[] theta, double tol, double[] z) {
        int m = obj.m;
        obj.margins(theta, z);
        double[] s = new double[m];
        boolean any = false;
        boolean rest = false;
        for (int i = 0; i < m; i++) {
            boolean sat = obj.weight(i) > 0 && signed(obj, i, z) >= SATURATED;
            s[i] = sat ? 0 : obj.weight(i);
            any |= sat;
            rest |= s[i] > 0;
        }
        if (!any || !rest) {
            return null;
        }
        LogisticObjective r = new LogisticObjective(obj.backend, m, obj.n, obj.x, obj.y, s, obj.intercept, 0);
        double[] thetaR = new Lbfgs(new LbfgsOptions(10, tol, 0, REFIT_ITERATIONS, 20 * REFIT_ITERATIONS))
                .minimize(r, new double[theta.length]).x();
        double[] d = new double[theta.length];
        for (int j = 0; j < d.length; j++) {
            d[j] = theta[j] - thetaR[j];
        }
        double[] zd = new double[m];
        obj.margins(d, zd);
        double minS = Double.POSITIVE_INFINITY;
        double maxR = 0;
        for (int i = 0; i < m; i++) {
            if (obj.weight(i) == 0) {
                continue;
            }
            if (s[i] == 0) {
                minS = Math.min(minS, signed(obj, i, zd));
            } else {
                maxR = Math.max(maxR, Math.abs(zd[i]));
            }
        }
        return minS >= 1 && maxR <= GROWTH * minS ? d : null;
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
