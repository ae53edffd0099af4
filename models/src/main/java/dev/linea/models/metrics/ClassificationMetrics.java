package dev.linea.models.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Classification metrics as scikit-learn 1.2's {@code sklearn.metrics} computes them, optionally with sample weights
 * w_i (null means all 1; W = Σ w_i). Binary labels are 0/1 and {@code p} is the predicted probability of class 1;
 * multiclass labels are 0…K−1.
 * <pre>
 *   log loss  = −Σ w_i·log q_{i,y_i} / W,  q = probabilities clipped to [ε, 1 − ε] (ε = 2^-52, numpy's float64 eps,
 *               sklearn's eps="auto") and each row renormalized to sum 1
 *   accuracy  = Σ w_i·[ŷ_i = y_i] / W
 *   Brier     = Σ w_i·(y_i − p_i)² / W
 *   ROC AUC   = area under (FPR, TPR) by the trapezoid rule over the distinct scores (tied scores form one
 *               diagonal step, which equals the average-rank / Mann–Whitney definition)
 * </pre>
 * Validation (every method): non-null, equally long (both lengths named), non-empty and finite arrays; labels 0/1
 * (or 0…K−1), probabilities in [0, 1]; weights finite, ≥ 0, not all zero. No array is modified.
 */
public final class ClassificationMetrics {
    /** numpy's float64 eps, the clipping sklearn's log_loss uses by default. */
    public static final double LOG_LOSS_EPS = Math.ulp(1.0);

    private ClassificationMetrics() {
    }

    /**
     * Binary log loss, unweighted.
     *
     * @param yTrue 0/1 labels; not modified
     * @param p     P(y = 1) per row, in [0, 1]; not modified
     */
    public static double logLoss(double[] yTrue, double[] p) {
        return logLoss(yTrue, p, null);
    }

    /**
     * Weighted binary log loss −Σ w·(y·log q + (1 − y)·log(1 − q)) / Σ w with q = p clipped to [ε, 1 − ε].
     *
     * @param yTrue   0/1 labels; not modified
     * @param p       P(y = 1) per row, in [0, 1]; not modified
     * @param weights null or one weight ≥ 0 per row; not modified
     */
    public static double logLoss(double[] yTrue, double[] p, double[] weights) {
        double total = checkBinary(yTrue, p, weights, true);
        double s = 0;
        for (int i = 0; i < yTrue.length; i++) {
            double q = Math.min(Math.max(p[i], LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
            s += w(weights, i) * -Math.log(yTrue[i] == 1 ? q : 1 - q);
        }
        return s / total;
    }

    /**
     * Weighted multiclass log loss.
     *
     * @param yTrue   labels 0…K−1; not modified
     * @param probs   one row of K probabilities (each in [0, 1]) per label; not modified
     * @param weights null or one weight ≥ 0 per row; not modified
     */
    public static double logLoss(double[] yTrue, double[][] probs, double[] weights) {
        if (probs == null) {
            throw new IllegalArgumentException("probs is null, expected an array");
        }
        int k = probs.length == 0 ? 0 : probs[0].length;
        double[] dummy = new double[probs.length];
        double total = RegressionMetrics.check(yTrue, dummy, weights);
        labels("yTrue", yTrue, k);
        double s = 0;
        for (int i = 0; i < yTrue.length; i++) {
            if (probs[i].length != k) {
                throw new IllegalArgumentException("probs row " + i + " has " + probs[i].length
                        + " values, expected " + k + " (the length of row 0)");
            }
            double sum = 0;
            double own = 0;
            for (int c = 0; c < k; c++) {
                double v = probs[i][c];
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("probs has " + v + " at row " + i + ", class " + c
                            + ", expected a probability in [0, 1]");
                }
                double q = Math.min(Math.max(v, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
                sum += q;
                if (c == (int) yTrue[i]) {
                    own = q;
                }
            }
            s += w(weights, i) * -Math.log(own / sum);
        }
        return s / total;
    }

    /**
     * Weighted fraction of rows with ŷ = y (labels compared exactly).
     *
     * @param yTrue   not modified
     * @param yPred   not modified
     * @param weights null or one weight ≥ 0 per row; not modified
     */
    public static double accuracy(double[] yTrue, double[] yPred, double[] weights) {
        double total = RegressionMetrics.check(yTrue, yPred, weights);
        double s = 0;
        for (int i = 0; i < yTrue.length; i++) {
            if (yTrue[i] == yPred[i]) {
                s += w(weights, i);
            }
        }
        return s / total;
    }

    /**
     * Weighted Brier score Σ w·(y − p)² / Σ w (lower is better; 0.25 for p ≡ ½).
     *
     * @param yTrue   0/1 labels; not modified
     * @param p       P(y = 1) per row; not modified
     * @param weights null or one weight ≥ 0 per row; not modified
     */
    public static double brierScore(double[] yTrue, double[] p, double[] weights) {
        double total = checkBinary(yTrue, p, weights, true);
        double s = 0;
        for (int i = 0; i < yTrue.length; i++) {
            double r = yTrue[i] - p[i];
            s += w(weights, i) * r * r;
        }
        return s / total;
    }

    /**
     * Confusion matrix C[t][p] = number of rows with true class t predicted as p.
     *
     * @param yTrue labels 0…K−1; not modified
     * @param yPred labels 0…K−1; not modified
     */
    public static long[][] confusionMatrix(double[] yTrue, double[] yPred, int k) {
        double[][] c = confusionMatrix(yTrue, yPred, k, null);
        long[][] out = new long[k][k];
        for (int t = 0; t < k; t++) {
            for (int q = 0; q < k; q++) {
                out[t][q] = (long) c[t][q];
            }
        }
        return out;
    }

    /**
     * Weighted confusion matrix C[t][p] = Σ of the weights of rows with true class t predicted as p.
     *
     * @param yTrue   labels 0…K−1; not modified
     * @param yPred   labels 0…K−1; not modified
     * @param weights null or one weight ≥ 0 per row; not modified
     */
    public static double[][] confusionMatrix(double[] yTrue, double[] yPred, int k, double[] weights) {
        if (k < 1) {
            throw new IllegalArgumentException("k is " + k + ", expected >= 1 classes");
        }
        RegressionMetrics.check(yTrue, yPred, weights);
        labels("yTrue", yTrue, k);
        labels("yPred", yPred, k);
        double[][] c = new double[k][k];
        for (int i = 0; i < yTrue.length; i++) {
            c[(int) yTrue[i]][(int) yPred[i]] += w(weights, i);
        }
        return c;
    }

    /**
     * Weighted area under the ROC curve of a binary score (any real score, higher meaning class 1 is likelier).
     *
     * @param yTrue   0/1 labels, both present (with positive weight); not modified
     * @param score   not modified
     * @param weights null or one weight ≥ 0 per row; not modified
     */
    public static double rocAuc(double[] yTrue, double[] score, double[] weights) {
        checkBinary(yTrue, score, weights, false);
        int m = yTrue.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]));
        double tp = 0;
        double fp = 0;
        double area = 0;
        double prevTp = 0;
        double prevFp = 0;
        for (int r = 0; r < m; r++) {
            int i = order[r];
            double wi = w(weights, i);
            if (yTrue[i] == 1) {
                tp += wi;
            } else {
                fp += wi;
            }
            // a point of the curve only after the last of a run of tied scores
            if (r == m - 1 || score[order[r + 1]] != score[i]) {
                area += (fp - prevFp) * (tp + prevTp) / 2;
                prevTp = tp;
                prevFp = fp;
            }
        }
        if (!(tp > 0) || !(fp > 0)) {
            throw new IllegalArgumentException("yTrue has only class " + (tp > 0 ? 1 : 0)
                    + " (with positive weight), expected both classes for ROC AUC");
        }
        return area / (tp * fp);
    }

    /**
     * Reliability diagram, unweighted: {@link #reliability(double[], double[], int, double[])}.
     */
    public static List<ReliabilityBin> reliability(double[] yTrue, double[] p, int bins) {
        return reliability(yTrue, p, bins, null);
    }

    /**
     * Reliability diagram over {@code bins} equal-width bins of [0, 1], as scikit-learn's
     * {@code calibration_curve(strategy="uniform")}: edges e_j = j·(1/bins) (e_bins = 1), and a probability equal to
     * an inner edge goes to the bin below it. Every bin is returned, empty ones with NaN means (scikit-learn drops
     * them); its non-empty bins' (observedRate, meanPredicted) are scikit-learn's (prob_true, prob_pred).
     *
     * @param yTrue   0/1 labels; not modified
     * @param p       P(y = 1) per row, in [0, 1]; not modified
     * @param bins    ≥ 1
     * @param weights null or one weight ≥ 0 per row (scikit-learn has no weighted form); not modified
     */
    public static List<ReliabilityBin> reliability(double[] yTrue, double[] p, int bins, double[] weights) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins is " + bins + ", expected >= 1");
        }
        checkBinary(yTrue, p, weights, true);
        double step = 1.0 / bins;
        double[] edges = new double[bins + 1];
        for (int j = 0; j < bins; j++) {
            edges[j] = j * step;
        }
        edges[bins] = 1;
        double[] sumP = new double[bins];
        double[] sumY = new double[bins];
        double[] sumW = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < yTrue.length; i++) {
            // numpy.searchsorted(inner edges, p, side="left"): the number of inner edges strictly below p
            int b = 0;
            while (b < bins - 1 && edges[b + 1] < p[i]) {
                b++;
            }
            double wi = w(weights, i);
            sumP[b] += wi * p[i];
            sumY[b] += wi * yTrue[i];
            sumW[b] += wi;
            count[b]++;
        }
        List<ReliabilityBin> out = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            boolean empty = !(sumW[b] > 0);
            out.add(new ReliabilityBin(edges[b], edges[b + 1], empty ? Double.NaN : sumP[b] / sumW[b],
                    empty ? Double.NaN : sumY[b] / sumW[b], count[b], sumW[b]));
        }
        return out;
    }

    private static double checkBinary(double[] yTrue, double[] p, double[] weights, boolean probabilities) {
        double total = RegressionMetrics.check(yTrue, p, weights);
        labels("yTrue", yTrue, 2);
        if (probabilities) {
            for (int i = 0; i < p.length; i++) {
                if (!(p[i] >= 0 && p[i] <= 1)) {
                    throw new IllegalArgumentException("p has " + p[i] + " at index " + i
                            + ", expected a probability in [0, 1]");
                }
            }
        }
        return total;
    }

    private static void labels(String name, double[] y, int k) {
        for (int i = 0; i < y.length; i++) {
            double v = y[i];
            if (!(v >= 0 && v < k && v == Math.rint(v))) {
                throw new IllegalArgumentException(name + " has " + v + " at index " + i + ", expected a class label "
                        + (k == 2 ? "0 or 1" : "0 to " + (k - 1)));
            }
        }
    }

    private static double w(double[] weights, int i) {
        return weights == null ? 1 : weights[i];
    }
}
