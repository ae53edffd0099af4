package dev.linea.cli;

import dev.linea.models.Dataset;
import dev.linea.models.inference.OlsInference;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsResult;
import dev.linea.models.ols.OlsSolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code linea summary}: the OLS inference table (statsmodels style). */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Fit OLS and print its inference table: coefficients with standard errors, t, p-values and "
                + "confidence intervals, R², F, log-likelihood, AIC/BIC, condition number, VIF, Durbin-Watson, "
                + "Jarque-Bera.")
final class SummaryCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;
    @Mixin
    BackendOption backend;

    @Option(names = "--no-intercept", description = "Fit without an intercept.")
    boolean noIntercept;

    @Option(names = "--solver", paramLabel = "S", description = "auto, normal_equations, qr or pivoted_qr (default auto).")
    OlsSolver solver = OlsSolver.AUTO;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
            description = "ols (default), or a GLM: poisson, gamma, tweedie (statsmodels' GLM summary).")
    String model = "ols";

    @Option(names = "--link", paramLabel = "L", description = "GLMs: log, identity or inverse.")
    String link;

    @Option(names = "--power", paramLabel = "P", description = "tweedie: the variance power (default 1.5).")
    Double power;

    @Option(names = "--level", paramLabel = "L", description = "Confidence level of the intervals (default 0.95).")
    double level = 0.95;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--per-observation", description = "With --json: include residuals, leverage and Cook's distance.")
    boolean perObservation;

    @Override
    public Integer call() {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("--level = " + level + ", expected a number in (0, 1)");
        }
        String m = model.toLowerCase(java.util.Locale.ROOT);
        if (m.equals("ols") && (link != null || power != null)) {
            throw new IllegalArgumentException((link != null ? "--link" : "--power") + " does not apply to "
                    + "linea summary --model ols (it takes --solver, --no-intercept, --level)");
        }
        if (!m.equals("ols") && solver != OlsSolver.AUTO) {
            throw new IllegalArgumentException("--solver does not apply to linea summary --model " + m
                    + " (GLMs are fitted by IRLS; it takes --link" + (m.equals("tweedie") ? ", --power" : "") + ")");
        }
        if (power != null && !m.equals("tweedie")) {
            throw new IllegalArgumentException("--power does not apply to linea summary --model " + m
                    + " (the Tweedie variance power: --model tweedie)");
        }
        Dataset d = data.load();
        if (!m.equals("ols")) {
            return glm(d);
        }
        OlsOptions options = OlsOptions.defaults().withSolver(solver).withIntercept(!noIntercept);
        OlsResult r = new LinearRegression(options, backend.resolve()).fit(d);
        OlsInference inf = r.inference(1 - level);
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("model", "ols");
            root.put("report", Reports.toMap(r.report()));
            root.put("dropped_features", r.droppedFeatures());
            root.put("inference", inf.toMap(perObservation));
            System.out.println(Json.write(root));
        } else {
            System.out.println(inf.summary());
            System.out.println(r.report());
        }
        return 0;
    }

    private int glm(Dataset d) {
        dev.linea.models.glm.Family family = switch (model.toLowerCase(java.util.Locale.ROOT)) {
            case "poisson" -> new dev.linea.models.glm.Poisson();
            case "gamma" -> new dev.linea.models.glm.Gamma();
            case "tweedie" -> new dev.linea.models.glm.Tweedie(power == null ? 1.5 : power);
            default -> throw new IllegalArgumentException("--model = '" + model
                    + "', expected ols, poisson, gamma or tweedie");
        };
        dev.linea.models.glm.GlmOptions g = dev.linea.models.glm.GlmOptions.of(family).withIntercept(!noIntercept);
        if (link != null) {
            g = g.withLink(FitCommand.parseEnum(dev.linea.models.glm.Link.class, link, "--link"));
        }
        dev.linea.models.glm.GlmResult r = new dev.linea.models.glm.GeneralizedLinearModel(g, backend.resolve()).fit(d);
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("model", model.toLowerCase(java.util.Locale.ROOT));
            root.put("report", Reports.toMap(r.report()));
            root.put("glm", r.toMap());
            System.out.println(Json.write(root));
        } else {
            System.out.println(r.summary());
            System.out.println(r.report());
        }
        return r.converged() ? 0 : 1;
    }
}
