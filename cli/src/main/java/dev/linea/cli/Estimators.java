package dev.linea.cli;

import dev.linea.kernels.Backend;
import dev.linea.models.Dataset;
import dev.linea.models.FitReport;
import dev.linea.models.FittedModel;
import dev.linea.models.LinearModel;
import dev.linea.models.LinearPredictor;
import dev.linea.models.gd.GradientDescent;
import dev.linea.models.gd.GradientDescentMode;
import dev.linea.models.gd.GradientDescentOptions;
import dev.linea.models.gd.GradientDescentResult;
import dev.linea.models.gd.LearningRateSchedule;
import dev.linea.models.glm.GeneralizedLinearModel;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.GlmResult;
import dev.linea.models.huber.HuberOptions;
import dev.linea.models.huber.HuberRegression;
import dev.linea.models.huber.HuberResult;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetCV;
import dev.linea.models.lasso.ElasticNetCVResult;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.lasso.ElasticNetPath;
import dev.linea.models.logistic.LogisticInference;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.LogisticResult;
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
import java.util.Locale;
import java.util.Map;

import static dev.linea.cli.FitCommand.parseEnum;

/**
 * The fit of each {@link Estimator}: its options record built from the options it declares, the fit, and the
 * model-specific extras of the output. Only an estimator that declares {@code --offset} receives a non-null offset.
 */
final class Estimators {
    private Estimators() {
    }

    /**
     * A fitted model with its report and model-specific extras for the output (extras are mutable); the predictor's
     * link says how the linear predictor maps to the response (identity for the least-squares family).
     */
    record Fitted(String name, LinearPredictor predictor, FitReport report, Map<String, Object> extra) {
        /** A least-squares fit (identity link). */
        Fitted(String name, LinearModel model, FitReport report, Map<String, Object> extra) {
            this(name, LinearPredictor.identity(model), report, extra);
        }

        /** Any fit with a linear predictor: its predictor (link and family included) and its report. */
        Fitted(String name, FittedModel fit, Map<String, Object> extra) {
            this(name, (LinearPredictor) fit.predictor(), fit.report(), extra);
        }

        /** @return b and β */
        LinearModel model() {
            return predictor.model();
        }

        Fitted withModel(LinearModel m) {
            return new Fitted(name, predictor.withModel(m), report, extra);
        }
    }

    static Fitted ols(Estimator e, Dataset d, double[] offset, Backend b, EstimatorOptions o) {
        OlsSolver s = parseEnum(OlsSolver.class, o.solver, "--solver");
        OlsResult r = new LinearRegression(OlsOptions.defaults().withSolver(s).withIntercept(!o.noIntercept), b)
                .fit(d);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("dropped_features", r.droppedFeatures());
        return new Fitted("ols", r, extra);
    }

    static Fitted ridge(Estimator e, Dataset d, double[] offset, Backend b, EstimatorOptions o) {
        RidgeSolver s = parseEnum(RidgeSolver.class, o.solver, "--solver");
        double alpha = o.alpha == null ? 1.0 : o.alpha;
        RidgeResult r = new Ridge(new RidgeOptions(alpha, !o.noIntercept, s), b).fit(d);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("alpha", alpha);
        return new Fitted("ridge", r, extra);
    }

    static Fitted ridgeCv(Estimator e, Dataset d, double[] offset, Backend b, EstimatorOptions o) {
        CvCriterion c = switch (o.cv.toLowerCase(Locale.ROOT)) {
            case "loo", "leave_one_out" -> CvCriterion.LEAVE_ONE_OUT;
            case "gcv" -> CvCriterion.GCV;
            default -> throw new IllegalArgumentException("--cv = '" + o.cv + "', expected loo or gcv");
        };
        RidgeCVResult r = new RidgeCV(new RidgeCVOptions(o.alphaGrid(), !o.noIntercept, c), b).fit(d);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("alpha", r.alpha());
        Map<String, Object> scores = new LinkedHashMap<>();
        for (int k = 0; k < r.alphas().length; k++) {
            double s = r.scores()[k];
            scores.put(Double.toString(r.alphas()[k]), Double.isFinite(s) ? s : null);
        }
        extra.put(c == CvCriterion.GCV ? "gcv_by_alpha" : "loo_mse_by_alpha", scores);
        return new Fitted("ridgecv", r, extra);
    }

    static Fitted gradientDescent(Estimator e, Dataset d, double[] offset, Backend b, EstimatorOptions o) {
        return gradientDescent(new GradientDescent(gradientDescentOptions(o), b).fit(d));
    }

    /** The gradient descent options of the command line (shared by the dense and the sparse fits). */
    static GradientDescentOptions gradientDescentOptions(EstimatorOptions o) {
        GradientDescentOptions g = GradientDescentOptions.defaults()
                .withMode(parseEnum(GradientDescentMode.class, o.gdMode, "--gd-mode"))
                .withSchedule(parseEnum(LearningRateSchedule.class, o.schedule, "--schedule"))
                .withIntercept(!o.noIntercept);
        if (o.alpha != null) {
            g = g.withAlpha(o.alpha);
        }
        if (o.learningRate != null) {
            g = g.withLearningRate(o.learningRate);
        }
        if (o.decay != null) {
            g = g.withDecay(o.decay);
        }
        if (o.epochs != null || o.maxIter != null) {
            g = g.withMaxEpochs(o.epochs != null ? o.epochs : o.maxIter);
        }
        if (o.tol != null) {
            g = g.withGradientTolerance(o.tol);
        }
        if (o.batchSize != null) {
            g = g.withBatchSize(o.batchSize);
        }
        if (o.seed != null) {
            g = g.withSeed(o.seed);
        }
        return g;
    }

    /** A gradient descent fit with its extras: the learning rate used and the final loss. */
    static Fitted gradientDescent(GradientDescentResult r) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("learning_rate", r.learningRate());
        double[] loss = r.lossHistory();
        extra.put("final_loss", loss.length == 0 ? null : loss[loss.length - 1]);
        return new Fitted("gd", r, extra);
    }

    static Fitted lasso(Estimator e, Dataset d, double[] offset, Backend b, EstimatorOptions o) {
        return penalizedPath(e, ElasticNetOptions.lasso(), d, b, o);
    }

    static Fitted elasticNet(Estimator e, Dataset d, double[] offset, Backend b, EstimatorOptions o) {
        return penalizedPath(e, ElasticNetOptions.elasticNet(o.l1Ratio == null ? 0.5 : o.l1Ratio), d, b, o);
    }

    /** One λ (--lambda), or λ chosen by K-fold cross-validation over the path (lambda.min). */
    private static Fitted penalizedPath(Estimator e, ElasticNetOptions base, Dataset d, Backend b,
                                        EstimatorOptions o) {
        ElasticNetOptions opts = o.stopping(base.withIntercept(!o.noIntercept));
        Map<String, Object> extra = new LinkedHashMap<>();
        if (o.lambda != null) {
            ElasticNetPath p = new ElasticNet(opts.withLambdas(new double[] {o.lambda}), b).fit(d);
            extra.put("lambda", o.lambda);
            extra.put("nonzero", p.nonZero(0));
            return new Fitted(e.name(), p, extra);
        }
        o.requirePathFits(d.cols(), o.folds + 1);
        return chosenByCv(e, pathCv(opts, b, o).fit(d), o, extra);
    }

    /** The path cross-validation of --folds, --seed and --n-lambda that chooses λ when --lambda is not given. */
    static ElasticNetCV pathCv(ElasticNetOptions opts, Backend b, EstimatorOptions o) {
        return new ElasticNetCV(opts.withPath(o.nLambda, Double.NaN), o.folds, o.seedOrDefault(), b);
    }

    /** The fit at the λ the cross-validation chose (lambda.min), with the choice and how it was made in extra. */
    static Fitted chosenByCv(Estimator e, ElasticNetCVResult cv, EstimatorOptions o, Map<String, Object> extra) {
        extra.put("lambda", cv.lambdaMin());
        extra.put("lambda_chosen_by", o.folds + "-fold cross-validation (lambda.min; seed " + o.seedOrDefault()
                + ")");
        extra.put("lambda_1se", cv.lambda1se());
        extra.put("nonzero", cv.path().nonZero(cv.lambdaMinIndex()));
        return new Fitted(e.name(), cv, extra);
    }

    static Fitted glm(Estimator e, Dataset d, double[] offset, Backend b, EstimatorOptions o) {
        dev.linea.models.glm.Family family = switch (e) {
            case poisson -> new dev.linea.models.glm.Poisson();
            case gamma -> new dev.linea.models.glm.Gamma();
            case tweedie -> new dev.linea.models.glm.Tweedie(o.power == null ? 1.5 : o.power);
            default -> throw new IllegalStateException(e + " is not a GLM");
        };
        GlmOptions g = GlmOptions.of(family).withIntercept(!o.noIntercept);
        if (o.link != null) {
            g = g.withLink(parseEnum(dev.linea.models.glm.Link.class, o.link, "--link"));
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
        GlmResult r = new GeneralizedLinearModel(g, b).fit(d, offset);
        Map<String, Object> extra = new LinkedHashMap<>();
        if (o.offset != null) {
            extra.put("offset", o.offset);
        }
        extra.put("deviance", r.deviance());
        extra.put("null_deviance", r.nullDeviance());
        extra.put("dispersion", r.dispersion());
        extra.put("aic", Double.isFinite(r.aic()) ? r.aic() : null);
        return new Fitted(e.name(), r, extra);
    }

    static Fitted huber(Estimator e, Dataset d, double[] offset, Backend b, EstimatorOptions o) {
        HuberOptions h = HuberOptions.defaults().withIntercept(!o.noIntercept);
        if (o.alpha != null) {
            h = h.withAlpha(o.alpha);
        }
        if (o.epsilon != null) {
            h = h.withEpsilon(o.epsilon);
        }
        if (o.tol != null) {
            h = h.withTolerance(o.tol);
        }
        if (o.maxIter != null) {
            h = h.withMaxIterations(o.maxIter);
        }
        HuberResult r = new HuberRegression(h, b).fit(d);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("scale", r.scale());
        extra.put("outliers", r.outlierCount());
        return new Fitted("huber", r, extra);
    }

    static Fitted logistic(Estimator e, Dataset d, double[] offset, Backend b, EstimatorOptions o) {
        LogisticOptions lo = o.logistic();
        LogisticResult r = new LogisticRegression(lo, b).fit(d);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("inference", LogisticInference.of(d, r.model(), lo, b, 0.05));
        return new Fitted("logistic", r, extra);
    }
}
