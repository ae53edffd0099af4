package dev.linea.cli;

import dev.linea.kernels.Backend;
import dev.linea.models.Dataset;
import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.gd.GradientDescent;
import dev.linea.models.gd.GradientDescentMode;
import dev.linea.models.gd.GradientDescentOptions;
import dev.linea.models.gd.GradientDescentResult;
import dev.linea.models.gd.LearningRateSchedule;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsResult;
import dev.linea.models.ols.OlsSolver;
import dev.linea.models.ridge.CvCriterion;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeCV;
import dev.linea.models.ridge.RidgeCVOptions;
import dev.linea.models.ridge.RidgeCVResult;
import dev.linea.models.ridge.RidgeOptions;
import dev.linea.models.ridge.RidgeResult;
import dev.linea.models.ridge.RidgeSolver;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.linea.cli.FitCommand.parseEnum;

/** Builds and runs the estimator {@code linea fit --model} names, from the command-line options. */
final class Estimators {
    private Estimators() {
    }

    /**
     * A fitted model with its report and model-specific extras for the output (extras are mutable); family and link
     * say how the linear predictor maps to the response (gaussian/identity for the least-squares family).
     */
    record Fitted(String name, LinearModel model, FitReport report, Map<String, Object> extra, String family,
                  String link) {
        Fitted(String name, LinearModel model, FitReport report, Map<String, Object> extra) {
            this(name, model, report, extra, "gaussian", "identity");
        }

        Fitted withModel(LinearModel m) {
            return new Fitted(name, m, report, extra, family, link);
        }
    }

    private static Fitted elasticNet(boolean lasso, Dataset d, Backend b, EstimatorOptions o,
                                     Map<String, Object> extra) {
        String name = lasso ? "lasso" : "elasticnet";
        dev.linea.models.lasso.ElasticNetOptions opts = o.elasticNet(lasso);
        if (o.lambda != null) {
            dev.linea.models.lasso.ElasticNetPath p = new dev.linea.models.lasso.ElasticNet(
                    opts.withLambdas(new double[] {o.lambda}), b).fit(d);
            extra.put("lambda", o.lambda);
            extra.put("nonzero", p.nonZero(0));
            return new Fitted(name, p.model(0), p.report(), extra);
        }
        long seed = o.seed == null ? 42 : o.seed;
        dev.linea.models.lasso.ElasticNetCVResult cv = new dev.linea.models.lasso.ElasticNetCV(opts, o.folds, seed, b)
                .fit(d);
        int k = cv.lambdaMinIndex();
        extra.put("lambda", cv.lambdaMin());
        extra.put("lambda_chosen_by", o.folds + "-fold cross-validation (lambda.min; seed " + seed + ")");
        extra.put("lambda_1se", cv.lambda1se());
        extra.put("nonzero", cv.path().nonZero(k));
        return new Fitted(name, cv.modelMin(), cv.path().report(), extra);
    }

    private static Fitted glm(FitCommand.Model model, Dataset d, Backend b, EstimatorOptions o,
                              Map<String, Object> extra) {
        dev.linea.models.glm.Family family = switch (model) {
            case poisson -> new dev.linea.models.glm.Poisson();
            case gamma -> new dev.linea.models.glm.Gamma();
            default -> new dev.linea.models.glm.Tweedie(o.power == null ? 1.5 : o.power);
        };
        dev.linea.models.glm.GlmOptions g = dev.linea.models.glm.GlmOptions.of(family).withIntercept(!o.noIntercept);
        if (o.link != null) {
            g = g.withLink(parseEnum(dev.linea.models.glm.Link.class, o.link, "--link"));
        }
        if (o.alpha != null) {
            g = g.withAlpha(o.alpha);
        }
        Dataset data = d;
        double[] offset = null;
        if (o.offset != null) {
            int c = d.featureNames().indexOf(o.offset);
            if (c < 0) {
                throw new IllegalArgumentException("--offset '" + o.offset + "' is not a column, expected one of "
                        + d.featureNames());
            }
            offset = new double[d.rows()];
            for (int i = 0; i < d.rows(); i++) {
                offset[i] = d.x(i, c);
            }
            data = dropColumn(d, c);
            extra.put("offset", o.offset);
        }
        dev.linea.models.glm.GlmResult r = new dev.linea.models.glm.GeneralizedLinearModel(g, b).fit(data, offset);
        extra.put("deviance", r.deviance());
        extra.put("null_deviance", r.nullDeviance());
        extra.put("dispersion", r.dispersion());
        extra.put("aic", Double.isFinite(r.aic()) ? r.aic() : null);
        String link = r.link().name().toLowerCase(java.util.Locale.ROOT);
        return new Fitted(model.name(), r.linearPredictor(), r.report(), extra,
                family.name().toLowerCase(java.util.Locale.ROOT).replaceAll("\\(.*", ""), link);
    }

    /** @return d without column c (for an offset read from the CSV) */
    static Dataset dropColumn(Dataset d, int c) {
        int m = d.rows();
        int n = d.cols();
        double[] x = new double[m * (n - 1)];
        for (int i = 0; i < m; i++) {
            for (int j = 0, k = 0; j < n; j++) {
                if (j != c) {
                    x[i * (n - 1) + k++] = d.x(i, j);
                }
            }
        }
        java.util.List<String> names = new java.util.ArrayList<>(d.featureNames());
        names.remove(c);
        return Dataset.of(m, n - 1, x, d.copyY(), d.weighted() ? d.copyWeights() : null, names, d.targetName());
    }

    static Fitted fit(FitCommand.Model model, Dataset d, Backend b, EstimatorOptions o) {
        boolean icpt = !o.noIntercept;
        Map<String, Object> extra = new LinkedHashMap<>();
        switch (model) {
            case ols -> {
                OlsSolver s = parseEnum(OlsSolver.class, o.solver, "--solver");
                OlsResult r = new LinearRegression(OlsOptions.defaults().withSolver(s).withIntercept(icpt), b).fit(d);
                extra.put("dropped_features", r.droppedFeatures());
                return new Fitted("ols", r.model(), r.report(), extra);
            }
            case ridge -> {
                RidgeSolver s = parseEnum(RidgeSolver.class, o.solver, "--solver");
                double alpha = o.alpha == null ? 1.0 : o.alpha;
                RidgeResult r = new Ridge(new RidgeOptions(alpha, icpt, s), b).fit(d);
                extra.put("alpha", alpha);
                return new Fitted("ridge", r.model(), r.report(), extra);
            }
            case ridgecv -> {
                CvCriterion c = switch (o.cv.toLowerCase(java.util.Locale.ROOT)) {
                    case "loo", "leave_one_out" -> CvCriterion.LEAVE_ONE_OUT;
                    case "gcv" -> CvCriterion.GCV;
                    default -> throw new IllegalArgumentException("--cv = '" + o.cv + "', expected loo or gcv");
                };
                RidgeCVResult r = new RidgeCV(new RidgeCVOptions(o.alphaGrid(), icpt, c), b).fit(d);
                extra.put("alpha", r.alpha());
                Map<String, Object> scores = new LinkedHashMap<>();
                for (int k = 0; k < r.alphas().length; k++) {
                    double s = r.scores()[k];
                    scores.put(Double.toString(r.alphas()[k]), Double.isFinite(s) ? s : null);
                }
                extra.put(c == CvCriterion.GCV ? "gcv_by_alpha" : "loo_mse_by_alpha", scores);
                return new Fitted("ridgecv", r.model(), r.model().report(), extra);
            }
            case gd -> {
                GradientDescentOptions g = GradientDescentOptions.defaults()
                        .withMode(parseEnum(GradientDescentMode.class, o.gdMode, "--gd-mode"))
                        .withSchedule(parseEnum(LearningRateSchedule.class, o.schedule, "--schedule"))
                        .withIntercept(icpt);
                if (o.alpha != null) {
                    g = g.withAlpha(o.alpha);
                }
                if (o.learningRate != null) {
                    g = g.withLearningRate(o.learningRate);
                }
                if (o.decay != null) {
                    g = g.withDecay(o.decay);
                }
                if (o.epochs != null) {
                    g = g.withMaxEpochs(o.epochs);
                }
                if (o.batchSize != null) {
                    g = g.withBatchSize(o.batchSize);
                }
                if (o.seed != null) {
                    g = g.withSeed(o.seed);
                }
                GradientDescentResult r = new GradientDescent(g, b).fit(d);
                extra.put("learning_rate", r.learningRate());
                double[] loss = r.lossHistory();
                extra.put("final_loss", loss.length == 0 ? null : loss[loss.length - 1]);
                return new Fitted("gd", r.model(), r.report(), extra);
            }
            case poisson, gamma, tweedie -> {
                return glm(model, d, b, o, extra);
            }
            case logistic -> {
                dev.linea.models.logistic.LogisticOptions lo = o.logistic();
                dev.linea.models.logistic.LogisticResult r = new dev.linea.models.logistic.LogisticRegression(lo, b)
                        .fit(d);
                dev.linea.models.logistic.LogisticModel lm = r.model();
                LinearModel linear = new LinearModel(lm.intercept(), lm.coefficients(), lm.featureNames(), r.report());
                dev.linea.models.logistic.LogisticInference inf = dev.linea.models.logistic.LogisticInference.of(d, lm,
                        lo, b, 0.05);
                extra.put("inference", inf);
                return new Fitted("logistic", linear, r.report(), extra, "binomial", "logit");
            }
            case huber -> {
                dev.linea.models.huber.HuberOptions h = dev.linea.models.huber.HuberOptions.defaults()
                        .withIntercept(icpt);
                if (o.alpha != null) {
                    h = h.withAlpha(o.alpha);
                }
                if (o.epsilon != null) {
                    h = h.withEpsilon(o.epsilon);
                }
                dev.linea.models.huber.HuberResult r = new dev.linea.models.huber.HuberRegression(h, b).fit(d);
                extra.put("scale", r.scale());
                extra.put("outliers", r.outlierCount());
                return new Fitted("huber", r.model(), r.report(), extra);
            }
            case lasso, elasticnet -> {
                return elasticNet(model == FitCommand.Model.lasso, d, b, o, extra);
            }
            default -> throw new IllegalStateException("unknown model " + model);
        }
    }
}
