package dev.linea.models.io;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linea.models.ClassLabels;
import dev.linea.models.Distribution;
import dev.linea.models.GeneratedNames;
import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.LinearPredictor;
import dev.linea.models.Predictor;
import dev.linea.models.SoftmaxPredictor;
import dev.linea.models.glm.Link;
import dev.linea.models.logistic.SoftmaxModel;
import dev.linea.models.formula.DesignPlan;
import dev.linea.models.formula.Formula;
import dev.linea.models.preprocessing.FeatureHashing;
import dev.linea.models.preprocessing.Encoding;
import dev.linea.models.preprocessing.PolynomialFeatures;
import dev.linea.models.preprocessing.Preprocessing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves a {@link Predictor} with the preprocessing that makes its features, and loads it back, as a versioned JSON
 * document. Version 6 (what this code writes):
 * <pre>{
 *   "format": "linea-model", "version": 6,
 *   "family": "poisson", "link": "log",        (gaussian, poisson, gamma, tweedie: identity, log or inverse;
 *                                              binomial: logit; multinomial: softmax)
 *   "target": "claims",
 *   "inputs": ["age", "power"],                the raw columns a row must provide, in order
 *   "offset": "log_exposure",                  (optional) a column added to the linear predictor, not a feature
 *   "preprocessing": [                         (optional) the steps from inputs to features, in order:
 *     {"step": "encode", "missing": "median,mode", "columns": [       typed columns (first step; version 6)
 *        {"name": "region", "type": "categorical", "levels": ["east", "north", "missing"], "coding": "treatment",
 *         "reference": "east", "fill": "missing"},                    features region[T.north], region[T.missing]
 *        {"name": "age", "type": "numeric", "fill": 41.5},            fill: the imputed value (absent: none)
 *        {"name": "member", "type": "boolean"}]},                     one 0/1 feature
 *     {"step": "polynomial", "degree": 2, "interaction_only": false},
 *     {"step": "standardize", "means": [m…], "scales": [s…]}          z = (x − m) / s, one per feature
 *     {"step": "formula", "formula": "y ~ x1 + C(region)"}           a model formula (after the encode step, whose
 *                                              categorical columns are fully coded: the formula's terms are
 *                                              products of its columns; instead of a polynomial step)
 *   ],
 *   "labels": ["no", "yes"],                   (optional; logistic and softmax) the class labels in class order:
 *                                              class c is labels[c]; a binary model's positive class is labels[1]
 *   "features": ["age", "power", "age^2", "age*power", "power^2"],    what the steps produce
 *   "intercept": b, "coefficients": [β…],     on the scale of the features (standardized, when standardized)
 *     (softmax: "classes": K, "intercepts": [b_0…], "coefficients": [[β_0…], …], one row per class)
 *   "training": {"rows": n, "saved_at": ISO-8601, "report": {estimator, backend, solver, iterations, …}}
 * }</pre>
 * A scorer replays the steps ({@code Scorer.of(loaded)}): the polynomial terms from the expansion's plan, the
 * standardization folded into the coefficients, the offset added to η, and the inverse link applied.
 *
 * <p>Version 6 adds sparse designs (a linear predictor only):
 * <pre>
 *   {"step": "hash", "function": "murmurhash3_x86_32", "seed": 0,
 *    "columns": [{"name": "city", "bits": 18}]}          signed feature hashing (FeatureHashing), the only step
 *   "inputs": {"names": ["age"], "numbered": [{"prefix": "f", "first": 1, "count": 1048576}]}
 *                                                       inputs named by number (a LIBSVM file's f1 … fn)
 *   "coefficients": {"size": p, "indices": [j…], "values": [β_j…]}    the non-zero coefficients only
 * </pre>
 * When the inputs are numbered or hashed, "features" is left out (the steps make them: {@code city#0 …}) and the
 * coefficients are written in the sparse form: a 2^20-feature model is then the size of its non-zeros.
 *
 * <p>Older files still load: version 1 (a linear predictor), 2 (an optional {@code "preprocessing": {"inputs": […],
 * "polynomial": {"degree": d, "interaction_only": b}}} object), 3 (softmax), 4 (an optional {@code "offset"}), 5
 * (the steps array without the encode, hash or formula steps and without class labels: a classifier's classes
 * are then known by index only, {@link Loaded#classLabels()} gives "0", "1", …).
 *
 * <p>Loading checks everything and fails with an {@link IllegalArgumentException} that says what is wrong: not JSON
 * or truncated (with line and column, in our words, not the parser's), another format, an unknown version, a family
 * and link that no Linea estimator fits together (binomial goes with logit only; the others with identity, log or
 * inverse), a missing or non-numeric field, a non-finite number (including NaN or Infinity tokens and numbers beyond
 * the double range), a feature count that does not match the coefficients, a feature or input name given twice,
 * features that are not what the steps make of the inputs, a standardization scale that is not positive, a
 * {@code classes} count that disagrees with the coefficient rows, an offset that is also an input or the target.
 */
public final class ModelFiles {
    /** The format version this code writes; it reads versions 1…{@value}. */
    public static final int VERSION = 6;
    static final String FORMAT = "linea-model";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);

    private ModelFiles() {
    }

    /**
     * A loaded model: the predictor, the preprocessing its features come from (never null: no steps when there
     * are none), and what the file says about its training.
     *
     * @param version the file's format version
     */
    public record Loaded(Predictor predictor, Preprocessing preprocessing, String target, int rows, int version,
                         ClassLabels labels) {
        public Loaded {
            java.util.Objects.requireNonNull(predictor, "predictor");
            java.util.Objects.requireNonNull(preprocessing, "preprocessing");
        }

        /** A loaded model without class labels in the file. */
        public Loaded(Predictor predictor, Preprocessing preprocessing, String target, int rows, int version) {
            this(predictor, preprocessing, target, rows, version, null);
        }

        /**
         * @return a classifier's labels in class order: the file's, or "0", "1", … (K − 1) when it has none (version
         *         5 and older); null for a model that is not a classifier
         */
        public ClassLabels classLabels() {
            if (labels != null) {
                return labels;
            }
            return switch (predictor) {
                case SoftmaxPredictor sp -> ClassLabels.indices(sp.classCount());
                case LinearPredictor lp -> lp.link() == Link.LOGIT ? ClassLabels.indices(2) : null;
            };
        }

        /** @return the columns a data file must provide: the raw inputs, before any step (the offset excluded) */
        public List<String> inputs() {
            return preprocessing.inputs();
        }

        /** @return the column added to the linear predictor before the inverse link, or null (none) */
        public String offset() {
            return preprocessing.offset();
        }

        /**
         * @return the linear predictor
         * @throws IllegalArgumentException for a softmax model file
         */
        public LinearPredictor linear() {
            if (predictor instanceof LinearPredictor lp) {
                return lp;
            }
            throw new IllegalArgumentException("a softmax model file has " + ((SoftmaxPredictor) predictor)
                    .classCount() + " classes, expected a single linear predictor: use SoftmaxScorer.of(loaded)");
        }

        /** @return the linear predictor's b and β (on the scale of its features), for a linear model file */
        public LinearModel model() {
            return linear().model();
        }
    }

    /** Writes a least-squares model (Gaussian family, identity link) of its own features. */
    public static void save(LinearModel model, String target, int rows, Path file) {
        save(LinearPredictor.identity(model), target, rows, file);
    }

    /**
     * Writes a predictor of its own features (no preprocessing, no offset).
     *
     * @param predictor any fit's {@code predictor()}
     * @param target    the target column's name
     * @param rows      the number of training rows
     * @param file      written (replaced)
     */
    public static void save(Predictor predictor, String target, int rows, Path file) {
        save(predictor, Preprocessing.none(predictor.featureNames()), target, rows, file);
    }

    /**
     * Writes a predictor with the preprocessing its features come from.
     *
     * @param preprocessing the steps from the raw inputs to {@code predictor}'s features, and the offset column
     * @throws IllegalArgumentException when the steps do not produce the predictor's features, or a softmax
     *                                  predictor comes with a polynomial step or an offset (its scorer takes neither)
     */
    public static void save(Predictor predictor, Preprocessing preprocessing, String target, int rows, Path file) {
        save(predictor, preprocessing, null, target, rows, file);
    }

    /**
     * Writes a classifier with its class labels (or any predictor, labels null).
     *
     * @param labels the classes in class order (2 for logistic, K for softmax), or null
     * @throws IllegalArgumentException as {@link #save(Predictor, Preprocessing, String, int, Path)}, or for labels
     *                                  whose count is not the predictor's number of classes
     */
    public static void save(Predictor predictor, Preprocessing preprocessing, ClassLabels labels, String target,
                            int rows, Path file) {
        String json = toJson(predictor, preprocessing, labels, target, rows);
        try {
            Files.writeString(file, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model file " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the JSON document of a least-squares model of its own features */
    public static String toJson(LinearModel model, String target, int rows) {
        return toJson(LinearPredictor.identity(model), Preprocessing.none(model.featureNames()), target, rows);
    }

    /** @return the JSON document (version {@value #VERSION}) of a predictor and its preprocessing */
    public static String toJson(Predictor predictor, Preprocessing preprocessing, String target, int rows) {
        return toJson(predictor, preprocessing, null, target, rows);
    }

    /** @return the JSON document (version {@value #VERSION}) of a predictor, its preprocessing and class labels */
    public static String toJson(Predictor predictor, Preprocessing preprocessing, ClassLabels labels, String target,
                                int rows) {
        java.util.Objects.requireNonNull(predictor, "predictor");
        if (labels != null) {
            int k = switch (predictor) {
                case SoftmaxPredictor sp -> sp.classCount();
                case LinearPredictor lp -> lp.link() == Link.LOGIT ? 2 : 0;
            };
            if (labels.count() != k) {
                throw new IllegalArgumentException("class labels " + labels.labels() + " for a model of "
                        + (k == 0 ? "no classes (not a classifier)" : k + " classes") + ", expected one label per "
                        + "class");
            }
        }
        java.util.Objects.requireNonNull(preprocessing, "preprocessing");
        java.util.Objects.requireNonNull(target, "target");
        List<String> expected = preprocessing.features();
        if (!expected.equals(predictor.featureNames())) {
            throw new IllegalArgumentException("the predictor's features " + predictor.featureNames()
                    + " are not what the preprocessing makes of the inputs " + preprocessing.inputs() + ", expected "
                    + expected);
        }
        String offset = preprocessing.offset();
        if (offset != null && offset.equals(target)) {
            throw new IllegalArgumentException("offset column '" + offset + "', expected a name that is neither the "
                    + "target nor an input " + preprocessing.inputs());
        }
        if (predictor instanceof SoftmaxPredictor && (preprocessing.polynomial().isPresent() || offset != null)) {
            throw new IllegalArgumentException("a softmax model with " + (offset != null ? "an offset" : "a "
                    + "polynomial step") + ", expected neither (the softmax scorer evaluates no polynomial terms and "
                    + "takes no offset); save without them");
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        boolean sparse = preprocessing.hashing().isPresent() || preprocessing.inputs() instanceof GeneratedNames;
        root.put("version", VERSION);
        switch (predictor) {
            case LinearPredictor lp -> {
                root.put("family", lp.family().key());
                root.put("link", lp.link().key());
            }
            case SoftmaxPredictor sp -> {
                root.put("family", "multinomial");
                root.put("link", "softmax");
            }
        }
        root.put("target", target);
        sparse = preprocessing.hashing().isPresent() || preprocessing.inputs() instanceof GeneratedNames;
        if (sparse && predictor instanceof SoftmaxPredictor) {
            throw new IllegalArgumentException("a softmax model of hashed or numbered inputs, expected a linear "
                    + "predictor (sparse softmax model files are not supported)");
        }
        if (preprocessing.inputs() instanceof GeneratedNames g) {
            ObjectNode inputs = root.putObject("inputs");
            g.head().forEach(inputs.putArray("names")::add);
            ArrayNode numbered = inputs.putArray("numbered");
            for (GeneratedNames.Block b : g.blocks()) {
                numbered.addObject().put("prefix", b.prefix()).put("first", b.first()).put("count", b.size());
            }
        } else {
            ArrayNode inputs = root.putArray("inputs");
            preprocessing.inputs().forEach(inputs::add);
        }
        if (offset != null) {
            root.put("offset", offset);
        }
        if (!preprocessing.steps().isEmpty()) {
            ArrayNode steps = root.putArray("preprocessing");
            for (Preprocessing.Step step : preprocessing.steps()) {
                ObjectNode o = steps.addObject();
                switch (step) {
                    case Encoding e -> EncodingJson.write(o, e);
                    case Preprocessing.Polynomial p -> {
                        o.put("step", "polynomial");
                        o.put("degree", p.plan().degree());
                        o.put("interaction_only", p.plan().interactionOnly());
                    }
                    case Preprocessing.Standardization z -> {
                        o.put("step", "standardize");
                        numbers(o.putArray("means"), z.means());
                        numbers(o.putArray("scales"), z.scales());
                    }
                    case Preprocessing.Terms t -> {
                        o.put("step", "formula");
                        o.put("formula", t.plan().formula().text());
                    }
                    case FeatureHashing h -> {
                        o.put("step", "hash");
                        o.put("function", FeatureHashing.FUNCTION);
                        o.put("seed", h.seed());
                        ArrayNode cols = o.putArray("columns");
                        h.columns().forEach(c -> cols.addObject().put("name", c.name()).put("bits", c.bits()));
                    }
                }
            }
        }
        if (labels != null) {
            ArrayNode l = root.putArray("labels");
            labels.labels().forEach(l::add);
        }
        if (!sparse) {
            ArrayNode features = root.putArray("features");
            predictor.featureNames().forEach(features::add);
        }
        switch (predictor) {
            case LinearPredictor lp -> {
                root.put("intercept", lp.intercept());
                if (sparse) {
                    sparseNumbers(root.putObject("coefficients"), lp.coefficients());
                } else {
                    numbers(root.putArray("coefficients"), lp.coefficients());
                }
            }
            case SoftmaxPredictor sp -> {
                root.put("classes", sp.classCount());
                numbers(root.putArray("intercepts"), sp.model().intercepts());
                ArrayNode coefs = root.putArray("coefficients");
                for (double[] row : sp.model().coefficients()) {
                    numbers(coefs.addArray(), row);
                }
            }
        }
        ObjectNode training = root.putObject("training");
        training.put("rows", rows);
        training.put("saved_at", Instant.now().toString());
        FitReport r = predictor.report();
        if (r != null) {
            ObjectNode rep = training.putObject("report");
            rep.put("estimator", r.estimator());
            rep.put("backend", r.backend());
            rep.put("solver", r.solver());
            rep.put("iterations", r.iterations());
            rep.put("converged", r.converged());
            rep.put("status", r.status());
            rep.put("wall_time_ms", r.wallTime().toNanos() / 1e6);
            ArrayNode notes = rep.putArray("notes");
            r.notes().forEach(notes::add);
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize model: " + e.getMessage(), e);
        }
    }

    private static void numbers(ArrayNode a, double[] values) {
        for (double v : values) {
            a.add(v);
        }
    }

    /** The sparse form: the size, then the index and value of each non-zero, indices increasing. */
    private static void sparseNumbers(ObjectNode o, double[] values) {
        o.put("size", values.length);
        ArrayNode idx = o.putArray("indices");
        ArrayNode val = o.putArray("values");
        for (int j = 0; j < values.length; j++) {
            if (values[j] != 0) {
                idx.add(j);
                val.add(values[j]);
            }
        }
    }

    /** Reads the sparse form of {@link #sparseNumbers}: p values, zero but at the indices listed (increasing). */
    private static double[] sparseCoefficients(JsonNode o, int p, String source) {
        JsonNode size = o.get("size");
        JsonNode idx = o.get("indices");
        JsonNode val = o.get("values");
        if (size == null || !size.isIntegralNumber() || !size.canConvertToInt() || idx == null || !idx.isArray()
                || val == null || !val.isArray() || idx.size() != val.size()) {
            throw new IllegalArgumentException(source + ": 'coefficients' is an object without a whole 'size' and "
                    + "'indices' and 'values' arrays of one length, expected {\"size\": p, \"indices\": [j…], "
                    + "\"values\": [β_j…]}");
        }
        if (size.intValue() != p) {
            throw new IllegalArgumentException(source + ": 'coefficients.size' is " + size.intValue() + ", expected "
                    + p + " (one coefficient per feature)");
        }
        double[] beta = new double[p];
        int previous = -1;
        for (int k = 0; k < idx.size(); k++) {
            JsonNode j = idx.get(k);
            if (!j.isIntegralNumber() || !j.canConvertToInt() || j.intValue() <= previous || j.intValue() >= p) {
                throw new IllegalArgumentException(source + ": 'coefficients.indices[" + k + "]' is " + j
                        + ", expected a whole number in (" + previous + ", " + p + "): increasing feature indices");
            }
            previous = j.intValue();
            beta[previous] = number(val.get(k), "coefficients.values[" + k + "]", source);
        }
        return beta;
    }

    /** Reads a model file. */
    public static Loaded load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses a model document; {@code source} names it in messages. */
    public static Loaded parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (StreamReadException e) {
            throw new IllegalArgumentException(source + ": not a complete JSON document (truncated or corrupt) at "
                    + "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + jsonProblem(e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot parse: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": expected a JSON object, found "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase()));
        }
        String format = text(root, "format", source);
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException(source + ": format '" + format + "', expected '" + FORMAT + "'");
        }
        JsonNode v = root.get("version");
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(source + ": 'version' is " + v + ", expected a whole number");
        }
        int version = v.intValue();
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException(source + ": version " + version + " is not supported, expected 1"
                    + (VERSION > 1 ? " to " + VERSION : "") + " (written by a newer Linea?)");
        }
        String family = text(root, "family", source);
        String link = text(root, "link", source);
        String target = text(root, "target", source);
        FitReport report = report(root.get("training"));
        int rows = rows(root.get("training"));
        JsonNode feats = root.get("features");
        Preprocessing derived = null; // version 6: the features of hashed or numbered inputs are the steps' own
        List<String> names;
        if (feats == null && version >= 6) {
            derived = stepsV5(root, null, source, version);
            names = derived.features();
        } else {
            if (feats == null || !feats.isArray()) {
                throw new IllegalArgumentException(source + ": 'features' is missing or not an array");
            }
            names = featureNames(feats, source);
        }
        Predictor predictor;
        if (family.equals("multinomial") && link.equals("softmax")) {
            predictor = new SoftmaxPredictor(softmax(root, names, report, source));
        } else {
            Distribution dist = distribution(family, link, source);
            JsonNode coefs = root.get("coefficients");
            double[] beta;
            if (version >= 6 && coefs != null && coefs.isObject()) {
                beta = sparseCoefficients(coefs, names.size(), source);
            } else {
                if (coefs == null || !coefs.isArray()) {
                    throw new IllegalArgumentException(source + ": 'coefficients' is missing or not an array");
                }
                if (names.size() != coefs.size()) {
                    throw new IllegalArgumentException(source + ": " + names.size() + " features but " + coefs.size()
                            + " coefficients, expected one coefficient per feature");
                }
                beta = new double[coefs.size()];
                for (int j = 0; j < beta.length; j++) {
                    beta[j] = number(coefs.get(j), "coefficients[" + j + "]", source);
                }
            }
            double intercept = number(root.get("intercept"), "intercept", source);
            predictor = new LinearPredictor(new LinearModel(intercept, beta, names, report), Link.ofKey(link), dist);
        }
        Preprocessing pre = derived != null ? derived : version >= 5 ? stepsV5(root, names, source, version) : preprocessingV2(root.get("preprocessing"),
                names, source);
        String offset = offset(root.get("offset"), pre.inputs(), target, source);
        if (offset != null && predictor instanceof SoftmaxPredictor) {
            throw new IllegalArgumentException(source + ": 'offset' in a softmax model, expected none (the softmax "
                    + "scorer takes no offset)");
        }
        return new Loaded(predictor, pre.withOffset(offset), target, rows, version,
                labels(root.get("labels"), predictor, source));
    }

    /** The optional "labels" array: one distinct string per class. */
    private static ClassLabels labels(JsonNode n, Predictor predictor, String source) {
        if (n == null || n.isNull()) {
            return null;
        }
        int k = switch (predictor) {
            case SoftmaxPredictor sp -> sp.classCount();
            case LinearPredictor lp -> lp.link() == Link.LOGIT ? 2 : 0;
        };
        if (!n.isArray() || n.size() != k) {
            throw new IllegalArgumentException(source + ": 'labels' is " + n + ", expected " + (k == 0
                    ? "none (the model is not a classifier)" : "an array of " + k + " class labels"));
        }
        List<String> l = names(n, "labels", source);
        return new ClassLabels(l);
    }

    private static SoftmaxModel softmax(JsonNode root, List<String> names, FitReport report, String source) {
        JsonNode icpt = root.get("intercepts");
        JsonNode coefs = root.get("coefficients");
        if (icpt == null || !icpt.isArray() || coefs == null || !coefs.isArray()) {
            throw new IllegalArgumentException(source + ": a multinomial model needs 'features', 'intercepts' and "
                    + "'coefficients' arrays");
        }
        int k = icpt.size();
        if (coefs.size() != k || k < 2) {
            throw new IllegalArgumentException(source + ": " + k + " intercepts and " + coefs.size()
                    + " coefficient rows, expected one of each per class (at least 2)");
        }
        JsonNode classes = root.get("classes");
        if (classes != null && !(classes.isIntegralNumber() && classes.canConvertToInt() && classes.intValue() == k)) {
            throw new IllegalArgumentException(source + ": 'classes' is " + classes + ", expected " + k
                    + " (one per row of 'intercepts' and 'coefficients')");
        }
        double[] b = new double[k];
        double[][] w = new double[k][];
        for (int c = 0; c < k; c++) {
            b[c] = number(icpt.get(c), "intercepts[" + c + "]", source);
            JsonNode row = coefs.get(c);
            if (!row.isArray() || row.size() != names.size()) {
                throw new IllegalArgumentException(source + ": coefficients[" + c + "] has "
                        + (row.isArray() ? row.size() : 0) + " values, expected " + names.size()
                        + " (one per feature)");
            }
            w[c] = new double[names.size()];
            for (int j = 0; j < names.size(); j++) {
                w[c][j] = number(row.get(j), "coefficients[" + c + "][" + j + "]", source);
            }
        }
        return new SoftmaxModel(w, b, names, report);
    }

    private static int rows(JsonNode training) {
        if (training == null || !training.isObject()) {
            return 0;
        }
        JsonNode r = training.get("rows");
        return r != null && r.canConvertToInt() ? r.intValue() : 0;
    }

    private static FitReport report(JsonNode training) {
        if (training == null || !training.isObject()) {
            return null;
        }
        JsonNode rep = training.get("report");
        if (rep == null || !rep.isObject()) {
            return null;
        }
        List<String> notes = new ArrayList<>();
        if (rep.path("notes").isArray()) {
            rep.get("notes").forEach(n -> notes.add(n.asText()));
        }
        return new FitReport(rep.path("estimator").asText("?"), rep.path("backend").asText("?"),
                rep.path("solver").asText("?"), rep.path("iterations").asInt(0),
                rep.path("converged").asBoolean(false), rep.path("status").asText(""), null,
                Duration.ofNanos((long) (rep.path("wall_time_ms").asDouble(0) * 1e6)), notes);
    }

    /** The offset column's name (null when the file has none), which must differ from the inputs and target. */
    private static String offset(JsonNode n, List<String> inputs, String target, String source) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.textValue().isBlank()) {
            throw new IllegalArgumentException(source + ": 'offset' is " + n + ", expected a column name");
        }
        String name = n.textValue();
        if (inputs.contains(name) || name.equals(target)) {
            throw new IllegalArgumentException(source + ": 'offset' is '" + name + "', which is also "
                    + (name.equals(target) ? "the target" : "an input") + ", expected a column of its own");
        }
        return name;
    }

    /**
     * Jackson's reason in our words: its messages carry parser hints ("enable
     * JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS") that are advice to a programmer configuring Jackson, not to
     * someone holding a model file.
     */
    static String jsonProblem(StreamReadException e) {
        String m = String.valueOf(e.getOriginalMessage());
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("Non-standard token '([^']*)'").matcher(m);
        if (token.find()) {
            return "'" + token.group(1) + "' is not a JSON number, expected a finite number (a model file holds "
                    + "finite coefficients only)";
        }
        if (m.contains("end-of-input")) {
            return "the document ends before its last value is complete";
        }
        java.util.regex.Matcher ch = java.util.regex.Pattern.compile("Unexpected character \\('(.{1,2})'")
                .matcher(m);
        if (ch.find()) {
            return "unexpected character '" + ch.group(1) + "', expected JSON (a value, ',', ':' or a closing "
                    + "bracket)";
        }
        java.util.regex.Matcher word = java.util.regex.Pattern.compile("Unrecognized token '([^']{0,40})")
                .matcher(m);
        if (word.find()) {
            return "unrecognized word '" + word.group(1) + "', expected a JSON value (a number, a string in "
                    + "double quotes, true, false, null, an array or an object)";
        }
        return "not valid JSON";
    }

    /** A version 2–4 {@code "preprocessing"} object: the inputs and a polynomial expansion (absent: none). */
    private static Preprocessing preprocessingV2(JsonNode pre, List<String> features, String source) {
        if (pre == null || pre.isNull()) {
            return Preprocessing.none(features);
        }
        JsonNode inputs = pre.get("inputs");
        JsonNode poly = pre.get("polynomial");
        if (!pre.isObject() || inputs == null || !inputs.isArray() || poly == null || !poly.isObject()) {
            throw new IllegalArgumentException(source + ": 'preprocessing' is " + pre
                    + ", expected {\"inputs\": [names], \"polynomial\": {\"degree\": d, \"interaction_only\": b}}");
        }
        List<String> names = inputNames(inputs, source);
        PolynomialFeatures pf = polynomial(poly, "preprocessing.polynomial", source);
        return checked(new Preprocessing(names, List.of(new Preprocessing.Polynomial(pf)), null), features, source);
    }

    /** Version 5: {@code "inputs"} and the {@code "preprocessing"} array of steps. */
    private static Preprocessing stepsV5(JsonNode root, List<String> features, String source, int version) {
        JsonNode inputs = root.get("inputs");
        List<String> names;
        if (inputs != null && inputs.isObject() && root.path("version").asInt() >= 6) {
            names = numberedInputs(inputs, source);
        } else {
            if (inputs == null || !inputs.isArray()) {
                throw new IllegalArgumentException(source + ": 'inputs' is " + (inputs == null ? "missing" : inputs)
                        + ", expected an array of column names");
            }
            names = inputNames(inputs, source);
        }
        JsonNode pre = root.get("preprocessing");
        List<Preprocessing.Step> steps = new ArrayList<>();
        if (pre != null && !pre.isNull()) {
            if (!pre.isArray()) {
                throw new IllegalArgumentException(source + ": 'preprocessing' is " + pre + ", expected an array of "
                        + "steps ({\"step\": \"polynomial\", …} or {\"step\": \"standardize\", …})");
            }
            for (int i = 0; i < pre.size(); i++) {
                JsonNode step = pre.get(i);
                String where = "preprocessing[" + i + "]";
                String kind = step.isObject() && step.path("step").isTextual() ? step.get("step").textValue() : null;
                if ("encode".equals(kind) && version >= 6) {
                    steps.add(EncodingJson.read(step, where, source));
                } else if ("polynomial".equals(kind)) {
                    steps.add(new Preprocessing.Polynomial(polynomial(step, where, source)));
                } else if ("standardize".equals(kind)) {
                    steps.add(standardization(step, where, source));
                } else if ("formula".equals(kind) && version >= 6) {
                    steps.add(formula(step, steps, where, source));
                } else if ("hash".equals(kind) && root.path("version").asInt() >= 6) {
                    steps.add(hashing(step, where, source));
                } else {
                    throw new IllegalArgumentException(source + ": '" + where + "' is " + step + ", expected a step "
                            + "{\"step\": \"" + (version >= 6 ? "encode\", \"hash\", \"" : "") + "polynomial\" or \"standardize\", …}");
                }
            }
        }
        Preprocessing p;
        try {
            p = new Preprocessing(names, steps, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        return checked(p, features, source);
    }

    /** Version 6's numbered inputs: {"names": [given…], "numbered": [{"prefix", "first", "count"}…]}. */
    private static List<String> numberedInputs(JsonNode inputs, String source) {
        JsonNode head = inputs.path("names");
        JsonNode numbered = inputs.get("numbered");
        if (!head.isMissingNode() && !head.isArray() || numbered == null || !numbered.isArray()) {
            throw new IllegalArgumentException(source + ": 'inputs' is " + inputs + ", expected an array of column "
                    + "names or {\"names\": [...], \"numbered\": [{\"prefix\": p, \"first\": k, \"count\": n}]}");
        }
        List<String> given = head.isArray() ? inputNames(head, source) : List.of();
        List<GeneratedNames.Block> blocks = new ArrayList<>();
        for (int i = 0; i < numbered.size(); i++) {
            JsonNode b = numbered.get(i);
            JsonNode first = b.get("first");
            JsonNode count = b.get("count");
            if (!b.path("prefix").isTextual() || first == null || !first.canConvertToInt() || !first.isIntegralNumber()
                    || count == null || !count.canConvertToInt() || !count.isIntegralNumber()) {
                throw new IllegalArgumentException(source + ": 'inputs.numbered[" + i + "]' is " + b
                        + ", expected {\"prefix\": text, \"first\": k, \"count\": n}");
            }
            try {
                blocks.add(new GeneratedNames.Block(b.get("prefix").textValue(), first.intValue(), count.intValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": 'inputs.numbered[" + i + "]': " + e.getMessage(), e);
            }
        }
        try {
            return GeneratedNames.of(given, blocks);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": 'inputs': " + e.getMessage(), e);
        }
    }

    private static FeatureHashing hashing(JsonNode step, String where, String source) {
        if (!FeatureHashing.FUNCTION.equals(step.path("function").asText(null))) {
            throw new IllegalArgumentException(source + ": '" + where + ".function' is " + step.get("function")
                    + ", expected \"" + FeatureHashing.FUNCTION + "\"");
        }
        JsonNode seed = step.get("seed");
        JsonNode cols = step.get("columns");
        if (seed == null || !seed.isIntegralNumber() || !seed.canConvertToInt() || cols == null || !cols.isArray()) {
            throw new IllegalArgumentException(source + ": '" + where + "' needs a whole 'seed' and a 'columns' "
                    + "array, found " + step);
        }
        List<FeatureHashing.Column> columns = new ArrayList<>();
        try {
            for (int i = 0; i < cols.size(); i++) {
                JsonNode c = cols.get(i);
                JsonNode bits = c.get("bits");
                if (!c.path("name").isTextual() || bits == null || !bits.isIntegralNumber() || !bits.canConvertToInt()) {
                    throw new IllegalArgumentException("'" + where + ".columns[" + i + "]' is " + c
                            + ", expected {\"name\": column, \"bits\": b}");
                }
                columns.add(new FeatureHashing.Column(c.get("name").textValue(), bits.intValue()));
            }
            return new FeatureHashing(columns, seed.intValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static Preprocessing checked(Preprocessing p, List<String> features, String source) {
        if (features == null) {
            return p; // version 6 without "features": they are what the steps make
        }
        List<String> expected = p.features();
        if (!expected.equals(features)) {
            throw new IllegalArgumentException(source + ": the features " + features + " are not "
                    + p.polynomial().map(poly -> "the degree-" + poly.plan().degree() + " expansion of the inputs ")
                    .orElse("the inputs ") + p.inputs() + ", expected " + expected);
        }
        return p;
    }

    /**
     * A formula step: the formula re-parsed and compiled against the encode step before it (its categorical
     * columns' levels; without one every column is numeric). The features are checked after.
     */
    private static Preprocessing.Terms formula(JsonNode step, List<Preprocessing.Step> before, String where,
                                               String source) {
        JsonNode f = step.get("formula");
        if (f == null || !f.isTextual()) {
            throw new IllegalArgumentException(source + ": '" + where + "' is " + step + ", expected {\"step\": "
                    + "\"formula\", \"formula\": \"y ~ …\"}");
        }
        Encoding enc = null;
        for (Preprocessing.Step s : before) {
            if (s instanceof Encoding e) {
                enc = e;
            }
        }
        try {
            return new Preprocessing.Terms(DesignPlan.compile(Formula.parse(f.textValue()), enc));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": '" + where + "': " + e.getMessage(), e);
        }
    }

    private static PolynomialFeatures polynomial(JsonNode poly, String where, String source) {
        JsonNode d = poly.get("degree");
        if (d == null || !d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 1) {
            throw new IllegalArgumentException(source + ": '" + where + ".degree' is " + d
                    + ", expected a whole number >= 1");
        }
        try {
            return new PolynomialFeatures(d.intValue(), poly.path("interaction_only").asBoolean(false), false);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": '" + where + "': " + e.getMessage(), e);
        }
    }

    private static Preprocessing.Standardization standardization(JsonNode step, String where, String source) {
        JsonNode m = step.get("means");
        JsonNode s = step.get("scales");
        if (m == null || !m.isArray() || s == null || !s.isArray() || m.size() != s.size()) {
            throw new IllegalArgumentException(source + ": '" + where + "' needs 'means' and 'scales' arrays of one "
                    + "number per feature, found " + step);
        }
        double[] means = new double[m.size()];
        double[] scales = new double[s.size()];
        for (int j = 0; j < means.length; j++) {
            means[j] = number(m.get(j), where + ".means[" + j + "]", source);
            scales[j] = number(s.get(j), where + ".scales[" + j + "]", source);
            if (!(scales[j] > 0)) {
                throw new IllegalArgumentException(source + ": '" + where + ".scales[" + j + "]' is " + scales[j]
                        + ", expected a number > 0 (the divisor of a standardized feature)");
            }
        }
        return new Preprocessing.Standardization(means, scales);
    }

    /**
     * The distribution of a family and link that Linea's estimators fit together: a GLM of the gaussian, poisson,
     * gamma or tweedie family takes the identity, log or inverse link; a binomial model is logistic regression,
     * whose link is the logit (a binomial mean through the identity link is not a probability, and a logit of a
     * count or a positive amount is not a mean).
     */
    private static Distribution distribution(String family, String link, String source) {
        Distribution d = null;
        List<String> families = new ArrayList<>();
        for (Distribution x : Distribution.values()) {
            families.add(x.key());
            if (x.key().equals(family)) {
                d = x;
            }
        }
        if (d == null) {
            throw new IllegalArgumentException(source + ": 'family' is '" + family + "', expected one of " + families
                    + " (or multinomial with the softmax link)");
        }
        List<String> links = new ArrayList<>();
        d.links().forEach(l -> links.add(l.key()));
        if (!links.contains(link)) {
            throw new IllegalArgumentException(source + ": 'link' is '" + link + "' for the " + family
                    + " family, expected " + (links.size() == 1 ? "'" + links.get(0) + "'" : "one of " + links));
        }
        return d;
    }

    /** The 'features' array as names: each a string, no name twice (the message names the index and the value). */
    private static List<String> featureNames(JsonNode feats, String source) {
        return names(feats, "features", source);
    }

    /** The 'inputs' array as names, checked as the features are. */
    private static List<String> inputNames(JsonNode inputs, String source) {
        return names(inputs, "inputs", source);
    }

    private static List<String> names(JsonNode array, String field, String source) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < array.size(); j++) {
            if (!array.get(j).isTextual()) {
                throw new IllegalArgumentException(source + ": " + field + "[" + j + "] is " + array.get(j)
                        + ", expected a string");
            }
            names.add(array.get(j).textValue());
        }
        distinct(names, field, source);
        return names;
    }

    /** Rejects a name given twice, naming both positions (0-based, as the JSON array's indices). */
    private static void distinct(List<String> names, String field, String source) {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            Integer first = seen.putIfAbsent(names.get(j), j);
            if (first != null) {
                throw new IllegalArgumentException(source + ": '" + field + "' has '" + names.get(j) + "' twice, at "
                        + field + "[" + first + "] and " + field + "[" + j + "], expected distinct names (which column "
                        + "would each coefficient read?)");
            }
        }
    }

    private static String text(JsonNode root, String field, String source) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException(source + ": '" + field + "' is " + (n == null ? "missing" : n)
                    + ", expected a string");
        }
        return n.textValue();
    }

    private static double number(JsonNode n, String field, String source) {
        if (n == null || !n.isNumber()) {
            throw new IllegalArgumentException(source + ": '" + field + "' is " + (n == null ? "missing" : n)
                    + ", expected a number");
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(source + ": '" + field + "' is a number beyond the double range "
                    + "(|x| > 1.8e308), expected a finite number");
        }
        return d;
    }
}
