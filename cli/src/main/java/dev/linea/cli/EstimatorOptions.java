package dev.linea.cli;

import picocli.CommandLine.Option;

/**
 * Estimator settings of {@code linea fit}, {@code path} and {@code cv}; each applies to the models named in its
 * description, and {@link Estimator} (the registry) refuses it for any other.
 */
final class EstimatorOptions {
    /**
     * @return the long names of the estimator options given explicitly on the command line of {@code spec}'s
     *         command (not those left at their default)
     */
    static java.util.Set<String> given(picocli.CommandLine.Model.CommandSpec spec) {
        java.util.Set<String> mine = new java.util.HashSet<>();
        spec.mixins().get("est").options().forEach(o -> mine.add(o.longestName()));
        java.util.Set<String> given = new java.util.LinkedHashSet<>();
        for (picocli.CommandLine.Model.OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (mine.contains(o.longestName())) {
                given.add(o.longestName());
            }
        }
        return given;
    }

    @Option(names = "--no-intercept", description = "Fit without an intercept.")
    boolean noIntercept;

    @Option(names = "--solver", paramLabel = "S",
            description = "ols: auto, normal_equations, qr, pivoted_qr; ridge: auto, cholesky, eigen (default auto); "
                    + "logistic: lbfgs (default), newton, gradient_descent.")
    String solver = "auto";

    @Option(names = "--alpha", paramLabel = "A",
            description = "ridge: penalty α of Σw(y − b − xβ)² + α‖β‖² (default 1); gd: L2 penalty ½α‖β‖² on the "
                    + "mean loss (default 0).")
    Double alpha;

    @Option(names = "--alphas", paramLabel = "GRID",
            description = "ridgecv: the α grid, as FROM:TO:COUNT in powers of ten (default -3:3:13) or a "
                    + "comma-separated list.")
    String alphas = "-3:3:13";

    @Option(names = "--cv", paramLabel = "C", description = "ridgecv: loo (exact leave-one-out, default) or gcv.")
    String cv = "loo";

    @Option(names = "--lambda", paramLabel = "L",
            description = "lasso, elasticnet: the penalty λ of glmnet's objective (default: chosen by --folds-fold "
                    + "cross-validation, lambda.min).")
    Double lambda;

    @Option(names = "--l1-ratio", paramLabel = "A",
            description = "elasticnet, logistic --penalty elastic_net: the l1 share of the penalty, glmnet's alpha "
                    + "(default 0.5).")
    Double l1Ratio;

    @Option(names = "--folds", paramLabel = "K",
            description = "lasso, elasticnet: cross-validation folds choosing λ (default 10); linea cv: the folds, "
                    + "for every model.")
    int folds = 10;

    @Option(names = "--n-lambda", paramLabel = "N", description = "lasso, elasticnet: λ values on the path (default 100).")
    int nLambda = 100;

    @Option(names = "--tol", paramLabel = "T",
            description = "Every iterative model's stopping tolerance; the report certifies the value reached. "
                    + "lasso, elasticnet: the duality gap over the null deviance, per λ (default 1e-12); logistic, "
                    + "softmax: max |gradient| of the mean-scaled objective in standardized coordinates (default "
                    + "1e-8); poisson, gamma, tweedie: the relative change of the deviance and then the relative "
                    + "Newton decrement (default 1e-8); huber: the relative Newton step (default 1e-10); gd: the "
                    + "gradient's max-abs over its starting scale (default 1e-8).")
    Double tol;

    @Option(names = "--max-iter", paramLabel = "N",
            description = "Every iterative model's iteration limit. lasso, elasticnet: coordinate-descent passes "
                    + "per λ (default 100000); logistic, softmax: solver iterations (default 1000); poisson, gamma, "
                    + "tweedie: IRLS iterations (default 100); huber: Newton iterations (default 100); gd: epochs "
                    + "(default 100000). A fit that does not meet --tol within them is "
                    + "reported as not converged (exit 1).")
    Integer maxIter;

    @Option(names = "--link", paramLabel = "L",
            description = "poisson, gamma, tweedie: log, identity or inverse (default: poisson/tweedie log, gamma "
                    + "inverse).")
    String link;

    @Option(names = "--power", paramLabel = "P", description = "tweedie: the variance power (default 1.5).")
    Double power;

    @Option(names = "--offset", paramLabel = "COLUMN",
            description = "poisson, gamma, tweedie: a column used as an offset on the linear predictor (log "
                    + "exposure), not as a feature.")
    String offset;

    @Option(names = "--epsilon", paramLabel = "E", description = "huber: the threshold ε (default 1.35).")
    Double epsilon;

    @Option(names = "--c", paramLabel = "C",
            description = "logistic, softmax: inverse L2 strength, scikit-learn's C (default 1).")
    double c = 1.0;

    @Option(names = "--penalty", paramLabel = "P",
            description = "logistic, softmax: l2 (default), l1, elastic_net (with --l1-ratio) or none.")
    String penalty = "l2";

    @Option(names = "--class-weight", paramLabel = "W",
            description = "logistic, softmax: balanced (weights m/(K·count_k), as scikit-learn), or none (default).")
    String classWeight = "none";

    @Option(names = "--gd-mode", paramLabel = "MODE",
            description = "gd: batch (default), mini_batch or stochastic.")
    String gdMode = "batch";

    @Option(names = "--learning-rate", paramLabel = "ETA",
            description = "gd: initial learning rate (default: automatic, 1/L from a power iteration).")
    Double learningRate;

    @Option(names = "--schedule", paramLabel = "S",
            description = "gd: constant (default), inverse_scaling or step.")
    String schedule = "constant";

    @Option(names = "--decay", paramLabel = "D",
            description = "gd: decay of the inverse_scaling (η/(1 + D·epoch)) and step schedules (default 0).")
    Double decay;

    @Option(names = "--epochs", paramLabel = "N", description = "gd: maximum epochs (default 100000; gradient descent "
            + "stops earlier, on its gradient certificate).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "gd mini_batch: rows per batch (default 32).")
    Integer batchSize;

    @Option(names = "--seed", paramLabel = "S",
            description = "gd: shuffling seed; lasso, elasticnet: fold assignment seed; with --test-fraction (any "
                    + "model): the split's seed (default 42).")
    Long seed;

    /** @return the --seed given, or 42: the one default of every seeded step (folds, splits, shuffling) */
    long seedOrDefault() {
        return seed == null ? 42 : seed;
    }

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "Every model: hold out this share of the rows (stratified by class for logistic and "
                    + "softmax; chosen by --seed), fit on the rest, and report the metrics on the held-out rows.")
    Double testFraction;

    @Option(names = "--test", paramLabel = "FILE",
            description = "Every model: report the metrics on this file besides the training metrics: a CSV with "
                    + "the same columns as the data; with --format libsvm a LIBSVM file of the same features; with "
                    + "--hash a CSV whose columns are hashed as the data's.")
    java.nio.file.Path test;

    /** @return the logistic options from --c, --penalty, --class-weight, --solver, --no-intercept */
    dev.linea.models.logistic.LogisticOptions logistic() {
        dev.linea.models.logistic.LogisticOptions o = dev.linea.models.logistic.LogisticOptions.defaults()
                .withC(c).withIntercept(!noIntercept)
                .withPenalty(FitCommand.parseEnum(dev.linea.models.logistic.Penalty.class, penalty, "--penalty"))
                .withClassWeight(classWeights());
        if (l1Ratio != null) {
            o = o.withL1Ratio(l1Ratio);
        }
        if (!solver.equalsIgnoreCase("auto")) {
            o = o.withSolver(FitCommand.parseEnum(dev.linea.models.logistic.LogisticSolver.class, solver, "--solver"));
        }
        if (tol != null) {
            o = o.withTol(tol);
        }
        if (maxIter != null) {
            o = o.withMaxIterations(maxIter);
        }
        return o;
    }

    /** @return the softmax options from --c, --penalty, --l1-ratio, --class-weight, --tol, --max-iter */
    dev.linea.models.logistic.SoftmaxOptions softmax() {
        dev.linea.models.logistic.SoftmaxOptions o = dev.linea.models.logistic.SoftmaxOptions.defaults().withC(c)
                .withIntercept(!noIntercept)
                .withPenalty(FitCommand.parseEnum(dev.linea.models.logistic.Penalty.class, penalty, "--penalty"))
                .withClassWeight(classWeights());
        if (l1Ratio != null) {
            o = o.withL1Ratio(l1Ratio);
        }
        if (tol != null) {
            o = o.withTol(tol);
        }
        if (maxIter != null) {
            o = o.withMaxIterations(maxIter);
        }
        return o;
    }

    dev.linea.models.logistic.ClassWeights classWeights() {
        return switch (classWeight.toLowerCase(java.util.Locale.ROOT)) {
            case "none" -> dev.linea.models.logistic.ClassWeights.none();
            case "balanced" -> dev.linea.models.logistic.ClassWeights.balanced();
            default -> throw new IllegalArgumentException("--class-weight = '" + classWeight
                    + "', expected balanced or none");
        };
    }

    /** @return the elastic-net options of a lasso (l1 share 1) or elastic net (--l1-ratio, default 0.5) */
    dev.linea.models.lasso.ElasticNetOptions elasticNet(boolean lasso) {
        double a = lasso ? 1.0 : l1Ratio == null ? 0.5 : l1Ratio;
        return stopping(dev.linea.models.lasso.ElasticNetOptions.elasticNet(a).withPath(nLambda, Double.NaN)
                .withIntercept(!noIntercept));
    }

    /** @return {@code o} with --tol and --max-iter applied where given (validated by the options record) */
    dev.linea.models.lasso.ElasticNetOptions stopping(dev.linea.models.lasso.ElasticNetOptions o) {
        return o.withThreshold(tol == null ? o.threshold() : tol, maxIter == null ? o.maxPasses() : maxIter);
    }

    /**
     * Checks up front that {@code paths} regularization paths of --n-lambda values over {@code features} columns
     * fit in the heap: each λ keeps its coefficients and a few statistics.
     *
     * @throws IllegalArgumentException with the size needed and the limit
     */
    void requirePathFits(int features, int paths) {
        MemoryBudget.require("--n-lambda " + nLambda + " (" + paths + (paths == 1 ? " path" : " paths, the full "
                        + "data's and one per fold,") + " of " + nLambda + " λ × " + features + " coefficients)",
                (double) nLambda * (features + 4) * paths, "use fewer λ values (glmnet's default is 100)");
    }

    /**
     * The sparse twin of {@link #requirePathFits}: a sparse path keeps per λ a few statistics and its non-zero
     * coefficients (counted here at the least, as none), so only --n-lambda itself is bounded up front.
     *
     * @throws IllegalArgumentException with the size needed and the limit
     */
    void requireSparsePathFits(int paths) {
        MemoryBudget.require("--n-lambda " + nLambda + " (" + paths + (paths == 1 ? " sparse path" : " sparse paths, "
                        + "the full data's and one per fold,") + " of " + nLambda + " λ, each with its statistics "
                        + "and non-zero coefficients)", (double) nLambda * 8 * paths,
                "use fewer λ values (glmnet's default is 100)");
    }

    /** @return the α grid from {@link #alphas} */
    double[] alphaGrid() {
        String g = alphas.trim();
        if (g.contains(":")) {
            String[] p = g.split(":");
            if (p.length != 3) {
                throw new IllegalArgumentException("--alphas = '" + alphas + "', expected FROM:TO:COUNT (powers of ten)"
                        + " or a comma-separated list");
            }
            try {
                return dev.linea.models.ridge.RidgeCVOptions.logGrid(Double.parseDouble(p[0]),
                        Double.parseDouble(p[1]), Integer.parseInt(p[2]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--alphas = '" + alphas + "': " + e.getMessage()
                        + ", expected FROM:TO:COUNT such as -3:3:13");
            }
        }
        String[] parts = g.split(",");
        double[] v = new double[parts.length];
        for (int k = 0; k < parts.length; k++) {
            try {
                v[k] = Double.parseDouble(parts[k].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--alphas: '" + parts[k] + "' is not a number");
            }
        }
        return v;
    }
}
