package dev.linea.cli;

import dev.linea.kernels.Backend;
import dev.linea.models.Dataset;
import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsResult;
import dev.linea.models.ols.OlsSolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code linea fit}: fit a model to a CSV and print its coefficients, training metrics and fit report. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit a linear model to a CSV (or an embedded dataset) and print coefficients, training "
                + "metrics and the fit report.")
final class FitCommand implements Callable<Integer> {

    /** The estimators this command knows. */
    enum Model { ols }

    @Mixin
    DataOptions data;
    @Mixin
    BackendOption backend;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", description = "Model: ${COMPLETION-CANDIDATES} (default ols).")
    Model model = Model.ols;

    @Option(names = "--no-intercept", description = "Fit without an intercept.")
    boolean noIntercept;

    @Option(names = "--solver", paramLabel = "S",
            description = "OLS solver: auto, normal_equations, qr or pivoted_qr (default auto).")
    String solver = "auto";

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--save", paramLabel = "MODEL.json", description = "Save the fitted model to a JSON model file.")
    java.nio.file.Path save;

    @Override
    public Integer call() {
        Dataset d = data.load();
        Backend b = backend.resolve();
        Fitted f = switch (model) {
            case ols -> fitOls(d, b);
        };
        print(d, f);
        if (save != null) {
            dev.linea.models.io.ModelFiles.save(f.model(), d.targetName(), d.rows(), save);
            System.err.println("linea fit: model saved to " + save);
        }
        return f.report().converged() ? 0 : 1;
    }

    private Fitted fitOls(Dataset d, Backend b) {
        OlsSolver s = parseEnum(OlsSolver.class, solver, "--solver");
        OlsOptions options = OlsOptions.defaults().withSolver(s).withIntercept(!noIntercept);
        OlsResult r = new LinearRegression(options, b).fit(d);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("dropped_features", r.droppedFeatures());
        return new Fitted("ols", r.model(), r.report(), extra);
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

    /** A fitted model with its report and model-specific extras for the output. */
    record Fitted(String name, LinearModel model, FitReport report, Map<String, Object> extra) {
    }

    private void print(Dataset d, Fitted f) {
        double[] pred = new double[d.rows()];
        f.model().predict(d.rows(), d.xUnsafe(), 0, Math.max(1, d.cols()), pred, 0);
        TrainingMetrics m = TrainingMetrics.of(d, pred);
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
            root.put("training_metrics", m.toMap());
            root.putAll(f.extra());
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
        System.out.printf(Locale.ROOT, "training: R² %.6f  RMSE %.6g  MAE %.6g%n", m.r2(), m.rmse(), m.mae());
        f.extra().forEach((k, v) -> System.out.println(k + ": " + v));
        System.out.println(f.report());
    }
}
