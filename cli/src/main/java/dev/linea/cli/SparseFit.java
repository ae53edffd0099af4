package dev.linea.cli;

import dev.linea.kernels.Backend;
import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.GeneratedNames;
import dev.linea.models.LinearModel;
import dev.linea.models.SparseDesign;
import dev.linea.models.glm.Link;
import dev.linea.models.io.CsvDatasets;
import dev.linea.models.io.HashedCsvFiles;
import dev.linea.models.io.LibSvmFiles;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.lasso.ElasticNetPath;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.LogisticSolver;
import dev.linea.models.logistic.Penalty;
import dev.linea.models.metrics.ClassificationMetrics;
import dev.linea.models.metrics.RegressionReport;
import dev.linea.models.preprocessing.Preprocessing;
import dev.linea.models.scoring.SparseScorer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code linea fit} on a sparse design: a LIBSVM file ({@code --format libsvm}) or a CSV whose text columns are
 * feature-hashed ({@code --hash COL:BITS}). The rows go straight into CSR arrays and the fit runs on the sparse
 * estimators ({@link LogisticRegression#fit(SparseDesign)}, {@link ElasticNet#fit(SparseDesign)}), never densified;
 * the model file records the numbered inputs or the hashing step, so that {@code predict} and
 * {@link SparseScorer} replay them.
 *
 * <p>The registry ({@link Estimator#checkSparse}) refuses the models and options that do not apply to sparse
 * inputs; this class refuses the preprocessing and data options that do not (--poly, --standardize, --weights,
 * and for LIBSVM files --target and --exclude).
 */
final class SparseFit {
    /** The largest coefficients the text output lists (JSON lists every non-zero one). */
    static final int SHOWN = 20;
    /** A LIBSVM file's target: its first field. */
    static final String LIBSVM_TARGET = "label";
    private static final Pattern ROW = Pattern.compile("row (\\d+) \\(1-based\\)");

    private SparseFit() {
    }

    /** A sparse input read for a fit: X, y, the steps that made X from the file, where y's labels came from. */
    record Input(CsrMatrix x, double[] y, Preprocessing preprocessing, List<String> featureNames, String target,
                 String labelNote) {
    }

    static int fit(FitCommand c) {
        SparseOptions so = c.sparse;
        String input = so.describe();
        Set<String> given = EstimatorOptions.given(c.spec);
        boolean modelGiven = c.spec.commandLine().getParseResult() != null
                && c.spec.commandLine().getParseResult().hasMatchedOption("--model");
        c.model.checkSparse(given, c.est, input, modelGiven);
        refuse(c.poly != null, "--poly", input, "a polynomial expansion of a sparse design would fill it in");
        refuse(c.interactionOnly, "--interaction-only", input, "a polynomial expansion of a sparse design would "
                + "fill it in");
        refuse(c.standardize, "--standardize", input, "centring would fill the design in (the lasso and the "
                + "elastic net standardize their columns themselves, implicitly)");
        refuse(c.data.weights != null, "--weights", input, "sample weights are read from dense CSVs only");
        refuse(!c.data.categorical.isEmpty(), "--categorical", input, "a text column of a sparse input is hashed "
                + "(--hash COL:BITS), not one-hot encoded");
        refuse(!c.data.numeric.isEmpty(), "--numeric", input, "the columns that are not hashed are numeric already");
        refuse(!c.data.reference.isEmpty(), "--reference", input, "hashed columns have no reference level");
        refuse(!c.data.missing.equals("error"), "--missing", input, "an empty hashed cell adds nothing; a missing "
                + "number is an error");
        if (so.libsvm()) {
            refuse(c.data.target != null, "--target", input, "a LIBSVM file's target is the first field of each "
                    + "line");
            refuse(!c.data.exclude.isEmpty(), "--exclude", input, "a LIBSVM file has no named columns");
        }
        if (c.save != null) {
            UserFiles.requireWritable(c.save, "--save");
        }
        Path file = Path.of(c.data.data);
        String embedded = embeddedText(c.data.data);
        if (embedded == null) {
            UserFiles.requireReadable(file, "DATA");
        }
        Input in = read(c, file, embedded);
        try {
            return fit(c, in, input, file);
        } catch (IllegalArgumentException e) {
            throw withLine(e, file, so.libsvm());
        }
    }

    private static void refuse(boolean given, String option, String input, String why) {
        if (given) {
            throw new IllegalArgumentException(option + " does not apply to sparse inputs (" + input + "): " + why);
        }
    }

    /**
     * The embedded sparse datasets (cli/src/test/goldens/make_clicks.py; datasets/NOTICE.md), usable in place of a
     * file name: a click log with text columns for --hash, and the same rows one-hot in LIBSVM form.
     */
    static final Map<String, String> EMBEDDED_TARGETS = Map.of("clicks", "clicked", "clicks.svm", LIBSVM_TARGET);

    /**
     * @return the text of the embedded dataset {@code name} when no file has that name, else null
     * @throws IllegalArgumentException when there is neither such a file nor such a dataset
     */
    static String embeddedText(String name) {
        if (Files.exists(Path.of(name))) {
            return null;
        }
        if (!EMBEDDED_TARGETS.containsKey(name)) {
            throw new IllegalArgumentException("no such file: " + name + " (embedded sparse datasets: "
                    + String.join(", ", new java.util.TreeSet<>(EMBEDDED_TARGETS.keySet())) + ")");
        }
        String resource = "/datasets/" + (name.endsWith(".svm") ? name : name + ".csv");
        try (var in = SparseFit.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("embedded dataset " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read embedded dataset " + name, e);
        }
    }

    private static Input read(FitCommand c, Path file, String embedded) {
        if (c.sparse.libsvm()) {
            int cols = c.sparse.features == null ? 0 : c.sparse.features;
            LibSvmFiles.Data d = embedded != null ? LibSvmFiles.parse(embedded, cols, c.data.data)
                    : LibSvmFiles.read(file, cols, Runtime.getRuntime().availableProcessors());
            GeneratedNames names = GeneratedNames.numbered("f", 1, d.x().cols());
            String note = null;
            double[] y = d.y();
            if (c.model == Estimator.logistic) {
                note = plusMinusOne(y);
            }
            return new Input(d.x(), y, Preprocessing.none(names), names, LIBSVM_TARGET, note);
        }
        String target = c.data.target != null ? c.data.target
                : embedded != null ? EMBEDDED_TARGETS.get(c.data.data) : null;
        if (target == null) {
            throw new IllegalArgumentException("--target COLUMN is required for " + c.data.data);
        }
        HashedCsvFiles.Data d = embedded != null
                ? HashedCsvFiles.read(new java.io.StringReader(embedded), c.data.data, target, null,
                c.sparse.hashing(), c.data.exclude)
                : HashedCsvFiles.read(file, target, c.sparse.hashing(), c.data.exclude);
        Preprocessing pre = d.preprocessing();
        return new Input(d.x(), d.y(), pre, pre.features(), target, null);
    }

    /**
     * LIBSVM's usual binary labels −1/+1 read as 0/1 (in place); other labels are left for the fit to check.
     *
     * @return a note for the output when they were mapped, else null
     */
    static String plusMinusOne(double[] y) {
        boolean minus = false;
        for (double v : y) {
            if (v != -1 && v != 1) {
                return null;
            }
            minus |= v == -1;
        }
        if (!minus) {
            return null;
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = y[i] == 1 ? 1 : 0;
        }
        return "labels -1/+1 read as 0/1";
    }

    private static int fit(FitCommand c, Input in, String input, Path file) {
        Backend b = c.backend.resolve();
        SparseDesign design = SparseDesign.of(in.x(), in.y(), null, in.featureNames(), in.target(),
                !c.est.noIntercept);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("format", c.sparse.libsvm() ? "libsvm" : "csv with hashed columns " + c.sparse.hash);
        if (in.labelNote() != null) {
            extra.put("labels", in.labelNote());
        }
        Progress bar = c.progress.start("linea fit " + c.model + " (sparse)");
        Estimators.Fitted f;
        try {
            f = switch (c.model) {
                case logistic -> logistic(design, b, c.est, extra);
                case lasso, elasticnet -> elasticNet(c.model, design, b, c.est, extra);
                case ridge -> {
                    double alpha = c.est.alpha == null ? 1.0 : c.est.alpha;
                    extra.put("alpha", alpha);
                    yield new Estimators.Fitted("ridge", new dev.linea.models.ridge.Ridge(
                            new dev.linea.models.ridge.RidgeOptions(alpha, !c.est.noIntercept,
                                    dev.linea.models.ridge.RidgeSolver.CHOLESKY), b).fit(design), extra);
                }
                case poisson -> poisson(design, b, c.est, extra);
                default -> throw new IllegalStateException(c.model + " is not a sparse fit");
            };
        } finally {
            bar.done();
        }
        FiniteOutput.coefficients(f.model());
        double[] pred = new double[design.rows()];
        SparseScorer.of(f.predictor(), in.preprocessing()).score(in.x(), pred, 0);
        FiniteOutput.predictions(pred, "fitted value");
        Map<String, Object> metrics = f.predictor().link() == Link.LOGIT ? classification(in.y(), pred)
                : FitCommand.metrics(RegressionReport.of(in.y(), pred, null, design.cols()));
        print(c, in, design, f, metrics, extra);
        if (!f.report().converged()) {
            System.err.println("linea fit: the fit did not converge (exit 1)" + (c.save == null ? ""
                    : "; no model file written to " + c.save));
            return 1;
        }
        if (c.save != null) {
            ModelFiles.save(f.predictor(), in.preprocessing(), in.target(), design.rows(), c.save);
            System.err.println("linea fit: model saved to " + c.save);
        }
        return 0;
    }

    private static Estimators.Fitted logistic(SparseDesign d, Backend b, EstimatorOptions o,
                                              Map<String, Object> extra) {
        LogisticOptions lo = o.logistic();
        boolean nonSmooth = lo.penalty() == Penalty.L1 || lo.penalty() == Penalty.ELASTIC_NET;
        if (nonSmooth || lo.solver() == LogisticSolver.NEWTON) {
            // Newton and the proximal-Newton coordinate descent form the (p + 1) × (p + 1) Hessian and its factor
            double p = d.cols() + 1.0;
            MemoryBudget.require((nonSmooth ? "--penalty " + o.penalty : "--solver newton") + " on " + d.cols()
                            + " sparse features: the " + (long) p + " × " + (long) p + " Hessian (and its factor)",
                    2 * p * p, "use --penalty l2 with --solver lbfgs (gradient passes over the non-zeros only), "
                            + "or --model lasso / elasticnet for an L1 penalty on many features");
        }
        var r = new LogisticRegression(lo, b).fit(d);
        return new Estimators.Fitted("logistic", r, extra);
    }

    private static Estimators.Fitted elasticNet(Estimator e, SparseDesign d, Backend b, EstimatorOptions o,
                                                Map<String, Object> extra) {
        ElasticNetOptions base = e == Estimator.lasso ? ElasticNetOptions.lasso()
                : ElasticNetOptions.elasticNet(o.l1Ratio == null ? 0.5 : o.l1Ratio);
        ElasticNetOptions opts = o.stopping(base.withIntercept(!o.noIntercept)).withLambdas(new double[] {o.lambda});
        ElasticNetPath p = new ElasticNet(opts, b).fit(d);
        extra.put("lambda", o.lambda);
        extra.put("nonzero", p.nonZero(0));
        return new Estimators.Fitted(e.name(), p, extra);
    }

    private static Estimators.Fitted poisson(SparseDesign d, Backend b, EstimatorOptions o,
                                             Map<String, Object> extra) {
        dev.linea.models.glm.GlmOptions g = dev.linea.models.glm.GlmOptions.of(new dev.linea.models.glm.Poisson())
                .withIntercept(!o.noIntercept);
        if (o.link != null) {
            g = g.withLink(FitCommand.parseEnum(Link.class, o.link, "--link"));
        }
        if (o.alpha != null) {
            g = g.withAlpha(o.alpha);
        }
        if (o.tol != null) {
            g = g.withTolerance(o.tol);
        }
        if (o.maxIter != null) {
            g = g.withMaxIterations(o.maxIter);
        }
        dev.linea.models.glm.GlmResult r = new dev.linea.models.glm.GeneralizedLinearModel(g, b).fit(d);
        extra.put("deviance", r.deviance());
        extra.put("null_deviance", r.nullDeviance());
        return new Estimators.Fitted("poisson", r, extra);
    }

    /** Accuracy, log loss, Brier score and ROC AUC of probabilities p against 0/1 labels. */
    private static Map<String, Object> classification(double[] y, double[] p) {
        double[] label = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            label[i] = p[i] > 0.5 ? 1 : 0;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accuracy", FiniteOutput.metric("accuracy", ClassificationMetrics.accuracy(y, label, null)));
        out.put("log_loss", FiniteOutput.metric("log loss", ClassificationMetrics.logLoss(y, p, null)));
        out.put("brier", FiniteOutput.metric("Brier score", ClassificationMetrics.brierScore(y, p, null)));
        out.put("roc_auc", FiniteOutput.orUndefined(ClassificationMetrics.rocAuc(y, p, null)));
        return out;
    }

    /** The indices of the non-zero coefficients, largest |β| first (ties by index). */
    static int[] nonZeroByMagnitude(double[] beta) {
        int k = 0;
        for (double v : beta) {
            if (v != 0) {
                k++;
            }
        }
        Integer[] order = new Integer[k];
        k = 0;
        for (int j = 0; j < beta.length; j++) {
            if (beta[j] != 0) {
                order[k++] = j;
            }
        }
        Arrays.sort(order, (a, bb) -> {
            int cmp = Double.compare(Math.abs(beta[bb]), Math.abs(beta[a]));
            return cmp != 0 ? cmp : Integer.compare(a, bb);
        });
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    private static void print(FitCommand c, Input in, SparseDesign d, Estimators.Fitted f,
                              Map<String, Object> metrics, Map<String, Object> extra) {
        LinearModel m = f.model();
        double[] beta = m.coefficients();
        int[] order = nonZeroByMagnitude(beta);
        List<String> names = m.featureNames();
        if (c.json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("model", f.name());
            root.put("target", in.target());
            root.put("rows", d.rows());
            root.put("features", d.cols());
            root.put("non_zeros", d.nonZeros());
            root.put("intercept", m.intercept());
            root.put("nonzero_coefficients", order.length);
            Map<String, Object> coefs = new LinkedHashMap<>();
            int[] byIndex = order.clone();
            Arrays.sort(byIndex);
            for (int j : byIndex) {
                coefs.put(names.get(j), beta[j]);
            }
            root.put("coefficients", coefs);
            root.put("training_metrics", metrics);
            root.putAll(extra);
            root.put("report", Reports.toMap(f.report()));
            System.out.println(Json.write(root));
            return;
        }
        System.out.printf(Locale.ROOT, "%s on %s (%s): %d rows, %d features, %d non-zeros (%.1f per row), "
                        + "target '%s'%n", f.name(), c.data.data, extra.get("format"), d.rows(), d.cols(),
                d.nonZeros(), (double) d.nonZeros() / d.rows(), in.target());
        System.out.printf(Locale.ROOT, "%-24s %16s%n", "term", "coefficient");
        System.out.printf(Locale.ROOT, "%-24s %16.8g%n", "(intercept)", m.intercept());
        for (int k = 0; k < Math.min(SHOWN, order.length); k++) {
            System.out.printf(Locale.ROOT, "%-24s %16.8g%n", names.get(order[k]), beta[order[k]]);
        }
        System.out.println(order.length + " of " + d.cols() + " coefficients are non-zero"
                + (order.length > SHOWN ? "; the " + SHOWN + " largest in magnitude are shown (--json lists all)"
                : ""));
        System.out.println(FitCommand.metricLine("training:", metrics));
        extra.forEach((k, v) -> System.out.println(k + ": " + v));
        System.out.println(f.report());
    }

    /**
     * A model's message that names a data row ("row 3 (1-based)") with the file's line added, as
     * {@link DataOptions#withLine} does for dense CSVs: "row 3 (1-based; line 5 of d.svm)".
     */
    static IllegalArgumentException withLine(IllegalArgumentException e, Path file, boolean libsvm) {
        String msg = e.getMessage();
        Matcher at = msg == null ? null : ROW.matcher(msg);
        if (at == null || !at.find()) {
            return e;
        }
        long row = Long.parseLong(at.group(1)) - 1;
        long line = libsvm ? LibSvmFiles.lineOfRow(file, row) : CsvDatasets.lineOfRow(file, row);
        if (line < 0) {
            return e;
        }
        return new IllegalArgumentException(msg.substring(0, at.end() - 1) + "; line " + line + " of " + file + ")"
                + msg.substring(at.end()), e);
    }
}
