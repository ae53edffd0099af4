package dev.linea.models.io;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.logistic.LogisticModel;
import dev.linea.models.logistic.SoftmaxModel;
import dev.linea.models.preprocessing.PolynomialFeatures;

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
 * Saves fitted models to, and loads them from, a versioned JSON document:
 * <pre>{
 *   "format": "linea-model", "version": 1,
 *   "family": "gaussian", "link": "identity",        (also poisson, gamma, tweedie, binomial; log, inverse, logit)
 *   "target": "y", "features": ["x1", …], "intercept": b, "coefficients": [β1, …],
 *   "training": {"rows": n, "saved_at": ISO-8601, "report": {estimator, backend, solver, iterations, converged, …}}
 * }</pre>
 * Version 2 adds an optional polynomial expansion applied to the raw inputs before the linear predictor:
 * {@code "preprocessing": {"inputs": ["a", "b"], "polynomial": {"degree": 2, "interaction_only": false}}}; the
 * features are then the expansion's names ({@code a, b, a^2, a*b, b^2}). Files without it are written as
 * version 1, so older readers keep reading them. Version 3 adds softmax regression: family {@code multinomial}, link
 * {@code softmax}, {@code "intercepts": [b_0, …]} and {@code "coefficients": [[β_0…], [β_1…], …]}, one row per
 * class.
 * Version 4 adds an offset: {@code "offset": "log_exposure"} names a column of the data whose value is added to the
 * linear predictor, b + xᵀβ + offset, before the inverse link (log exposure in a Poisson rate model); the column is
 * not a feature and is never expanded. Files without an offset keep their older version.
 * Loading checks everything and fails with an {@link IllegalArgumentException} that says what is wrong: not JSON
 * or truncated (with line and column, in our words, not the parser's), another format, an unknown version, a family
 * and link that no Linea estimator fits together (binomial goes with logit only; the others with identity, log or
 * inverse), a missing or non-numeric field, a non-finite number (including NaN or Infinity tokens and numbers beyond
 * the double range), a feature count that does not match the coefficients, a feature name given twice, a
 * {@code classes} count that disagrees with the coefficient rows.
 */
public final class ModelFiles {
    /** The format version this code writes; it reads versions 1…{@value}. */
    public static final int VERSION = 4;
    static final String FORMAT = "linea-model";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);

    private ModelFiles() {
    }

    /**
     * A loaded model with what the file says about its training.
     *
     * @param offset the column added to the linear predictor before the inverse link, or null (none)
     */
    public record Loaded(LinearModel model, String target, int rows, String family, String link,
                         Preprocessing preprocessing, SoftmaxModel softmax, String offset) {
        Loaded(LinearModel model, String target, int rows, String family, String link, Preprocessing preprocessing) {
            this(model, target, rows, family, link, preprocessing, null, null);
        }

        /** A loaded model without an offset. */
        public Loaded(LinearModel model, String target, int rows, String family, String link,
                      Preprocessing preprocessing, SoftmaxModel softmax) {
            this(model, target, rows, family, link, preprocessing, softmax, null);
        }

        /** @return the columns a data file must provide: the raw inputs, before any expansion */
        public List<String> inputs() {
            if (preprocessing != null) {
                return preprocessing.inputs();
            }
            return softmax != null ? softmax.featureNames() : model.featureNames();
        }
    }

    /**
     * A polynomial expansion of the raw inputs that the model's features come from.
     *
     * @param inputs     the raw input columns, in order
     * @param polynomial the expansion; its names of {@code inputs} are the model's features
     */
    public record Preprocessing(List<String> inputs, PolynomialFeatures polynomial) {
        public Preprocessing {
            inputs = List.copyOf(inputs);
            java.util.Objects.requireNonNull(polynomial, "polynomial");
        }

        /** @return the expanded row, to feed {@link LinearModel#predict(double[])} */
        public double[] expand(double[] rawRow) {
            return polynomial.transformRow(rawRow);
        }
    }

    /** Writes {@code model} (fitted on {@code rows} rows to predict {@code target}) to {@code file}. */
    public static void save(LinearModel model, String target, int rows, Path file) {
        save(model, target, rows, null, file);
    }

    /** Writes {@code model} with the expansion its features come from (null: none). */
    public static void save(LinearModel model, String target, int rows, Preprocessing preprocessing, Path file) {
        save(model, target, rows, preprocessing, "gaussian", "identity", file);
    }

    /**
     * Writes a model of a given family and link: the linear predictor's coefficients, scored through the inverse
     * link ({@code dev.linea.models.scoring.Response.ofLink}).
     */
    public static void save(LinearModel model, String target, int rows, Preprocessing preprocessing, String family,
                            String link, Path file) {
        save(model, target, rows, preprocessing, family, link, null, file);
    }

    /**
     * Writes a model of a given family and link whose linear predictor takes an offset column (format version 4).
     *
     * @param offset the offset column's name, or null (none)
     */
    public static void save(LinearModel model, String target, int rows, Preprocessing preprocessing, String family,
                            String link, String offset, Path file) {
        try {
            Files.writeString(file, toJson(model, target, rows, preprocessing, family, link, offset),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a binary logistic model (family binomial, link logit), so that
     * {@code Scorer.of(ModelFiles.load(file))} scores probabilities. Without this overload a caller had to rebuild a
     * {@link LinearModel} and spell the family and link as strings.
     *
     * @param model  the fitted model
     * @param target the target column's name
     * @param rows   the number of training rows
     * @param file   written (replaced)
     */
    public static void save(LogisticModel model, String target, int rows, Path file) {
        save(new LinearModel(model.intercept(), model.coefficients(), model.featureNames(), model.report()), target,
                rows, null, "binomial", "logit", file);
    }

    /** @return the JSON document for {@code model}. */
    public static String toJson(LinearModel model, String target, int rows) {
        return toJson(model, target, rows, null);
    }

    /** @return the JSON document for {@code model} and the expansion its features come from (null: none). */
    public static String toJson(LinearModel model, String target, int rows, Preprocessing preprocessing) {
        return toJson(model, target, rows, preprocessing, "gaussian", "identity");
    }

    /** @return the JSON document of a model of the given family and link */
    public static String toJson(LinearModel model, String target, int rows, Preprocessing preprocessing,
                                String family, String link) {
        return toJson(model, target, rows, preprocessing, family, link, null);
    }

    /**
     * @param offset the offset column's name, or null (none)
     * @return the JSON document of a model whose linear predictor takes an offset column
     */
    public static String toJson(LinearModel model, String target, int rows, Preprocessing preprocessing,
                                String family, String link, String offset) {
        checkFamily(family, link, "model");
        List<String> rawInputs = preprocessing != null ? preprocessing.inputs() : model.featureNames();
        if (offset != null && (offset.isBlank() || rawInputs.contains(offset) || offset.equals(target))) {
            throw new IllegalArgumentException("offset column '" + offset + "', expected a name that is neither the "
                    + "target nor an input " + rawInputs);
        }
        if (preprocessing != null) {
            List<String> expected = preprocessing.polynomial().names(preprocessing.inputs());
            if (!expected.equals(model.featureNames())) {
                throw new IllegalArgumentException("the model's features " + model.featureNames()
                        + " are not the expansion of the inputs, expected " + expected);
            }
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", offset != null ? 4 : preprocessing == null ? 1 : 2);
        root.put("family", family);
        root.put("link", link);
        root.put("target", target);
        if (offset != null) {
            root.put("offset", offset);
        }
        ArrayNode features = root.putArray("features");
        model.featureNames().forEach(features::add);
        root.put("intercept", model.intercept());
        ArrayNode coefs = root.putArray("coefficients");
        for (double c : model.coefficients()) {
            coefs.add(c);
        }
        if (preprocessing != null) {
            ObjectNode pre = root.putObject("preprocessing");
            ArrayNode inputs = pre.putArray("inputs");
            preprocessing.inputs().forEach(inputs::add);
            ObjectNode poly = pre.putObject("polynomial");
            poly.put("degree", preprocessing.polynomial().degree());
            poly.put("interaction_only", preprocessing.polynomial().interactionOnly());
        }
        ObjectNode training = root.putObject("training");
        training.put("rows", rows);
        training.put("saved_at", Instant.now().toString());
        FitReport r = model.report();
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

    /** Writes a softmax model (format version 3). */
    public static void save(SoftmaxModel model, String target, int rows, Path file) {
        try {
            Files.writeString(file, toJson(model, target, rows), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model file " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the JSON document (version 3) of a softmax model */
    public static String toJson(SoftmaxModel model, String target, int rows) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 3);
        root.put("family", "multinomial");
        root.put("link", "softmax");
        root.put("target", target);
        ArrayNode features = root.putArray("features");
        model.featureNames().forEach(features::add);
        root.put("classes", model.classCount());
        ArrayNode icpt = root.putArray("intercepts");
        for (double b : model.intercepts()) {
            icpt.add(b);
        }
        ArrayNode coefs = root.putArray("coefficients");
        for (double[] row : model.coefficients()) {
            ArrayNode r = coefs.addArray();
            for (double c : row) {
                r.add(c);
            }
        }
        ObjectNode training = root.putObject("training");
        training.put("rows", rows);
        training.put("saved_at", Instant.now().toString());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize model: " + e.getMessage(), e);
        }
    }

    private static Loaded softmax(JsonNode root, String target, String source) {
        JsonNode feats = root.get("features");
        JsonNode icpt = root.get("intercepts");
        JsonNode coefs = root.get("coefficients");
        if (feats == null || !feats.isArray() || icpt == null || !icpt.isArray() || coefs == null || !coefs.isArray()) {
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
        List<String> names = featureNames(feats, source);
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
        int rows = root.path("training").path("rows").asInt(0);
        return new Loaded(null, target, rows, "multinomial", "softmax", null, new SoftmaxModel(w, b, names, null));
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
        if (v.intValue() < 1 || v.intValue() > VERSION) {
            throw new IllegalArgumentException(source + ": version " + v.intValue() + " is not supported, expected 1"
                    + (VERSION > 1 ? " to " + VERSION : "") + " (written by a newer Linea?)");
        }
        String family = text(root, "family", source);
        String link = text(root, "link", source);
        if (family.equals("multinomial") && link.equals("softmax")) {
            return softmax(root, text(root, "target", source), source);
        }
        checkFamily(family, link, source);
        String target = text(root, "target", source);
        JsonNode feats = root.get("features");
        JsonNode coefs = root.get("coefficients");
        if (feats == null || !feats.isArray()) {
            throw new IllegalArgumentException(source + ": 'features' is missing or not an array");
        }
        if (coefs == null || !coefs.isArray()) {
            throw new IllegalArgumentException(source + ": 'coefficients' is missing or not an array");
        }
        if (feats.size() != coefs.size()) {
            throw new IllegalArgumentException(source + ": " + feats.size() + " features but " + coefs.size()
                    + " coefficients, expected one coefficient per feature");
        }
        List<String> names = featureNames(feats, source);
        double[] beta = new double[coefs.size()];
        for (int j = 0; j < beta.length; j++) {
            beta[j] = number(coefs.get(j), "coefficients[" + j + "]", source);
        }
        double intercept = number(root.get("intercept"), "intercept", source);
        JsonNode training = root.get("training");
        int rows = 0;
        FitReport report = null;
        if (training != null && training.isObject()) {
            JsonNode r = training.get("rows");
            rows = r != null && r.canConvertToInt() ? r.intValue() : 0;
            JsonNode rep = training.get("report");
            if (rep != null && rep.isObject()) {
                List<String> notes = new ArrayList<>();
                if (rep.path("notes").isArray()) {
                    rep.get("notes").forEach(n -> notes.add(n.asText()));
                }
                report = new FitReport(rep.path("estimator").asText("?"), rep.path("backend").asText("?"),
                        rep.path("solver").asText("?"), rep.path("iterations").asInt(0),
                        rep.path("converged").asBoolean(false), rep.path("status").asText(""), null,
                        Duration.ofNanos((long) (rep.path("wall_time_ms").asDouble(0) * 1e6)), notes);
            }
        }
        Preprocessing pre = preprocessing(root.get("preprocessing"), names, source);
        String offset = offset(root.get("offset"), pre != null ? pre.inputs() : names, target, source);
        return new Loaded(new LinearModel(intercept, beta, names, report), target, rows, family, link, pre, null,
                offset);
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

    private static Preprocessing preprocessing(JsonNode pre, List<String> features, String source) {
        if (pre == null || pre.isNull()) {
            return null;
        }
        JsonNode inputs = pre.get("inputs");
        JsonNode poly = pre.get("polynomial");
        if (!pre.isObject() || inputs == null || !inputs.isArray() || poly == null || !poly.isObject()) {
            throw new IllegalArgumentException(source + ": 'preprocessing' is " + pre
                    + ", expected {\"inputs\": [names], \"polynomial\": {\"degree\": d, \"interaction_only\": b}}");
        }
        List<String> names = new ArrayList<>();
        inputs.forEach(n -> names.add(n.asText()));
        JsonNode d = poly.get("degree");
        if (d == null || !d.isIntegralNumber()) {
            throw new IllegalArgumentException(source + ": 'preprocessing.polynomial.degree' is " + d
                    + ", expected a whole number");
        }
        PolynomialFeatures pf = new PolynomialFeatures(d.intValue(), poly.path("interaction_only").asBoolean(false),
                false);
        List<String> expected = pf.names(names);
        if (!expected.equals(features)) {
            throw new IllegalArgumentException(source + ": the features " + features + " are not the degree-"
                    + d.intValue() + " expansion of the inputs " + names + ", expected " + expected);
        }
        return new Preprocessing(names, pf);
    }

    /** The families and links this version scores. */
    static final List<String> FAMILIES = List.of("gaussian", "poisson", "gamma", "tweedie", "binomial");
    static final List<String> LINKS = List.of("identity", "log", "inverse", "logit");

    /**
     * The links each family may be saved with: what Linea's estimators fit. A GLM of the gaussian, poisson, gamma
     * or tweedie family takes the identity, log or inverse link; a binomial model is logistic regression, whose
     * link is the logit (a binomial mean through the identity link is not a probability, and a logit of a count or
     * a positive amount is not a mean).
     */
    static List<String> linksOf(String family) {
        return family.equals("binomial") ? List.of("logit") : List.of("identity", "log", "inverse");
    }

    private static void checkFamily(String family, String link, String source) {
        if (!FAMILIES.contains(family)) {
            throw new IllegalArgumentException(source + ": 'family' is '" + family + "', expected one of " + FAMILIES
                    + " (or multinomial with the softmax link)");
        }
        if (!linksOf(family).contains(link)) {
            throw new IllegalArgumentException(source + ": 'link' is '" + link + "' for the " + family
                    + " family, expected " + (linksOf(family).size() == 1 ? "'" + linksOf(family).get(0) + "'"
                    : "one of " + linksOf(family)));
        }
    }

    /** The 'features' array as names: each a string, no name twice (the message names the index and the value). */
    private static List<String> featureNames(JsonNode feats, String source) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < feats.size(); j++) {
            if (!feats.get(j).isTextual()) {
                throw new IllegalArgumentException(source + ": features[" + j + "] is " + feats.get(j)
                        + ", expected a string");
            }
            names.add(feats.get(j).textValue());
        }
        distinctFeatures(names, source);
        return names;
    }

    /** Rejects a feature name given twice, naming both positions (0-based, as the JSON array's indices). */
    private static void distinctFeatures(List<String> names, String source) {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            Integer first = seen.putIfAbsent(names.get(j), j);
            if (first != null) {
                throw new IllegalArgumentException(source + ": 'features' has '" + names.get(j) + "' twice, at "
                        + "features[" + first + "] and features[" + j + "], expected distinct names (which column "
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
