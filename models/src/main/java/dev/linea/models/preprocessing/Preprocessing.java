package dev.linea.models.preprocessing;

import dev.linea.models.GeneratedNames;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What turns a row of raw inputs into the features a predictor reads, as structured steps that a model file
 * records and a scorer replays (never re-derived from feature names):
 * <ol>
 *   <li>optionally an {@link Encoding} of typed raw columns (numeric, boolean, categorical one-hot, missing cells
 *       filled) into numeric columns, the "dense inputs" ({@link #denseInputs()}); without it the inputs are
 *       numbers already;</li>
 *   <li>optionally a {@link Polynomial} expansion of the inputs (the plan of a {@link PolynomialFeatures}, without
 *       its bias column: the predictor has its own intercept);</li>
 *   <li>or, instead of a polynomial expansion, a {@link Terms} step: the features of a model formula, made from
 *       the dense inputs (a formula's categorical columns are fully coded by the encoding; the formula picks the
 *       indicators it keeps, see {@link dev.linea.models.formula.DesignPlan});</li>
 *   <li>optionally a {@link Standardization} of the features at that point, {@code z_j = (x_j − m_j) / s_j}.</li>
 * </ol>
 * and, apart from the features, the name of an {@link #offset()} column whose value is added to the linear predictor
 * (log exposure). Immutable.
 *
 * <p>A sparse design has instead, alone, a {@link FeatureHashing} step: its hashed columns are the last inputs, in
 * its order, and the features are the other inputs followed by the hashed blocks. The inputs may also be a
 * {@link GeneratedNames} list (a LIBSVM file's columns {@code f1 … fn}), kept as it is.
 *
 * @param inputs the raw input columns, in order, distinct
 * @param steps  the steps, in the order they apply: at most one encoding, then at most one polynomial expansion,
 *               then at most one standardization
 * @param offset the offset column's name, or null (none); not an input
 */
public record Preprocessing(List<String> inputs, List<Step> steps, String offset) {

    /** One preprocessing step. */
    public sealed interface Step permits Encoding, Polynomial, Standardization, FeatureHashing, Terms {
    }

    /**
     * The features a model formula makes of the dense inputs ({@link dev.linea.models.formula.DesignPlan}): terms,
     * interactions, {@code I(…)} arithmetic and categorical indicators. It comes right after the encoding (or
     * first), instead of a polynomial expansion.
     *
     * @param plan the compiled formula
     */
    public record Terms(dev.linea.models.formula.DesignPlan plan) implements Step {
        /** @throws NullPointerException for a null plan */
        public Terms {
            Objects.requireNonNull(plan, "plan");
        }
    }

    /**
     * A polynomial expansion: the features become {@code plan.names(inputs)}, each computed as
     * {@link PolynomialFeatures} computes it.
     *
     * @param plan degree and interaction-only; no bias column
     */
    public record Polynomial(PolynomialFeatures plan) implements Step {
        /** @throws IllegalArgumentException for a plan with a bias column */
        public Polynomial {
            Objects.requireNonNull(plan, "plan");
            if (plan.includeBias()) {
                throw new IllegalArgumentException("a polynomial step with a bias column, expected none (the "
                        + "predictor has its own intercept)");
            }
        }

        /** Equal when the plans are: same degree, same interaction-only flag. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Polynomial p && p.plan.degree() == plan.degree()
                    && p.plan.interactionOnly() == plan.interactionOnly();
        }

        @Override
        public int hashCode() {
            return 31 * plan.degree() + (plan.interactionOnly() ? 1 : 0);
        }

        @Override
        public String toString() {
            return "Polynomial[degree=" + plan.degree() + ", interactionOnly=" + plan.interactionOnly() + "]";
        }
    }

    /**
     * Standardization of the features: {@code z_j = (x_j − means[j]) / scales[j]}, the values the scaler applied
     * (a mean of 0 where it did not centre, a scale of 1 where it did not scale or the column was constant).
     *
     * @param means  finite; copied
     * @param scales finite and &gt; 0; copied
     */
    public record Standardization(double[] means, double[] scales) implements Step {
        /** @throws IllegalArgumentException for lengths that differ or a value out of range, naming it */
        public Standardization {
            Objects.requireNonNull(means, "means");
            Objects.requireNonNull(scales, "scales");
            if (means.length != scales.length) {
                throw new IllegalArgumentException("standardization has " + means.length + " means and "
                        + scales.length + " scales, expected one of each per feature");
            }
            for (int j = 0; j < means.length; j++) {
                if (!Double.isFinite(means[j])) {
                    throw new IllegalArgumentException("standardization mean " + j + " is " + means[j]
                            + ", expected a finite number");
                }
                if (!(scales[j] > 0) || !Double.isFinite(scales[j])) {
                    throw new IllegalArgumentException("standardization scale " + j + " is " + scales[j]
                            + ", expected a finite number > 0");
                }
            }
            means = means.clone();
            scales = scales.clone();
        }

        /** The step a fitted scaler applies (its shift and divisor, as {@link StandardScaler#transform} uses). */
        public static Standardization of(StandardScaler scaler) {
            double[] m = scaler.means();
            double[] s = scaler.scales();
            for (int j = 0; j < m.length; j++) {
                m[j] = scaler.options().withMean() ? m[j] : 0;
                s[j] = scaler.options().withStd() ? s[j] : 1;
            }
            return new Standardization(m, s);
        }

        @Override
        public double[] means() {
            return means.clone();
        }

        @Override
        public double[] scales() {
            return scales.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Standardization s && Arrays.equals(means, s.means)
                    && Arrays.equals(scales, s.scales);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(means) + Arrays.hashCode(scales);
        }

        @Override
        public String toString() {
            return "Standardization[means=" + Arrays.toString(means) + ", scales=" + Arrays.toString(scales) + "]";
        }
    }

    /** @throws IllegalArgumentException for repeated inputs, steps out of order or of the wrong width, or an offset
     *                                   that is also an input */
    public Preprocessing {
        Objects.requireNonNull(inputs, "inputs");
        boolean generated = inputs instanceof GeneratedNames; // immutable and distinct by construction
        inputs = generated ? inputs : List.copyOf(inputs);
        steps = List.copyOf(steps);
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < (generated ? 0 : inputs.size()); j++) {
            Integer first = seen.putIfAbsent(inputs.get(j), j);
            if (first != null) {
                throw new IllegalArgumentException("inputs " + (first + 1) + " and " + (j + 1) + " (1-based) are "
                        + "both named '" + inputs.get(j) + "', expected distinct names");
            }
        }
        int width = inputs.size();
        boolean polynomial = false;
        boolean standardized = false;
        boolean first = true;
        List<String> dense = inputs;
        for (Step s : steps) {
            switch (s) {
                case Terms t -> {
                    if (polynomial || standardized || !(first || steps.getFirst() instanceof Encoding
                            && steps.get(1) == t)) {
                        throw new IllegalArgumentException("a formula step after " + (polynomial
                                ? "a polynomial or formula step" : standardized ? "the standardization"
                                : "another step") + ", expected it first or right after the encoding");
                    }
                    if (!t.plan().denseInputs().equals(dense)) {
                        throw new IllegalArgumentException("a formula step reading " + t.plan().denseInputs()
                                + " from the columns " + dense + ", expected the same names in the same order");
                    }
                    polynomial = true;
                    width = t.plan().names().size();
                }
                case FeatureHashing h -> {
                    if (steps.size() != 1) {
                        throw new IllegalArgumentException("feature hashing with " + (steps.size() - 1)
                                + " other step(s), expected it alone (a hashed design is neither expanded nor "
                                + "centred: that would densify it)");
                    }
                    List<String> names = h.names();
                    if (inputs.size() < names.size()
                            || !inputs.subList(inputs.size() - names.size(), inputs.size()).equals(names)) {
                        throw new IllegalArgumentException("hashed columns " + names + ", expected them to be the "
                                + "last inputs, in that order (inputs " + inputs + ")");
                    }
                    width = width - names.size() + h.width();
                }
                case Encoding e -> {
                    if (!first) {
                        throw new IllegalArgumentException("an encoding step after another step, expected it first");
                    }
                    if (!e.inputs().equals(inputs)) {
                        throw new IllegalArgumentException("the encoding's columns " + e.inputs() + " are not the "
                                + "inputs " + inputs + ", expected the same names in the same order");
                    }
                    width = e.width();
                    dense = e.features();
                }
                case Polynomial p -> {
                    if (polynomial || standardized) {
                        throw new IllegalArgumentException("a polynomial step after " + (polynomial
                                ? "another polynomial or formula step" : "the standardization") + ", expected at most "
                                + "one, "
                                + "before any standardization");
                    }
                    polynomial = true;
                    width = p.plan().outputColumns(width);
                }
                case Standardization z -> {
                    if (standardized) {
                        throw new IllegalArgumentException("two standardization steps, expected at most one");
                    }
                    standardized = true;
                    if (z.means.length != width) {
                        throw new IllegalArgumentException("the standardization has " + z.means.length
                                + " means and scales, expected " + width + " (one per feature at that step)");
                    }
                }
            }
            first = false;
        }
        if (offset != null && (offset.isBlank() || inputs.contains(offset))) {
            throw new IllegalArgumentException("offset column '" + offset + "', expected a name that is not an input "
                    + inputs);
        }
    }

    /** @return no steps and no offset: the inputs are the features */
    public static Preprocessing none(List<String> inputs) {
        return new Preprocessing(inputs, List.of(), null);
    }

    /** @return these steps followed by {@code step} */
    public Preprocessing then(Step step) {
        List<Step> s = new ArrayList<>(steps);
        s.add(Objects.requireNonNull(step, "step"));
        return new Preprocessing(inputs, s, offset);
    }

    /** @return the same steps with this offset column (null: none) */
    public Preprocessing withOffset(String column) {
        return new Preprocessing(inputs, steps, column);
    }

    /** @return the polynomial step, if any */
    public Optional<Polynomial> polynomial() {
        return steps.stream().filter(Polynomial.class::isInstance).map(Polynomial.class::cast).findFirst();
    }

    /** @return the formula step, if any */
    public Optional<Terms> terms() {
        return steps.stream().filter(Terms.class::isInstance).map(Terms.class::cast).findFirst();
    }

    /** @return the standardization step, if any */
    public Optional<Standardization> standardization() {
        return steps.stream().filter(Standardization.class::isInstance).map(Standardization.class::cast)
                .findFirst();
    }

    /** @return the feature hashing step, if any */
    public Optional<FeatureHashing> hashing() {
        return steps.stream().filter(FeatureHashing.class::isInstance).map(FeatureHashing.class::cast).findFirst();
    }

    /** @return the inputs that are not hashed (all of them without a hashing step), in order */
    public List<String> numericInputs() {
        return hashing().map(h -> inputs.subList(0, inputs.size() - h.columns().size())).orElse(inputs);
    }

    /** @return the encoding step, if any (it is the first step) */
    public Optional<Encoding> encoding() {
        return steps.stream().filter(Encoding.class::isInstance).map(Encoding.class::cast).findFirst();
    }

    /**
     * @return the numeric columns the steps after the encoding read: the encoding's features, or the inputs when
     *         there is no encoding (a dense row of a scorer holds these)
     */
    public List<String> denseInputs() {
        return encoding().map(Encoding::features).orElse(inputs);
    }

    /** @return the features the steps produce from the inputs: the predictor's feature names */
    public List<String> features() {
        Optional<FeatureHashing> h = hashing();
        if (h.isPresent()) {
            return h.get().featureNames(numericInputs());
        }
        Optional<Terms> terms = terms();
        if (terms.isPresent()) {
            return terms.get().plan().names();
        }
        List<String> dense = denseInputs();
        return polynomial().map(p -> p.plan().names(dense)).orElse(dense);
    }

    /**
     * Applies the steps after any encoding to one dense row (a convenience that allocates; the scorer compiles the
     * steps instead).
     *
     * @param raw one value per dense input ({@link #denseInputs()}); not modified
     * @return a new array of the features
     */
    public double[] apply(double[] raw) {
        int n = denseInputs().size();
        if (raw.length != n) {
            throw new IllegalArgumentException("row has " + raw.length + " values, expected " + n
                    + " (the inputs " + denseInputs() + ")");
        }
        double[] x = raw.clone();
        for (Step s : steps) {
            switch (s) {
                case FeatureHashing h -> throw new IllegalArgumentException("a row of numbers cannot hold the "
                        + "categorical values of the hashed columns " + h.names() + ": score it with SparseScorer");
                case Encoding e -> {
                    // the row is already encoded
                }
                case Polynomial p -> x = p.plan().transformRow(x);
                case Terms t -> {
                    double[] f = new double[t.plan().names().size()];
                    t.plan().transform(x, 0, f, 0);
                    x = f;
                }
                case Standardization z -> {
                    for (int j = 0; j < x.length; j++) {
                        x[j] = (x[j] - z.means[j]) / z.scales[j];
                    }
                }
            }
        }
        return x;
    }
}
