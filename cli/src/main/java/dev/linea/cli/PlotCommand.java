package dev.linea.cli;

import dev.linea.cli.plots.Plots;
import dev.linea.kernels.Backend;
import dev.linea.models.Dataset;
import dev.linea.models.LinearModel;
import dev.linea.models.gd.GradientDescent;
import dev.linea.models.gd.GradientDescentOptions;
import dev.linea.models.lasso.ElasticNetCV;
import dev.linea.models.lasso.ElasticNetCVResult;
import dev.linea.models.lasso.ElasticNetPath;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code linea plot}: diagnostic plots of a dataset's fits, as PNG and SVG. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw diagnostic plots (PNG and SVG): OLS residuals vs fitted and normal Q-Q, the lasso path "
                + "and its cross-validation curve, a gradient-descent loss curve.")
final class PlotCommand implements Callable<Integer> {
    enum Kind { residuals, qq, path, cv, loss }

    @Mixin
    DataOptions data;
    @Mixin
    BackendOption backend;

    @Mixin
    Progress.Option progress;

    @Option(names = "--kind", paramLabel = "K", split = ",",
            description = "Plots to draw, comma-separated: ${COMPLETION-CANDIDATES} (default: all).")
    List<Kind> kinds = List.of(Kind.values());

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Folder for the plots (default linea-plots).")
    Path out = Path.of("linea-plots");

    @Option(names = "--json", description = "Print the files written as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Dataset d = data.load();
        Backend b = backend.resolve();
        Progress bar = progress.start("linea plot");
        List<Path> written;
        try {
            written = write(d, b, EnumSet.copyOf(kinds), out);
        } finally {
            bar.done();
        }
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("folder", out.toAbsolutePath().toString());
            root.put("files", written.stream().map(Path::toString).toList());
            System.out.println(Json.write(root));
        } else {
            System.out.println("linea plot: " + written.size() + " files in " + out.toAbsolutePath());
            written.forEach(p -> System.out.println("  " + p.getFileName()));
        }
        return 0;
    }

    /** Draws the requested plots of {@code d} into {@code dir}; shared with {@code linea demo}. */
    static List<Path> write(Dataset d, Backend b, EnumSet<Kind> kinds, Path dir) {
        List<Path> files = new ArrayList<>();
        String name = d.targetName();
        if (kinds.contains(Kind.residuals) || kinds.contains(Kind.qq)) {
            LinearModel ols = new LinearRegression(OlsOptions.defaults(), b).fit(d).model();
            double[] fitted = new double[d.rows()];
            ols.predict(d.rows(), d.xUnsafe(), 0, Math.max(1, d.cols()), fitted, 0);
            double[] res = new double[d.rows()];
            for (int i = 0; i < d.rows(); i++) {
                res[i] = d.y(i) - fitted[i];
            }
            if (kinds.contains(Kind.residuals)) {
                files.addAll(Plots.write(Plots.residuals("OLS residuals vs fitted: " + name, fitted, res), dir,
                        "ols-residuals"));
            }
            if (kinds.contains(Kind.qq)) {
                files.addAll(Plots.write(Plots.normalQq("OLS normal Q-Q: " + name, res), dir, "ols-qq"));
            }
        }
        if (kinds.contains(Kind.path) || kinds.contains(Kind.cv)) {
            ElasticNetCVResult cv = new ElasticNetCV(dev.linea.models.lasso.ElasticNetOptions.lasso(), 10, 42, b)
                    .fit(d);
            ElasticNetPath p = cv.path();
            double[][] coef = new double[p.size()][];
            for (int k = 0; k < p.size(); k++) {
                coef[k] = p.coefficients(k);
            }
            double[] marks = {cv.lambdaMin(), cv.lambda1se()};
            List<String> markNames = List.of("lambda.min", "lambda.1se");
            if (kinds.contains(Kind.path)) {
                files.addAll(Plots.write(Plots.regularizationPath("Lasso path: " + name, p.lambdas(), coef,
                        p.featureNames(), marks, markNames), dir, "lasso-path"));
            }
            if (kinds.contains(Kind.cv)) {
                files.addAll(Plots.write(Plots.cvCurve("Lasso 10-fold CV: " + name, p.lambdas(), cv.meanError(),
                        cv.standardError(), marks, markNames), dir, "lasso-cv"));
            }
        }
        if (kinds.contains(Kind.loss)) {
            Map<String, double[]> runs = new LinkedHashMap<>();
            GradientDescentOptions base = GradientDescentOptions.defaults().withMaxEpochs(20_000);
            runs.put("batch", new GradientDescent(base, b).fit(d).lossHistory());
            runs.put("mini-batch 32, η/(1 + 0.1·epoch)", new GradientDescent(base
                    .withMode(dev.linea.models.gd.GradientDescentMode.MINI_BATCH)
                    .withSchedule(dev.linea.models.gd.LearningRateSchedule.INVERSE_SCALING, 0.1), b).fit(d)
                    .lossHistory());
            files.addAll(Plots.write(Plots.lossCurve("Gradient descent, mean loss per epoch: " + name, runs),
                    dir, "gd-loss"));
        }
        return files;
    }
}
