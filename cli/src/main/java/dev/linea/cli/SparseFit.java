package dev.linea.cli;

import dev.linea.kernels.Backend;
import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.GeneratedNames;
import dev.linea.models.LinearModel;
import dev.linea.models.SparseDesign;
import dev.linea.models.gd.GradientDescent;
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
 * estimators ({@link LogisticRegression#fit(SparseDesign)}, {@link ElasticNet#fit(SparseDesign)},
 * {@code GradientDescent.fit(SparseDesign)}, …), never densified; the model file records the numbered inputs or the
 * hashing step, so that {@code predict} and {@link SparseScorer} replay them. Held-out rows ({@code --test FILE} in
 * the training's format, or {@code --test-fraction}: the same seeded, stratified split as for dense data) are
 * scored with the sparse scorer; sample weights are a sidecar file for LIBSVM ({@link SparseWeights}) and a column
 * for a hashed CSV.
 *
 * <p>The registry ({@link Estimator#checkSparse}) refuses the models and options that do not apply to sparse
 * inputs; this class refuses the preprocessing and data options that do not (--poly, --standardize, --formula,
 * the typed-column options, and for LIBSVM files --target, --exclude, and --weights together with --test).
 */
final class SparseFit {
    /** The largest coefficients the text output lists (JSON lists every non-zero one). */
    static final int SHOWN = 20;
    /** A LIBSVM file's target: its first field. */
    static final String LIBSVM_TARGET = "label";
    private static final Pattern ROW = Pattern.compile("row (\\d+) \\(1-based\\)");

    private SparseFit() {
    }

    /** Rows of a sparse input: X, y and the sample weights (null when unweighted). */
    record Rows(CsrMatrix x, double[] y, double[] w) {
        /** @return these rows at {@code rows}, in the order given (a new CSR matrix) */
        Rows take(int[] rows) {
            return new Rows(SparseRows.take(x, rows), Arrays.stream(rows).mapToDouble(i -> y[i]).toArray(),
                    SparseWeights.take(w, rows));
        }
    }

    /** A sparse input read for a fit: its rows, the steps that made X from the file, where y's labels came from. */
    record Input(Rows rows, Preprocessing preprocessing, List<String> featureNames, String target,
                 String labelNote) {
        CsrMatrix x() {
            return rows.x();
        }

        double[] y() {
            return rows.y();
        }
    }

    static int fit(FitCommand c) {
        SparseOptions so = c.sparse;
        String input = so.describe();
        Set<String> given = EstimatorOptions.given(c.spec);
        boolean modelGiven = c.spec.commandLine().getParseResult() != null
                && c.spec.commandLine().getParseResult().hasMatchedOption("--model");
        c.model.checkSparse(given, c.est, input, modelGiven);
        Estimator m = c.model;
        refuse(c.poly != null, "--poly", input, m, "a polynomial expansion of a sparse design would fill it in");
        refuse(c.interactionOnly, "--interaction-only", input, m, "a polynomial expansion of a sparse design "
                + "would fill it in");
        refuse(c.standardize, "--standardize", input, m, "centring would fill the design in (the lasso, the "
                + "elastic net and gd standardize their columns themselves, implicitly)");
        refuseData(c.data, c.table, so, input, m);
        refuse(so.libsvm() && c.data.weights != null && c.est.test != null, "--weights", input + " with --test", m,
                "the sidecar weights file belongs to the training file, and a LIBSVM test file has no weights of "
                        + "its own; use --test-fraction, or score the file with linea predict");
        if (c.save != null) {
            UserFiles.requireWritable(c.save, "--save");
        }
        Path file = Path.of(c.data.data);
        Input in = read(so, c.data, c.model);
        try {
            return fit(c, in, input, file);
        } catch (IllegalArgumentException e) {
            throw withLine(e, file, so.libsvm());
        }
    }

    private static void refuse(boolean given, String option, String input, Estimator model, String why) {
        if (given) {
            throw new IllegalArgumentException(option + " does not apply to sparse inputs (" + input + ") with --model "
                    + model + ": " + why);
        }
    }

    /** The data and table options that no sparse input takes (fit, cv and path; {@code table} null for path). */
    static void refuseData(DataOptions data, TableOptions table, SparseOptions so, String input, Estimator m) {
        refuse(!data.categorical.isEmpty(), "--categorical", input, m, "a text column of a sparse input is hashed "
                + "(--hash COL:BITS), not one-hot encoded");
        refuse(!data.numeric.isEmpty(), "--numeric", input, m, "the columns that are not hashed are numeric "
                + "already");
        refuse(!data.reference.isEmpty(), "--reference", input, m, "hashed columns have no reference level");
        refuse(!data.missing.equals("error"), "--missing", input, m, "an empty hashed cell adds nothing; a "
                + "missing number is an error");
        if (table != null) { // null for linea path, which has no table options
            refuse(table.formula != null, "--formula", input, m, "a formula names dense columns; a sparse design "
                    + "is the file's numbered or hashed features");
            refuse(table.positive != null, "--positive", input, m, "the labels of a sparse input are 0/1 (or "
                    + "-1/+1, read as 0/1)");
        }
        if (so.libsvm()) {
            refuse(data.target != null, "--target", input, m, "a LIBSVM file's target is the first field of each "
                    + "line");
            refuse(!data.exclude.isEmpty(), "--exclude", input, m, "a LIBSVM file has no named columns");
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

    /**
     * Reads the training input DATA, an embedded data set's name or a readable file (checked here): a LIBSVM file
     * (with its sidecar weights) or a CSV with hashed columns (with its weights column, which is then no input).
     */
    static Input read(SparseOptions so, DataOptions data, Estimator model) {
        Path file = Path.of(data.data);
        String embedded = embeddedText(data.data);
        if (embedded == null) {
            UserFiles.requireReadable(file, "DATA");
        }
        return read(so, data, model, file, embedded);
    }

    private static Input read(SparseOptions so, DataOptions data, Estimator model, Path file, String embedded) {
        if (so.libsvm()) {
            int cols = so.features == null ? 0 : so.features;
            LibSvmFiles.Data d = embedded != null ? LibSvmFiles.parse(embedded, cols, data.data)
                    : LibSvmFiles.read(file, cols, Runtime.getRuntime().availableProcessors());
            GeneratedNames names = GeneratedNames.numbered("f", 1, d.x().cols());
            String note = null;
            double[] y = d.y();
            if (model == Estimator.logistic) {
                note = plusMinusOne(y);
            }
            double[] w = data.weights == null ? null : SparseWeights.sidecar(Path.of(data.weights), y.length,
                    data.data);
            return new Input(new Rows(d.x(), y, w), Preprocessing.none(names), names, LIBSVM_TARGET, note);
        }
        String target = data.target != null ? data.target
                : embedded != null ? EMBEDDED_TARGETS.get(data.data) : null;
        if (target == null) {
            throw new IllegalArgumentException("--target COLUMN is required for " + data.data);
        }
        List<String> exclude = new java.util.ArrayList<>(data.exclude);
        if (data.weights != null) {
            if (data.weights.equals(target)) {
                throw new IllegalArgumentException("--weights '" + data.weights + "' is the target, expected "
                        + "another column");
            }
            exclude.add(data.weights);
        }
        // the weights column first: a missing one is then named as --weights, not as an excluded column
        double[] w = data.weights == null ? null : embedded != null ? SparseWeights.column(
                new java.io.StringReader(embedded), data.data, data.weights) : SparseWeights.column(file, data.weights);
        HashedCsvFiles.Data d = embedded != null
                ? HashedCsvFiles.read(new java.io.StringReader(embedded), data.data, target, null, so.hashing(),
                exclude)
                : HashedCsvFiles.read(file, target, so.hashing(), exclude);
        SparseWeights.requireCount(w, d.y().length, data.data);
        Preprocessing pre = d.preprocessing();
        return new Input(new Rows(d.x(), d.y(), w), pre, pre.features(), target, null);
    }

    /**
     * Reads a held-out file ({@code --test FILE}) in the training's format: a LIBSVM file with the training's
     * columns (an index beyond them is an error), or a CSV whose inputs and hashed columns are replayed by the
     * training's preprocessing (and whose weights column is read when --weights names one). Logistic labels −1/+1
     * are read as 0/1 and must be binary.
     */
    static Rows readTest(SparseOptions so, DataOptions data, Estimator model, Input train, Path test) {
        String name = test.toString();
        String embedded = embeddedText(name);
        if (embedded == null) {
            UserFiles.requireReadable(test, "--test");
        }
        Rows r;
        if (so.libsvm()) {
            LibSvmFiles.Data d = embedded != null ? LibSvmFiles.parse(embedded, train.x().cols(), name)
                    : LibSvmFiles.read(test, train.x().cols(), Runtime.getRuntime().availableProcessors());
            r = new Rows(d.x(), d.y(), null);
        } else {
            HashedCsvFiles.Data d = embedded != null ? HashedCsvFiles.replay(new java.io.StringReader(embedded), name,
                    train.preprocessing(), train.target()) : HashedCsvFiles.replay(test, train.preprocessing(),
                    train.target());
            double[] w = data.weights == null ? null : embedded != null ? SparseWeights.column(
                    new java.io.StringReader(embedded), name, data.weights) : SparseWeights.column(test, data.weights);
            SparseWeights.requireCount(w, d.y().length, name);
            r = new Rows(d.x(), d.y(), w);
        }
        if (model == Estimator.logistic) {
            if (so.libsvm()) {
                plusMinusOne(r.y());
            }
            for (int i = 0; i < r.y().length; i++) {
                double v = r.y()[i];
                if (v != 0 && v != 1) {
                    // not "row N (1-based)": withLine would add the training file's line to it
                    long line = embedded != null ? -1 : so.libsvm() ? LibSvmFiles.lineOfRow(test, i)
                            : CsvDatasets.lineOfRow(test, i);
                    throw new IllegalArgumentException("--test " + name + " has the label " + v + " on its row "
                            + (i + 1) + (line < 0 ? "" : " (line " + line + ")")
                            + ", expected a binary label 0 or 1 (or -1/+1)");
                }
            }
        }
        return r;
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
        Rows train = in.rows();
        Rows test = null;
        String heldOut = null;
        int[] trainRows = null; // the training rows in the file, when a split took some away
        if (c.est.test != null) {
            test = readTest(c.sparse, c.data, c.model, in, c.est.test);
            heldOut = "--test " + c.est.test;
        } else if (c.est.testFraction != null) {
            long seed = c.est.seedOrDefault();
            int[][] split = HeldOut.splitRows(train.y(), c.est.testFraction, seed, c.model.classifier());
            test = train.take(split[1]);
            train = train.take(split[0]);
            trainRows = split[0];
            heldOut = "--test-fraction " + c.est.testFraction + (c.model.classifier() ? ", stratified by class" : "")
                    + ", seed " + seed;
        }
        SparseDesign design = design(in, train, !c.est.noIntercept);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("format", c.sparse.libsvm() ? "libsvm" : "csv with hashed columns " + c.sparse.hash);
        if (in.labelNote() != null) {
            extra.put("labels", in.labelNote());
        }
        if (train.w() != null) {
            extra.put("weights", c.sparse.libsvm() ? "one per row from " + c.data.weights : "column '"
                    + c.data.weights + "'");
        }
        Progress bar = c.progress.start("linea fit " + c.model + " (sparse)");
        Estimators.Fitted f;
        try {
            f = fitModel(c.model, design, b, c.est, extra);
        } catch (IllegalArgumentException e) {
            throw inRows(e, trainRows);
        } finally {
            bar.done();
        }
        FiniteOutput.coefficients(f.model());
        Map<String, Object> metrics = metrics(f, in.preprocessing(), train, "fitted value");
        Map<String, Object> heldOutMetrics = test == null ? null : metrics(f, in.preprocessing(), test,
                "held-out prediction");
        print(c, in, design, f, metrics, extra, heldOut, test == null ? 0 : test.y().length, heldOutMetrics);
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

    /** The sparse design of these rows with the input's names and target. */
    static SparseDesign design(Input in, Rows rows, boolean intercept) {
        return SparseDesign.of(rows.x(), rows.y(), rows.w(), in.featureNames(), in.target(), intercept);
    }

    /**
     * Fits a sparse model (the registry has checked that it fits sparse designs and its options).
     *
     * @param extra modified: the model's extras for the output
     */
    static Estimators.Fitted fitModel(Estimator model, SparseDesign design, Backend b, EstimatorOptions o,
                                      Map<String, Object> extra) {
        return switch (model) {
            case logistic -> logistic(design, b, o, extra);
            case lasso, elasticnet -> elasticNet(model, design, b, o, extra);
            case ridge -> {
                double alpha = o.alpha == null ? 1.0 : o.alpha;
                extra.put("alpha", alpha);
                yield new Estimators.Fitted("ridge", new dev.linea.models.ridge.Ridge(
                        new dev.linea.models.ridge.RidgeOptions(alpha, !o.noIntercept,
                                dev.linea.models.ridge.RidgeSolver.CHOLESKY), b).fit(design), extra);
            }
            case poisson -> poisson(design, b, o, extra);
            case gd -> {
                Estimators.Fitted g = Estimators.gradientDescent(new GradientDescent(
                        Estimators.gradientDescentOptions(o), b).fit(design));
                extra.putAll(g.extra());
                yield new Estimators.Fitted("gd", g.predictor(), g.report(), extra);
            }
            default -> throw new IllegalStateException(model + " is not a sparse fit");
        };
    }

    /**
     * The metrics of a fitted model on sparse rows, as the dense path computes them: accuracy, log loss, Brier
     * score and ROC AUC for a classifier, the regression metrics otherwise, weighted when the rows are.
     */
    static Map<String, Object> metrics(Estimators.Fitted f, Preprocessing pre, Rows rows, String what) {
        double[] pred = new double[rows.y().length];
        SparseScorer.of(f.predictor(), pre).score(rows.x(), pred, 0);
        FiniteOutput.predictions(pred, what);
        return f.predictor().link() == Link.LOGIT ? classification(rows.y(), rows.w(), pred)
                : FitCommand.metrics(RegressionReport.of(rows.y(), pred, rows.w(), rows.x().cols()));
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
        ElasticNetOptions opts = o.stopping(base.withIntercept(!o.noIntercept));
        if (o.lambda == null) { // λ chosen by K-fold cross-validation over the path (lambda.min), as for dense data
            o.requireSparsePathFits(o.folds + 1);
            return Estimators.chosenByCv(e, Estimators.pathCv(opts, b, o).fit(d), o, extra);
        }
        ElasticNetPath p = new ElasticNet(opts.withLambdas(new double[] {o.lambda}), b).fit(d);
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

    /** Accuracy, log loss, Brier score and ROC AUC of probabilities p against 0/1 labels (weights w or null). */
    private static Map<String, Object> classification(double[] y, double[] w, double[] p) {
        double[] label = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            label[i] = p[i] > 0.5 ? 1 : 0;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accuracy", FiniteOutput.metric("accuracy", ClassificationMetrics.accuracy(y, label, w)));
        out.put("log_loss", FiniteOutput.metric("log loss", ClassificationMetrics.logLoss(y, p, w)));
        out.put("brier", FiniteOutput.metric("Brier score", ClassificationMetrics.brierScore(y, p, w)));
        out.put("roc_auc", FiniteOutput.orUndefined(ClassificationMetrics.rocAuc(y, p, w)));
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
                              Map<String, Object> metrics, Map<String, Object> extra, String heldOut,
                              int heldOutRows, Map<String, Object> heldOutMetrics) {
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
            if (heldOutMetrics != null) {
                root.put("held_out", Map.of("rows", heldOutRows, "from", heldOut));
                root.put("held_out_metrics", heldOutMetrics);
            }
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
        if (heldOutMetrics != null) {
            System.out.println(FitCommand.metricLine("held-out (" + heldOutRows + " rows, " + heldOut + "):",
                    heldOutMetrics));
        }
        extra.forEach((k, v) -> System.out.println(k + ": " + v));
        System.out.println(f.report());
    }

    /**
     * A model's message about row N (1-based) of a subset of the file's rows (a split's or a fold's training rows)
     * renumbered to the file's row, so that {@link #withLine} finds its line.
     *
     * @param rows the subset's rows in the file (0-based), or null when the design has all of them
     */
    static IllegalArgumentException inRows(IllegalArgumentException e, int[] rows) {
        String msg = e.getMessage();
        Matcher at = msg == null || rows == null ? null : ROW.matcher(msg);
        if (at == null || !at.find()) {
            return e;
        }
        long k = Long.parseLong(at.group(1)) - 1;
        if (k < 0 || k >= rows.length) {
            return e;
        }
        return new IllegalArgumentException(msg.substring(0, at.start(1)) + (rows[(int) k] + 1)
                + msg.substring(at.end(1)), e);
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
