package dev.linea.cli;

import dev.linea.kernels.Backend;
import dev.linea.models.Dataset;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.metrics.RegressionReport;
import dev.linea.models.scoring.Response;
import dev.linea.models.scoring.Scorer;
import dev.linea.models.preprocessing.PolynomialFeatures;
import dev.linea.models.preprocessing.ScalerOptions;
import dev.linea.models.preprocessing.StandardScaler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit a linear model to a CSV (or an embedded dataset) and print coefficients, training "
                + "metrics and the fit report.")
final class FitCommand implements Callable<Integer> {

    /** The estimators this command knows. */
    enum Model { ols, ridge, ridgecv, gd, lasso, elasticnet, poisson, gamma, tweedie, huber, logistic, softmax }

    @Mixin
    DataOptions data;
    @Mixin
    BackendOption backend;
    @Mixin
    EstimatorOptions est;

    @Mixin
    Progress.Option progress;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
            description = "Model: ${COMPLETION-CANDIDATES} (default ols).")
    Model model = Model.ols;

    @Option(names = "--poly", paramLabel = "D",
            description = "Expand the features into all monomials up to degree D (names like x1^2, x1*x2).")
    Integer poly;

    @Option(names = "--interaction-only", description = "With --poly: products of distinct features only.")
    boolean interactionOnly;

    @Option(names = "--standardize",
            description = "Standardize the features on the training data before fitting; coefficients are "
                    + "reported on the original scale.")
    boolean standardize;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--save", paramLabel = "MODEL.json", description = "Save the fitted model to a JSON model file.")
    java.nio.file.Path save;

    @Override
    public Integer call() {
        Dataset raw = data.load();
        Backend b = backend.resolve();
        Dataset d = raw;
        ModelFiles.Preprocessing pre = null;
        if (poly != null) {
            PolynomialFeatures pf = new PolynomialFeatures(poly, interactionOnly, false);
            d = pf.transform(raw);
            pre = new ModelFiles.Preprocessing(raw.featureNames(), pf);
        } else if (interactionOnly) {
            throw new IllegalArgumentException("--interaction-only needs --poly D");
        }
        StandardScaler scaler = null;
        Dataset fitData = d;
        if (standardize) {
            scaler = StandardScaler.fit(d, ScalerOptions.defaults().withMean(!est.noIntercept));
            fitData = scaler.transform(d);
        }
        if (model == Model.softmax) {
            if (poly != null && save != null) {
                throw new IllegalArgumentException("--save with --poly: softmax model files hold no expansion yet; "
                        + "save without --poly");
            }
            return Softmax.fitAndPrint(fitData, b, est, scaler, json, data.data, save);
        }
        Progress bar = progress.start("linea fit " + model);
        Estimators.Fitted f;
        try {
            f = Estimators.fit(model, fitData, b, est);
        } finally {
            bar.done();
        }
        if (scaler != null) {
            f = f.withModel(scaler.toOriginalScale(f.model()));
            f.extra().put("standardized", "features centred and scaled on the training data; coefficients shown on "
                    + "the original scale");
        }
        print(d, f);
        if (save != null) {
            ModelFiles.save(f.model(), d.targetName(), d.rows(), pre, f.family(), f.link(), save);
            System.err.println("linea fit: model saved to " + save);
        }
        return f.report().converged() ? 0 : 1;
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

    private void print(Dataset d, Estimators.Fitted f) {
        double[] pred = new double[d.rows()];
        Scorer.of(f.model(), Response.ofLink(f.link())).score(d.xUnsafe(), 0, d.rows(), pred, 0);
        boolean classifier = f.link().equals("logit");
        Map<String, Object> metrics = classifier ? classificationMetrics(d, pred) : metrics(RegressionReport.of(
                d.copyY(), pred, d.weighted() ? d.copyWeights() : null, d.cols()));
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
        StringBuilder line = new StringBuilder("training:");
        metrics.forEach((k, v) -> line.append("  ").append(LABELS.getOrDefault(k, k)).append(' ')
                .append(v instanceof Double x ? String.format(Locale.ROOT, "%.6g", x) : v == null ? "undefined" : v));
        System.out.println(line);
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

    /** Accuracy, log loss, Brier score and ROC AUC of probabilities p against 0/1 labels (weighted when d is). */
    static Map<String, Object> classificationMetrics(Dataset d, double[] p) {
        double[] y = d.copyY();
        double[] w = d.weighted() ? d.copyWeights() : null;
        double[] label = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            label[i] = p[i] > 0.5 ? 1 : 0;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accuracy", dev.linea.models.metrics.ClassificationMetrics.accuracy(y, label, w));
        out.put("log_loss", dev.linea.models.metrics.ClassificationMetrics.logLoss(y, p, w));
        out.put("brier", dev.linea.models.metrics.ClassificationMetrics.brierScore(y, p, w));
        out.put("roc_auc", dev.linea.models.metrics.ClassificationMetrics.rocAuc(y, p, w));
        return out;
    }

    /** Labels of the metrics' JSON keys on the text output. */
    private static final Map<String, String> LABELS = Map.of("r_squared", "R²", "adjusted_r_squared", "adjusted R²",
            "mse", "MSE", "rmse", "RMSE", "mae", "MAE", "mape", "MAPE", "accuracy", "accuracy", "log_loss", "log loss",
            "brier", "Brier", "roc_auc", "ROC AUC");

    static Map<String, Object> metrics(RegressionReport m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("r_squared", finite(m.r2()));
        out.put("adjusted_r_squared", finite(m.adjustedR2()));
        out.put("mse", finite(m.mse()));
        out.put("rmse", finite(m.rmse()));
        out.put("mae", finite(m.mae()));
        out.put("mape", finite(m.mape()));
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
