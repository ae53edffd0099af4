package dev.linea.models.logistic;

import dev.linea.models.optim.Lbfgs;
import dev.linea.models.optim.LbfgsOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@link Separation}'s two tests for the multinomial fit (internal): complete separation when every row of positive
 * weight has its own class's logit strictly largest (then t·(W, b) lowers the loss for every t &gt; 1); quasi-complete
 * when continuing the fit with a 1000 times smaller tolerance grows W by more than {@link Separation#GROWTH} of ‖W‖
 * while some rows are fitted with their own logit at least {@link Separation#SATURATED} above every other; failing
 * both, one class separated from all the others (see {@link #oneVersusRest}). The features whose coefficient
 * columns grew most (or that separate the class) are named.
 */
final class SoftmaxSeparation {
    private static final int CONTINUATION_ITERATIONS = 200;

    private SoftmaxSeparation() {
    }

    /** @return null when no separation is found, else a message for the FitException */
    static String diagnose(SoftmaxObjective obj, double[] theta, int[] classes, double tol, List<String> names) {
        int n = obj.n;
        int k = obj.k;
        boolean complete = margins(obj, theta, classes, 0, true);
        double[] t2 = new Lbfgs(new LbfgsOptions(10, tol * 1e-3, 0, CONTINUATION_ITERATIONS,
                20 * CONTINUATION_ITERATIONS)).minimize(obj, theta).x();
        double normW = 0;
        double normG = 0;
        double[] growth = new double[n];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < n; j++) {
                double d = t2[c * n + j] - theta[c * n + j];
                growth[j] += d * d;
                normG += d * d;
                normW += theta[c * n + j] * theta[c * n + j];
            }
        }
        normW = Math.sqrt(normW);
        normG = Math.sqrt(normG);
        boolean quasi = !complete && normG > Separation.GROWTH * normW
                && margins(obj, t2, classes, Separation.SATURATED, false);
        if (!complete && !quasi) {
            return oneVersusRest(obj, classes, tol, names);
        }
        if (!(normG > 0)) {
            // nothing moved (tolerance 0 already met): the coefficients' own size shows the direction
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < n; j++) {
                    growth[j] += theta[c * n + j] * theta[c * n + j];
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            order.add(j);
        }
        order.sort(Comparator.comparingDouble(j -> -growth[j]));
        List<String> named = new ArrayList<>();
        for (int r = 0; r < Math.min(3, n); r++) {
            int j = order.get(r);
            if (r > 0 && growth[j] < 0.01 * growth[order.get(0)]) {
                break;
            }
            named.add("'" + names.get(j) + "'");
        }
        String kind = complete
                ? "complete separation: every row with positive weight has its own class's logit largest, so the"
                  + " unpenalized likelihood has no maximum and the coefficients grow without bound"
                : "quasi-complete separation: continuing the fit keeps increasing the coefficients (by "
                  + String.format("%.3g", normG / Math.max(normW, Double.MIN_NORMAL) * 100) + " % of ‖W‖) while rows"
                  + " are fitted with probability 1, so the unpenalized likelihood has no maximum";
        return "the classes are separated (" + kind + "); "
                + (named.isEmpty() ? "" : "the coefficients growing fastest are those of " + String.join(", ", named)
                + ". ")
                + "Use penalty L2 with a finite C (for example C = 1) to get finite, meaningful coefficients";
    }

    /**
     * Once the separated rows' logits lead by so much that their share of the gradient is below rounding, the
     * multinomial tests above cannot see them. But if one class c is separated from all the others by a hyperplane
     * (v, v₀), raising W_c by v and b_c by v₀ lowers the multinomial loss too, so no maximum exists. Each class is
     * therefore fitted against the rest by the unpenalized binary objective and checked by {@link Separation}.
     *
     * @return the first separated class's message, or null
     */
    private static String oneVersusRest(SoftmaxObjective obj, int[] classes, double tol, List<String> names) {
        int m = obj.m;
        double[] y = new double[m];
        for (int c = 0; c < obj.k; c++) {
            for (int i = 0; i < m; i++) {
                y[i] = classes[i] == c ? 1 : 0;
            }
            LogisticObjective binary = new LogisticObjective(obj.backend, m, obj.n, obj.x, y, obj.s, obj.intercept, 0);
            double[] theta = new Lbfgs(new LbfgsOptions(10, tol, 0, 1000, 20000))
                    .minimize(binary, new double[binary.parameters()]).x();
            String msg = Separation.diagnose(binary, theta, tol, names);
            if (msg != null) {
                return "class " + c + " against the others: " + msg;
            }
        }
        return null;
    }

    /**
     * @param all true: every row of positive weight must have its own logit above all others by more than
     *            {@code gap}; false: at least one row must
     */
    private static boolean margins(SoftmaxObjective obj, double[] theta, int[] classes, double gap, boolean all) {
        double[] z = obj.logits(theta);
        int k = obj.k;
        boolean any = false;
        for (int i = 0; i < obj.m; i++) {
            if (obj.s != null && obj.s[i] == 0) {
                continue;
            }
            double own = z[i * k + classes[i]];
            boolean ok = true;
            for (int c = 0; c < k && ok; c++) {
                ok = c == classes[i] || own - z[i * k + c] > gap;
            }
            if (all && !ok) {
                return false;
            }
            any |= ok;
        }
        return all || any;
    }
}
