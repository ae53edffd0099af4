package dev.linea.models.logistic;

import dev.linea.models.optim.Lbfgs;
import dev.linea.models.optim.LbfgsOptions;
import dev.linea.models.optim.LbfgsResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Detects separated classes after an unpenalized fit (internal). Without a penalty the maximum-likelihood estimate
 * does not exist when the classes are separated by a hyperplane: the loss keeps falling as ‖β‖ → ∞, and any solver
 * stops at an arbitrary point with large coefficients. Two tests, neither needing a linear program:
 * <ul>
 *   <li><b>complete separation</b>, a certificate: the fitted (β, b) classifies every row of positive weight
 *       correctly with a strictly positive margin. Then t·(β, b) does too for every t &gt; 1, with a lower loss, so
 *       no maximum exists.</li>
 *   <li><b>quasi-complete separation</b>, a heuristic: the minimization is continued from the fit with a 1000 times
 *       smaller gradient tolerance. Where a maximum exists the coefficients barely move (by about ‖H⁻¹‖·tol);
 *       under separation they keep growing along the separating direction (by about log(1000)/gap). It is
 *       reported when the coefficients grow by more than {@link #GROWTH} relative to ‖β‖ while some correctly
 *       classified rows have |margin| ≥ {@link #SATURATED} (probability within 3e-7 of the label).</li>
 * </ul>
 * The features whose coefficients grew most in the continuation span the separating direction; the message names
 * them.
 */
final class Separation {
    static final double GROWTH = 1e-2;
    static final double SATURATED = 15;
    private static final int CONTINUATION_ITERATIONS = 200;

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
                complete = obj.y[i] == 1 ? z[i] > 0 : z[i] < 0;
            }
        }
        LbfgsResult more = new Lbfgs(new LbfgsOptions(10, tol * 1e-3, 0, CONTINUATION_ITERATIONS,
                20 * CONTINUATION_ITERATIONS)).minimize(obj, theta);
        double[] t2 = more.x();
        double[] growth = new double[n];
        double normB = 0;
        double normG = 0;
        for (int j = 0; j < n; j++) {
            growth[j] = t2[j] - theta[j];
            normB += theta[j] * theta[j];
            normG += growth[j] * growth[j];
        }
        normB = Math.sqrt(normB);
        normG = Math.sqrt(normG);
        boolean quasi = false;
        if (!complete && normG > GROWTH * normB) {
            obj.margins(t2, z);
            for (int i = 0; i < m && !quasi; i++) {
                boolean correct = obj.y[i] == 1 ? z[i] >= SATURATED : z[i] <= -SATURATED;
                quasi = obj.weight(i) > 0 && correct;
            }
        }
        if (!complete && !quasi) {
            return null;
        }
        double[] key = normG > 0 ? growth : java.util.Arrays.copyOf(theta, n);
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            order.add(j);
        }
        order.sort(Comparator.comparingDouble(j -> -Math.abs(key[j])));
        double top = n == 0 ? 0 : Math.abs(key[order.get(0)]);
        List<String> named = new ArrayList<>();
        for (int r = 0; r < Math.min(3, n); r++) {
            int j = order.get(r);
            if (r > 0 && Math.abs(key[j]) < 0.1 * top) {
                break;
            }
            named.add("'" + names.get(j) + "' (coefficient " + String.format("%.4g", theta[j]) + ", growing by "
                    + String.format("%+.3g", growth[j]) + " when the fit is continued)");
        }
        String kind = complete
                ? "complete separation: every row with positive weight is classified correctly, so the unpenalized"
                  + " likelihood has no maximum and the coefficients grow without bound"
                : "quasi-complete separation: continuing the fit keeps increasing the coefficients (by "
                  + String.format("%.3g", normG / Math.max(normB, Double.MIN_NORMAL) * 100) + " % of ‖β‖) while rows"
                  + " are fitted with probability 0 or 1, so the unpenalized likelihood has no maximum";
        return "the classes are separated (" + kind + "); "
                + (named.isEmpty() ? "the intercept alone separates them" : "the separating direction is carried by "
                + String.join(", ", named))
                + ". Use penalty L2 with a finite C (for example C = 1) to get finite, meaningful coefficients";
    }
}
