package dev.linea.cli;

import dev.linea.kernels.Backend;
import dev.linea.models.ClassLabels;
import dev.linea.models.Dataset;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.metrics.RegressionReport;
import dev.linea.models.LinearPredictor;
import dev.linea.models.glm.Link;
import dev.linea.models.preprocessing.Preprocessing;
import dev.linea.models.scoring.Scorer;
import dev.linea.models.preprocessing.PolynomialFeatures;
import dev.linea.models.preprocessing.ScalerOptions;
import dev.linea.models.preprocessing.StandardScaler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code linea fit}: fit a model to a CSV and print its coefficients, training metrics and fit report. The
 * pipeline is: load, expand polynomially ({@code --poly}), standardize on the training data
 * ({@code --standardize}), fit, map the coefficients back to the unstandardized (expanded) features.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Fit a linear model to a CSV (or an embedded dataset) and print coefficients, training "
                + "metrics and the fit report. Each model takes only its own estimator options "
                + "(fit --model M --help lists them); any other is refused.")
final class FitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;
    @Mixin
    BackendOption backend;
    @Mixin
    EstimatorOptions est;
    @Mixin
    TableOptions table;

    @Mixin
    Progress.Option progress;

    @Mixin
    SparseOptions sparse;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
            description = "Model: ${COMPLETION-CANDIDATES} (default ols).")
    Estimator model = Estimator.ols;

    @Option(names = "--poly", paramLabel = "D",
            description = "Expand the features (not an --offset column) into all monomials up to degree D "
                    + "(names like x1^2, x1*x2).")
    Integer poly;

    @Option(names = "--interaction-only", description = "With --poly: products of distinct features only.")
    boolean interactionOnly;

    @Option(names = "--standardize",
            description = "Standardize the features on the training data before fitting; coefficients are "
                    + "reported on the original scale.")
    boolean standardize;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--save", paramLabel = "MODEL.json",
            description = "Save the fitted model to a JSON model file (only when the fit succeeds: exit 0).")
    java.nio.file.Path save;

    /** The training table as read and encoded (for the report). */
    private dev.linea.models.preprocessing.TableEncoder.Encoded encoded;
    /** With --formula: the fitted formula (for the report). */
    private dev.linea.models.formula.DesignPlan.Fitted formula;

    @Override
    public Integer call() {
        try {
            return fit();
        } catch (IllegalArgumentException e) {
            throw est.testFraction == null ? data.withLine(e) : e;
        }
    }

    private Integer fit() {
        if (sparse.active()) { // a LIBSVM file or hashed text columns: a sparse design, never densified
            return SparseFit.fit(this);
        }
        model.checkFit(EstimatorOptions.given(spec), est);
        if (interactionOnly && poly == null) {
            throw new IllegalArgumentException("--interaction-only needs --poly D");
        }
        if (save != null) {
            UserFiles.requireWritable(save, "--save");
        }
        if (table.formula != null && poly != null) {
            throw new IllegalArgumentException("--poly with --formula, expected one of them (write the terms in the "
                    + "formula: a*b, I(a^2))");
        }
        TableOptions.Table loaded = table.load(data, model, est);
        ClassLabels labels = loaded.labels();
        encoded = loaded.encoded();
        formula = loaded.formula();
        Dataset raw = loaded.data();
        Backend b = backend.resolve();
        Dataset test = est.test == null ? null : table.loadTest(data, loaded, est.test);
        // The offset is a role, not a feature: it leaves the design before any expansion or scaling.
        double[] offset = null;
        double[] testOffset = null;
        if (est.offset != null) {
            Dataset.ColumnSplit split = splitOffset(raw, est.offset);
            offset = split.column();
            raw = split.rest();
            if (test != null) {
                int tc = test.featureNames().indexOf(est.offset);
                if (tc < 0) {
                    throw new IllegalArgumentException("--test " + est.test + " has no offset column '" + est.offset
                            + "', expected the columns of the data");
                }
                Dataset.ColumnSplit testSplit = test.splitOffColumn(tc);
                testOffset = testSplit.column();
                test = testSplit.rest();
            }
        }
        String heldOut = null;
        if (test != null) {
            test = HeldOut.align(test, raw.featureNames(), est.test.toString());
            heldOut = "--test " + est.test;
        } else if (est.testFraction != null) {
            long seed = est.seedOrDefault();
            HeldOut.Part[] parts = HeldOut.split(raw, offset, est.testFraction, seed, model.classifier());
            raw = parts[0].data();
            offset = parts[0].offset();
            test = parts[1].data();
            testOffset = parts[1].offset();
            heldOut = "--test-fraction " + est.testFraction + (model.classifier() ? ", stratified by class" : "")
                    + ", seed " + seed;
        }
        Dataset d = raw;
        // The steps from the CSV's columns to the features the estimator sees, recorded for the model file
        Preprocessing pre = loaded.preprocessing(raw, est.offset);
        if (poly != null) {
            PolynomialFeatures pf = new PolynomialFeatures(poly, interactionOnly, false);
            requireExpansionFits(raw, pf);
            d = pf.transform(raw);
            pre = pre.then(new Preprocessing.Polynomial(pf));
            if (test != null) {
                test = pf.transform(test);
            }
        }
        StandardScaler scaler = null;
        Dataset fitData = d;
        if (standardize) {
            scaler = StandardScaler.fit(d, ScalerOptions.defaults().withMean(!est.noIntercept));
            fitData = scaler.transform(d);
            pre = pre.then(Preprocessing.Standardization.of(scaler));
        }
        if (model == Estimator.softmax) {
            if (poly != null && save != null) {
                throw new IllegalArgumentException("--save with --poly: softmax model files hold no expansion yet; "
                        + "save without --poly");
            }
            return Softmax.fitAndPrint(fitData, b, est, scaler, pre, labels, json, data.data, save, test, heldOut);
        }
        Progress bar = progress.start("linea fit " + model);
        Estimators.Fitted f;
        try {
            f = model.fitter.fit(model, fitData, offset, b, est);
        } finally {
            bar.done();
        }
        // The model file keeps the predictor on the scale it was fitted on, with the standardization as a step
        LinearPredictor fitted = f.predictor();
        if (scaler != null) {
            f = f.withModel(scaler.toOriginalScale(f.model()));
            f.extra().put("standardized", "features centred and scaled on the training data; coefficients shown on "
                    + "the original scale");
        }
        FiniteOutput.coefficients(f.model());
        Map<String, Object> heldOutMetrics = test == null ? null : HeldOut.metrics(f, test, testOffset);
        print(d, offset, f, labels, heldOut, test == null ? 0 : test.rows(), heldOutMetrics);
        if (!f.report().converged()) {
            System.err.println("linea fit: the fit did not converge (exit 1)" + (save == null ? ""
                    : "; no model file written to " + save));
            return 1;
        }
        if (save != null) {
            ModelFiles.save(fitted, pre, labels, d.targetName(), d.rows(), save);
            System.err.println("linea fit: model saved to " + save);
        }
        return 0;
    }

    /**
     * The option list of {@code fit --help}: with {@code --model M}, only the estimator options M takes (and every
     * data, output and preprocessing option); without, all of them.
     */
    String optionList(picocli.CommandLine.Help help) {
        picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (parsed == null || !parsed.hasMatchedOption("--model")) {
            return help.optionList();
        }
        java.util.Set<String> estimatorOptions = new java.util.HashSet<>();
        spec.mixins().get("est").options().forEach(o -> estimatorOptions.add(o.longestName()));
        List<picocli.CommandLine.Model.OptionSpec> shown = new ArrayList<>();
        for (picocli.CommandLine.Model.OptionSpec o : spec.options()) {
            if (!estimatorOptions.contains(o.longestName()) || model.takes(o.longestName())) {
                shown.add(o);
            }
        }
        return "(options of --model " + model + ": " + model.summary + ")\n" + help.optionListExcludingGroups(shown);
    }

    /**
     * Refuses an expansion that would not fit in the heap, before building it: the m × p design and the copy most
     * solvers make of it (centred, scaled or with a ones column), and the p × p cross-product that the normal
     * equations, IRLS, Newton and the covariance lasso form, with its factor.
     */
    private static void requireExpansionFits(Dataset raw, PolynomialFeatures pf) {
        long p = pf.outputColumns(raw.cols());
        MemoryBudget.require("--poly " + pf.degree() + (pf.interactionOnly() ? " --interaction-only" : "")
                        + " expands " + raw.cols() + " columns into " + p + ": the " + raw.rows() + " × " + p
                        + " design (and a copy) with a " + p + " × " + p + " cross-product (and its factor)",
                2.0 * raw.rows() * p + 2.0 * p * p, "use a lower degree, --interaction-only or fewer columns");
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String option) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.replace('-', '_'))) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException(option + " = '" + value + "', expected one of " + names);
    }

    /**
     * The fitted values on the training rows: the inverse link of b + xβ (+ the offset), from the design without the
     * offset column.
     */
    static double[] fittedValues(Dataset d, double[] offset, Estimators.Fitted f) {
        double[] pred = new double[d.rows()];
        Scorer scorer = Scorer.of(f.predictor());
        if (offset == null) {
            scorer.score(d.xUnsafe(), 0, d.rows(), pred, 0);
        } else {
            scorer.score(d.xUnsafe(), 0, d.rows(), offset, 0, pred, 0);
        }
        return pred;
    }

    private void print(Dataset d, double[] offset, Estimators.Fitted f, ClassLabels labels, String heldOut,
                       int heldOutRows, Map<String, Object> heldOutMetrics) {
        double[] pred = fittedValues(d, offset, f);
        FiniteOutput.predictions(pred, "fitted value");
        boolean classifier = f.predictor().link() == Link.LOGIT;
        Map<String, Object> metrics = classifier ? classificationMetrics(d, pred) : metrics(RegressionReport.of(
                d.copyY(), pred, d.weighted() ? d.copyWeights() : null, d.cols()));
        FiniteOutput.extras(f.extra());
        Object inference = f.extra().remove("inference");
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("model", f.name());
            root.put("target", d.targetName());
            root.put("rows", d.rows());
            root.put("intercept", f.model().intercept());
            Map<String, Object> coefs = new LinkedHashMap<>();
            for (int j = 0; j < f.model().featureCount(); j++) {
                coefs.put(f.model().featureNames().get(j), f.model().coefficient(j));
            }
            root.put("coefficients", coefs);
            root.put("training_metrics", metrics);
            if (labels != null) {
                root.put("classes", labels.labels());
                root.put("positive_class", labels.positive());
                root.put("confusion_matrix", confusion(d, pred, labels));
            }
            if (encoded != null) {
                root.put("encoding", DataOptions.describeJson(encoded));
            }
            if (formula != null) {
                root.put("formula", formula.plan().formula().text());
            }
            if (heldOutMetrics != null) {
                root.put("held_out", Map.of("rows", heldOutRows, "from", heldOut));
                root.put("held_out_metrics", heldOutMetrics);
            }
            root.putAll(f.extra());
            if (inference instanceof dev.linea.models.logistic.LogisticInference li) {
                Map<String, Object> inf = li.toMap();
                inf.put("scale", standardize ? "per standard deviation (standardized fit)" : "per unit of each feature");
                root.put("inference", inf);
            }
            root.put("report", Reports.toMap(f.report()));
            System.out.println(Json.write(root));
            return;
        }
        System.out.printf(Locale.ROOT, "%s on %s: %d rows, %d features, target '%s'%n", f.name(), data.data,
                d.rows(), d.cols(), d.targetName());
        System.out.printf(Locale.ROOT, "%-24s %16s%n", "term", "coefficient");
        System.out.printf(Locale.ROOT, "%-24s %16.8g%n", "(intercept)", f.model().intercept());
        for (int j = 0; j < f.model().featureCount(); j++) {
            System.out.printf(Locale.ROOT, "%-24s %16.8g%n", f.model().featureNames().get(j),
                    f.model().coefficient(j));
        }
        System.out.println(metricLine("training:", metrics));
        if (formula != null) {
            // the encoding codes a formula's categorical columns fully; the formula keeps the indicators it needs
            System.out.println("formula: " + formula.plan().formula().text() + " (categorical columns: treatment "
                    + "coding against the first level, or Treatment('…'), where the term without them is in the model)");
        }
        if (encoded != null) {
            DataOptions.describe(encoded).forEach(l -> System.out.println(formula != null && l.startsWith("categorical")
                    ? l.replace("full coding (one dummy per level)", "levels of the formula's indicators") : l));
        }
        if (labels != null) {
            System.out.println("classes: " + labels.label(0) + " (negative), " + labels.positive() + " (positive: "
                    + "the coefficients model the log-odds of " + labels.positive() + ")");
            printConfusion(labels.labels(), confusion(d, pred, labels));
        }
        if (heldOutMetrics != null) {
            System.out.println(metricLine("held-out (" + heldOutRows + " rows, " + heldOut + "):", heldOutMetrics));
        }
        if (inference instanceof dev.linea.models.logistic.LogisticInference li) {
            if (standardize) {
                System.out.println("inference of the standardized fit (coefficients and odds ratios per standard "
                        + "deviation of each feature):");
            }
            System.out.print(li.summary());
        }
        f.extra().forEach((k, v) -> System.out.println(k + ": " + v));
        System.out.println(f.report());
    }

    /** The training confusion matrix of a binary classifier (rows: true class, columns: predicted; p > 0.5). */
    private static long[][] confusion(Dataset d, double[] p, ClassLabels labels) {
        double[] predicted = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            predicted[i] = p[i] > 0.5 ? 1 : 0;
        }
        return dev.linea.models.metrics.ClassificationMetrics.confusionMatrix(d.copyY(), predicted, labels.count());
    }

    /** A confusion matrix with the class labels as row and column heads. */
    static void printConfusion(List<String> labels, long[][] cm) {
        int width = 6;
        for (String l : labels) {
            width = Math.max(width, l.length());
        }
        System.out.println("confusion matrix (rows: true class, columns: predicted):");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s", ""));
        for (String l : labels) {
            head.append(String.format(Locale.ROOT, " %" + width + "s", l));
        }
        System.out.println(head);
        for (int r = 0; r < cm.length; r++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s", labels.get(r)));
            for (long v : cm[r]) {
                line.append(String.format(Locale.ROOT, " %" + width + "d", v));
            }
            System.out.println(line);
        }
    }

    /** @return the text output's label of a metric's JSON key */
    static String label(String key) {
        return LABELS.getOrDefault(key, key);
    }

    /** One line of metrics: a title, then each metric's label and value ("undefined" when it is null). */
    static String metricLine(String title, Map<String, Object> metrics) {
        StringBuilder line = new StringBuilder(title);
        metrics.forEach((k, v) -> line.append("  ").append(LABELS.getOrDefault(k, k)).append(' ')
                .append(v instanceof Double x ? String.format(Locale.ROOT, "%.6g", x) : v == null ? "undefined" : v));
        return line.toString();
    }

    /** Accuracy, log loss, Brier score and ROC AUC of probabilities p against 0/1 labels (weighted when d is). */
    static Map<String, Object> classificationMetrics(Dataset d, double[] p) {
        double[] y = d.copyY();
        double[] w = d.weighted() ? d.copyWeights() : null;
        double[] label = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            label[i] = p[i] > 0.5 ? 1 : 0;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accuracy", FiniteOutput.metric("accuracy",
                dev.linea.models.metrics.ClassificationMetrics.accuracy(y, label, w)));
        out.put("log_loss", FiniteOutput.metric("log loss",
                dev.linea.models.metrics.ClassificationMetrics.logLoss(y, p, w)));
        out.put("brier", FiniteOutput.metric("Brier score",
                dev.linea.models.metrics.ClassificationMetrics.brierScore(y, p, w)));
        out.put("roc_auc", FiniteOutput.orUndefined(dev.linea.models.metrics.ClassificationMetrics.rocAuc(y, p, w)));
        return out;
    }

    /** Labels of the metrics' JSON keys on the text output. */
    private static final Map<String, String> LABELS = Map.of("r_squared", "R²", "adjusted_r_squared", "adjusted R²",
            "mse", "MSE", "rmse", "RMSE", "mae", "MAE", "mape", "MAPE", "accuracy", "accuracy", "log_loss", "log loss",
            "brier", "Brier", "roc_auc", "ROC AUC");

    /**
     * The regression metrics; R², adjusted R² and MAPE may be undefined (null, printed "undefined": a constant
     * target, no residual degrees of freedom, a zero target), the errors must be finite.
     */
    static Map<String, Object> metrics(RegressionReport m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("r_squared", FiniteOutput.orUndefined(m.r2()));
        out.put("adjusted_r_squared", FiniteOutput.orUndefined(m.adjustedR2()));
        out.put("mse", FiniteOutput.metric("MSE", m.mse()));
        out.put("rmse", FiniteOutput.metric("RMSE", m.rmse()));
        out.put("mae", FiniteOutput.metric("MAE", m.mae()));
        out.put("mape", FiniteOutput.orUndefined(m.mape()));
        return out;
    }

    /**
     * The --offset column moved out of a freshly read dataset's own storage (no second m×n matrix); the dataset is
     * consumed.
     */
    static Dataset.ColumnSplit splitOffset(Dataset raw, String name) {
        int c = raw.featureNames().indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("--offset '" + name + "' is not a column, expected one of "
                    + raw.featureNames());
        }
        return raw.splitOffColumn(c);
    }
}
