package dev.linea.cli;

import dev.linea.kernels.Backend;
import dev.linea.models.Dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The estimator registry of {@code linea fit --model}: each model declares the estimator options it takes (the
 * options of {@link EstimatorOptions}; data, output and preprocessing options apply to every model) and how it
 * builds its options record from them and fits. The command rejects any estimator option given explicitly that its
 * model does not take, so that no option is silently ignored; {@code fit --model M --help} lists only M's options.
 * Options that apply only together with another value of the same model (--folds without --lambda, --l1-ratio with
 * --penalty elastic_net, …) are checked by {@link #checkCombination}.
 */
enum Estimator {
    ols("ordinary least squares", List.of("--solver"), Estimators::ols),
    ridge("ridge regression", List.of("--alpha", "--solver"), Estimators::ridge),
    ridgecv("ridge with α chosen by leave-one-out or GCV", List.of("--alphas", "--cv"), Estimators::ridgeCv),
    gd("least squares by gradient descent", List.of("--alpha", "--gd-mode", "--learning-rate", "--schedule",
            "--decay", "--epochs", "--batch-size", "--seed", "--tol", "--max-iter"), Estimators::gradientDescent) {
        @Override
        void checkCombination(Set<String> given, EstimatorOptions o) {
            String mode = o.gdMode.toLowerCase(Locale.ROOT).replace('-', '_');
            String schedule = o.schedule.toLowerCase(Locale.ROOT).replace('-', '_');
            requireWith(given, "--batch-size", mode.equals("mini_batch"), "--gd-mode mini_batch", "--gd-mode " + mode);
            requireWith(given, "--seed", !mode.equals("batch"), "--gd-mode mini_batch or stochastic (batch "
                    + "gradient descent does not shuffle)", "--gd-mode " + mode);
            requireWith(given, "--decay", !schedule.equals("constant"), "--schedule inverse_scaling or step",
                    "--schedule " + schedule);
            if (given.contains("--epochs") && given.contains("--max-iter")) {
                throw new IllegalArgumentException("--epochs and --max-iter both limit gradient descent's epochs: "
                        + "give one of them");
            }
        }
    },
    lasso("the lasso (glmnet's coordinate descent)", List.of("--lambda", "--folds", "--n-lambda", "--seed", "--tol",
            "--max-iter"),
            Estimators::lasso) {
        @Override
        void checkCombination(Set<String> given, EstimatorOptions o) {
            penaltyChosenOnce(given);
        }
    },
    elasticnet("the elastic net (glmnet's coordinate descent)", List.of("--l1-ratio", "--lambda", "--folds",
            "--n-lambda", "--seed", "--tol", "--max-iter"), Estimators::elasticNet) {
        @Override
        void checkCombination(Set<String> given, EstimatorOptions o) {
            penaltyChosenOnce(given);
        }
    },
    poisson("Poisson GLM", List.of("--link", "--alpha", "--offset", "--tol", "--max-iter"), Estimators::glm),
    gamma("Gamma GLM", List.of("--link", "--alpha", "--offset", "--tol", "--max-iter"), Estimators::glm),
    tweedie("Tweedie GLM", List.of("--power", "--link", "--alpha", "--offset", "--tol", "--max-iter"),
            Estimators::glm),
    huber("Huber regression", List.of("--epsilon", "--alpha", "--tol", "--max-iter"), Estimators::huber),
    logistic("binary logistic regression", List.of("--c", "--penalty", "--l1-ratio", "--class-weight", "--solver",
            "--tol", "--max-iter"), Estimators::logistic) {
        @Override
        void checkCombination(Set<String> given, EstimatorOptions o) {
            classifierPenalty(given, o);
        }
    },
    /** Fitted and printed per class by {@link Softmax} (one linear predictor per class), hence no {@link Fitter}. */
    softmax("multinomial (softmax) regression", List.of("--c", "--penalty", "--l1-ratio", "--class-weight", "--tol",
            "--max-iter"), null) {
        @Override
        void checkCombination(Set<String> given, EstimatorOptions o) {
            classifierPenalty(given, o);
        }
    };

    /** Estimator options every model takes. */
    static final List<String> EVERY_MODEL = List.of("--no-intercept", "--test-fraction", "--test");

    /** @return whether the model predicts classes (held-out splits and folds are then stratified by class) */
    boolean classifier() {
        return this == logistic || this == softmax;
    }

    /**
     * The estimator options of {@code fit} checked against the registry: with --test-fraction, --seed is the
     * split's seed, which every model takes (a model that shuffles or folds with a seed uses the same one).
     */
    void checkFit(Set<String> given, EstimatorOptions o) {
        if (given.contains("--test-fraction") && given.contains("--test")) {
            throw new IllegalArgumentException("--test-fraction and --test both choose the held-out rows, expected "
                    + "one of them");
        }
        Set<String> checked = new java.util.LinkedHashSet<>(given);
        if (given.contains("--test-fraction")) {
            checked.remove("--seed");
        }
        check(checked, o);
    }

    /** How a model fits: from the (preprocessed) design, an offset on the linear predictor (or null) and options. */
    interface Fitter {
        Estimators.Fitted fit(Estimator model, Dataset d, double[] offset, Backend b, EstimatorOptions o);
    }

    final String summary;
    /** The estimator options this model takes, besides {@link #EVERY_MODEL}. */
    final List<String> options;
    final Fitter fitter;

    Estimator(String summary, List<String> options, Fitter fitter) {
        this.summary = summary;
        this.options = options;
        this.fitter = fitter;
    }

    /** @return whether this model takes the estimator option named {@code option} (its long name) */
    boolean takes(String option) {
        return EVERY_MODEL.contains(option) || options.contains(option);
    }

    /**
     * Rejects an estimator option given explicitly that this model does not take, or takes only with another value.
     *
     * @param given the long names of the estimator options given on the command line
     * @throws IllegalArgumentException naming the option and the model
     */
    void check(Set<String> given, EstimatorOptions o) {
        for (String g : given) {
            if (!takes(g)) {
                throw new IllegalArgumentException(g + " does not apply to --model " + name() + " (" + summary
                        + "; it takes " + String.join(", ", options) + (options.isEmpty() ? "" : ", ")
                        + String.join(", ", EVERY_MODEL) + hint(g) + ")");
            }
        }
        checkCombination(given, o);
    }

    /** The models that fit a sparse design ({@code --format libsvm}, {@code --hash}); see {@link SparseFit}. */
    static final List<Estimator> SPARSE = List.of(logistic, lasso, elasticnet, ridge, poisson, gd);

    /**
     * Estimator options that no sparse fit takes, each with the reason: no sparse fit takes an offset. (The lasso
     * path's cross-validation options, --folds and --n-lambda, apply: the path is cross-validated on CSR rows.)
     */
    static final java.util.Map<String, String> NOT_SPARSE = java.util.Map.of(
            "--offset", "no sparse fit takes an offset");

    /**
     * The registry's check of a fit on a sparse design: the model must fit one, its options as {@link #checkFit}
     * (--test or --test-fraction, and --seed as the split's seed), and none of {@link #NOT_SPARSE}; the lasso and the elastic net
     * without {@code --lambda} choose λ by the path's cross-validation, as on dense inputs.
     *
     * @param input how the sparse input was asked for, for messages ("--format libsvm")
     * @throws IllegalArgumentException naming the model or the option
     */
    void checkSparse(Set<String> given, EstimatorOptions o, String input, boolean modelGiven) {
        requireSparse(input, modelGiven);
        checkFit(given, o);
        checkSparseOptions(given, input);
    }

    /** @throws IllegalArgumentException when this model fits no sparse design, naming it and the ones that do */
    void requireSparse(String input, boolean modelGiven) {
        if (!SPARSE.contains(this)) {
            throw new IllegalArgumentException("--model " + name() + (modelGiven ? "" : " (the default)")
                    + " does not apply to sparse inputs (" + input + "), expected one of the sparse fits: --model "
                    + String.join(", ", SPARSE.stream().map(Enum::name).toList()));
        }
    }

    /**
     * The sparse-only refusals, after the model's own check: {@link #NOT_SPARSE}, --solver for the sparse ridge.
     */
    void checkSparseOptions(Set<String> given, String input) {
        for (String g : given) {
            String why = NOT_SPARSE.get(g);
            if (why != null) {
                throw new IllegalArgumentException(g + " does not apply to sparse inputs (" + input + ") with --model "
                        + name() + ": " + why);
            }
        }
        if (this == ridge && given.contains("--solver")) {
            throw new IllegalArgumentException("--solver does not apply to --model ridge on sparse inputs (" + input
                    + "): the sparse ridge is solved by conjugate gradients over the non-zeros, without a Gram matrix");
        }
    }

    /** Cross-option rules of this model: an option that applies only together with another's value. */
    void checkCombination(Set<String> given, EstimatorOptions o) {
    }

    /** Where the option the user gave belongs instead, when that is not obvious. */
    private String hint(String option) {
        List<String> takers = new ArrayList<>();
        for (Estimator e : values()) {
            if (e.options.contains(option)) {
                takers.add(e.name());
            }
        }
        String where = takers.isEmpty() ? "" : "; " + option + " is for --model " + String.join(", ", takers);
        if (option.equals("--alpha") && (this == lasso || this == elasticnet)) {
            return where + "; the lasso's penalty is --lambda, or chosen by --folds cross-validation";
        }
        return where;
    }

    private static void requireWith(Set<String> given, String option, boolean applies, String needs, String found) {
        if (given.contains(option) && !applies) {
            throw new IllegalArgumentException(option + " applies only with " + needs + ", found " + found);
        }
    }

    /** --lambda fixes the penalty; the cross-validation options then have nothing to choose. */
    private static void penaltyChosenOnce(Set<String> given) {
        if (given.contains("--lambda")) {
            for (String cv : List.of("--folds", "--seed", "--n-lambda")) {
                if (given.contains(cv)) {
                    throw new IllegalArgumentException(cv + " does not apply with --lambda: the path and its "
                            + "cross-validation run only when --lambda is absent (give one or the other)");
                }
            }
        }
    }

    private static void classifierPenalty(Set<String> given, EstimatorOptions o) {
        String penalty = o.penalty.toLowerCase(Locale.ROOT).replace('-', '_');
        requireWith(given, "--l1-ratio", penalty.equals("elastic_net"), "--penalty elastic_net",
                "--penalty " + penalty);
        requireWith(given, "--c", !penalty.equals("none"), "a penalty (--penalty l2, l1 or elastic_net; "
                + "--penalty none has no strength C)", "--penalty " + penalty);
    }

    /**
     * Rejects estimator options that a command other than fit does not take (path and cv take the lasso's).
     *
     * @param what    the command and model, e.g. "linea path --model lasso"
     * @param accepts the long names it takes
     */
    static void checkOnly(String what, List<String> accepts, Set<String> given) {
        for (String g : given) {
            if (!accepts.contains(g)) {
                throw new IllegalArgumentException(g + " does not apply to " + what + " (it takes "
                        + String.join(", ", accepts) + ")");
            }
        }
    }
}
