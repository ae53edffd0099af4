package dev.linea.cli;

import dev.linea.kernels.Backend;
import dev.linea.models.ClassLabels;
import dev.linea.models.Dataset;
import dev.linea.models.LinearModel;
import dev.linea.models.logistic.SoftmaxModel;
import dev.linea.models.logistic.SoftmaxOptions;
import dev.linea.models.logistic.SoftmaxResult;
import dev.linea.models.metrics.ClassificationMetrics;
import dev.linea.models.preprocessing.Preprocessing;
import dev.linea.models.preprocessing.StandardScaler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code linea fit --model softmax}: one linear predictor per class, printed side by side. */
final class Softmax {
    private Softmax() {
    }

    /** The softmax fit of d with the options given (also cross-validation's, fold by fold). */
    static SoftmaxResult fit(Dataset d, Backend b, EstimatorOptions est) {
        return new dev.linea.models.logistic.SoftmaxRegression(est.softmax(), b).fit(d);
    }

    /**
     * @param pre     the steps from the data's columns to d's features (the model file records them with the
     *                predictor as fitted)
     * @param test    held-out rows on the original (unstandardized) scale, or null
     * @param heldOut how they were chosen, for the output
     */
    static int fitAndPrint(Dataset d, Backend b, EstimatorOptions est, StandardScaler scaler, Preprocessing pre,
                           ClassLabels labels, boolean json, String source, java.nio.file.Path save, Dataset test,
                           String heldOut) {
        ClassLabels names = labels != null ? labels : ClassLabels.indices(Math.max(2, (int) max(d) + 1));
        SoftmaxResult r = fit(d, b, est);
        SoftmaxModel m = r.model();
        int k = m.classCount();
        double[][] coef = m.coefficients();
        double[] icpt = m.intercepts();
        if (scaler != null) {
            // Each class's predictor maps back to the original feature scale on its own.
            for (int c = 0; c < k; c++) {
                LinearModel back = scaler.toOriginalScale(new LinearModel(icpt[c], coef[c], m.featureNames(), null));
                coef[c] = back.coefficients();
                icpt[c] = back.intercept();
            }
        }
        // m predicts on the data it was fitted on (standardized or not), and is what the model file keeps, with
        // the standardization as a step; coef and icpt (printed) are on the original scale.
        int rows = d.rows();
        double[][] probs = new double[rows][k];
        double[] pred = new double[rows];
        double[] row = new double[d.cols()];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d.cols(); j++) {
                row[j] = d.x(i, j);
            }
            m.predictProbabilities(row, probs[i]);
            pred[i] = m.predict(row);
        }
        double[] y = d.copyY();
        double[] w = d.weighted() ? d.copyWeights() : null;
        for (double[] p : probs) {
            FiniteOutput.predictions(p, "class probability");
        }
        for (int c = 0; c < k; c++) {
            FiniteOutput.coefficients(icpt[c], coef[c], m.featureNames());
        }
        double accuracy = FiniteOutput.metric("accuracy", ClassificationMetrics.accuracy(y, pred, w));
        double logLoss = FiniteOutput.metric("log loss", ClassificationMetrics.logLoss(y, probs, w));
        Map<String, Object> heldOutMetrics = test == null ? null : HeldOut.metrics(scaler == null ? m
                : new SoftmaxModel(coef, icpt, m.featureNames(), r.report()), test); // the original scale
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("model", "softmax");
            root.put("target", d.targetName());
            root.put("classes", k);
            List<Map<String, Object>> classes = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("class", names.label(c));
                cm.put("intercept", icpt[c]);
                Map<String, Object> cs = new LinkedHashMap<>();
                for (int j = 0; j < d.cols(); j++) {
                    cs.put(m.featureNames().get(j), coef[c][j]);
                }
                cm.put("coefficients", cs);
                classes.add(cm);
            }
            root.put("per_class", classes);
            root.put("training_metrics", Map.of("accuracy", accuracy, "log_loss", logLoss));
            if (heldOutMetrics != null) {
                root.put("held_out", Map.of("rows", test.rows(), "from", heldOut));
                root.put("held_out_metrics", heldOutMetrics);
            }
            root.put("class_labels", names.labels());
            root.put("confusion_matrix", ClassificationMetrics.confusionMatrix(y, pred, k));
            root.put("report", Reports.toMap(r.report()));
            System.out.println(Json.write(root));
            return saveIfConverged(r, pre, labels, d, save);
        }
        System.out.printf(Locale.ROOT, "softmax on %s: %d rows, %d features, %d classes, target '%s'%n", source, rows,
                d.cols(), k, d.targetName());
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-24s", "term"));
        for (int c = 0; c < k; c++) {
            h.append(String.format(Locale.ROOT, " %14s", "class " + names.label(c)));
        }
        System.out.println(h);
        StringBuilder ib = new StringBuilder(String.format(Locale.ROOT, "%-24s", "(intercept)"));
        for (int c = 0; c < k; c++) {
            ib.append(String.format(Locale.ROOT, " %14.6g", icpt[c]));
        }
        System.out.println(ib);
        for (int j = 0; j < d.cols(); j++) {
            StringBuilder l = new StringBuilder(String.format(Locale.ROOT, "%-24s", m.featureNames().get(j)));
            for (int c = 0; c < k; c++) {
                l.append(String.format(Locale.ROOT, " %14.6g", coef[c][j]));
            }
            System.out.println(l);
        }
        System.out.printf(Locale.ROOT, "training: accuracy %.4f  log loss %.6g%n", accuracy, logLoss);
        if (heldOutMetrics != null) {
            System.out.printf(Locale.ROOT, "held-out (%d rows, %s): accuracy %.4f  log loss %.6g%n", test.rows(),
                    heldOut, (Double) heldOutMetrics.get("accuracy"), (Double) heldOutMetrics.get("log_loss"));
        }
        FitCommand.printConfusion(names.labels(), ClassificationMetrics.confusionMatrix(y, pred, k));
        System.out.println(r.report());
        return saveIfConverged(r, pre, labels, d, save);
    }

    /** The largest class index in the target (classes known by index only, without labels). */
    private static double max(Dataset d) {
        double m = 0;
        for (int i = 0; i < d.rows(); i++) {
            m = Math.max(m, d.y(i));
        }
        return m;
    }

    /** A fit that did not converge exits 1 and writes no model file. */
    private static int saveIfConverged(SoftmaxResult r, Preprocessing pre, ClassLabels labels, Dataset d,
                                       java.nio.file.Path save) {
        if (!r.report().converged()) {
            System.err.println("linea fit: the fit did not converge (exit 1)" + (save == null ? ""
                    : "; no model file written to " + save));
            return 1;
        }
        if (save != null) {
            dev.linea.models.io.ModelFiles.save(r.predictor(), pre, labels, d.targetName(), d.rows(), save);
            System.err.println("linea fit: model saved to " + save);
        }
        return 0;
    }
}
