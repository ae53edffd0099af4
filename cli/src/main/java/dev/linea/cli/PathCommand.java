package dev.linea.cli;

import dev.linea.models.Dataset;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code linea path}: the whole lasso / elastic-net regularization path. */
@Command(name = "path", mixinStandardHelpOptions = true,
        description = "Fit the whole lasso or elastic-net path (glmnet's λ sequence) and print λ, the number of "
                + "non-zero coefficients and the deviance ratio per λ (--json: every coefficient too).")
final class PathCommand implements Callable<Integer> {
    enum Model { lasso, elasticnet }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data;
    @Mixin
    BackendOption backend;
    @Mixin
    EstimatorOptions est;

    @Mixin
    Progress.Option progress;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", description = "lasso (default) or elasticnet.")
    Model model = Model.lasso;

    @Option(names = "--json", description = "Print JSON with every λ's coefficients.")
    boolean json;

    @Override
    public Integer call() {
        List<String> takes = new ArrayList<>(List.of("--no-intercept", "--n-lambda", "--tol", "--max-iter"));
        if (model == PathCommand.Model.elasticnet) {
            takes.add("--l1-ratio");
        }
        Estimator.checkOnly("linea path --model " + model, takes, EstimatorOptions.given(spec));
        Dataset d = data.load(true, !est.noIntercept).data(); // penalized: full coding of categorical columns
        est.requirePathFits(d.cols(), 1);
        Progress bar = progress.start("linea path " + model);
        ElasticNetPath p;
        try {
            p = new ElasticNet(est.elasticNet(model == Model.lasso), backend.resolve()).fit(d);
        } finally {
            bar.done();
        }
        for (int k = 0; k < p.size(); k++) {
            FiniteOutput.metric("λ of step " + (k + 1), p.lambda(k));
            FiniteOutput.metric("deviance ratio of step " + (k + 1), p.devianceRatio(k));
        }
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("model", model.name());
            root.put("features", p.featureNames());
            List<Map<String, Object>> steps = new ArrayList<>();
            for (int k = 0; k < p.size(); k++) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("lambda", p.lambda(k));
                s.put("nonzero", p.nonZero(k));
                s.put("deviance_ratio", p.devianceRatio(k));
                s.put("intercept", p.intercept(k));
                s.put("coefficients", p.coefficients(k));
                s.put("converged", p.converged(k));
                steps.add(s);
            }
            root.put("path", steps);
            root.put("report", Reports.toMap(p.report()));
            System.out.println(Json.write(root));
            return p.report().converged() ? 0 : 1;
        }
        System.out.printf(Locale.ROOT, "%s path on %s: %d λ values, %d rows, %d features%n", model, data.data,
                p.size(), d.rows(), d.cols());
        System.out.printf(Locale.ROOT, "%5s %14s %8s %10s%n", "step", "lambda", "nonzero", "dev.ratio");
        for (int k = 0; k < p.size(); k++) {
            System.out.printf(Locale.ROOT, "%5d %14.6g %8d %10.4f%s%n", k + 1, p.lambda(k), p.nonZero(k),
                    p.devianceRatio(k), p.converged(k) ? "" : "  NOT converged");
        }
        System.out.println(p.report());
        return p.report().converged() ? 0 : 1;
    }
}
