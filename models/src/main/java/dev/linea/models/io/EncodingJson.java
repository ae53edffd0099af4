package dev.linea.models.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linea.models.preprocessing.Coding;
import dev.linea.models.preprocessing.Encoding;
import dev.linea.models.preprocessing.MissingPolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * The model file's {@code {"step": "encode", …}} object (version 6): the missing-value policy and each column's
 * type, levels, coding, reference and fill. See {@link ModelFiles} for the layout.
 */
final class EncodingJson {
    private EncodingJson() {
    }

    static void write(ObjectNode o, Encoding e) {
        o.put("step", "encode");
        o.put("missing", e.missing().toString());
        ArrayNode cols = o.putArray("columns");
        for (Encoding.Column c : e.columns()) {
            ObjectNode n = cols.addObject();
            n.put("name", c.name());
            n.put("type", c.type().key());
            switch (c) {
                case Encoding.Numeric num -> {
                    if (!Double.isNaN(num.fill())) {
                        n.put("fill", num.fill());
                    }
                }
                case Encoding.Bool b -> {
                    if (!Double.isNaN(b.fill())) {
                        n.put("fill", b.fill() == 1);
                    }
                }
                case Encoding.Categorical cat -> {
                    ArrayNode levels = n.putArray("levels");
                    cat.levels().forEach(levels::add);
                    n.put("coding", cat.coding().key());
                    if (cat.reference() != null) {
                        n.put("reference", cat.reference());
                    }
                    if (cat.fill() != null) {
                        n.put("fill", cat.fill());
                    }
                }
            }
        }
    }

    static Encoding read(JsonNode step, String where, String source) {
        MissingPolicy policy;
        JsonNode missing = step.get("missing");
        try {
            policy = missing == null ? MissingPolicy.error() : MissingPolicy.parse(missing.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": '" + where + ".missing' is " + missing + ": "
                    + e.getMessage(), e);
        }
        JsonNode cols = step.get("columns");
        if (cols == null || !cols.isArray()) {
            throw new IllegalArgumentException(source + ": '" + where + ".columns' is " + (cols == null ? "missing"
                    : cols) + ", expected an array of columns {\"name\": …, \"type\": …}");
        }
        List<Encoding.Column> out = new ArrayList<>();
        for (int j = 0; j < cols.size(); j++) {
            JsonNode c = cols.get(j);
            String at = where + ".columns[" + j + "]";
            String name = c.path("name").isTextual() ? c.get("name").textValue() : null;
            String type = c.path("type").isTextual() ? c.get("type").textValue() : null;
            if (name == null || type == null) {
                throw new IllegalArgumentException(source + ": '" + at + "' is " + c + ", expected {\"name\": a "
                        + "string, \"type\": \"numeric\", \"boolean\" or \"categorical\", …}");
            }
            JsonNode fill = c.get("fill");
            try {
                switch (type) {
                    case "numeric" -> {
                        if (fill != null && !fill.isNumber()) {
                            throw new IllegalArgumentException("'fill' is " + fill + ", expected a number");
                        }
                        out.add(new Encoding.Numeric(name, fill == null ? Double.NaN : fill.doubleValue()));
                    }
                    case "boolean" -> {
                        if (fill != null && !fill.isBoolean()) {
                            throw new IllegalArgumentException("'fill' is " + fill + ", expected true or false");
                        }
                        out.add(new Encoding.Bool(name, fill == null ? Double.NaN : fill.booleanValue() ? 1 : 0));
                    }
                    case "categorical" -> {
                        JsonNode levels = c.get("levels");
                        if (levels == null || !levels.isArray()) {
                            throw new IllegalArgumentException("'levels' is " + levels + ", expected an array of "
                                    + "strings");
                        }
                        List<String> l = new ArrayList<>();
                        for (JsonNode v : levels) {
                            if (!v.isTextual()) {
                                throw new IllegalArgumentException("level " + v + ", expected a string");
                            }
                            l.add(v.textValue());
                        }
                        String coding = c.path("coding").asText("");
                        Coding cd = switch (coding) {
                            case "treatment" -> Coding.TREATMENT;
                            case "full" -> Coding.FULL;
                            default -> throw new IllegalArgumentException("'coding' is '" + coding + "', expected "
                                    + "'treatment' or 'full'");
                        };
                        JsonNode ref = c.get("reference");
                        if (cd == Coding.TREATMENT && (ref == null || !ref.isTextual())) {
                            throw new IllegalArgumentException("'reference' is " + ref + ", expected the reference "
                                    + "level of treatment coding");
                        }
                        if (fill != null && !fill.isTextual()) {
                            throw new IllegalArgumentException("'fill' is " + fill + ", expected a level");
                        }
                        out.add(new Encoding.Categorical(name, l, cd, cd == Coding.TREATMENT ? ref.textValue() : null,
                                fill == null ? null : fill.textValue()));
                    }
                    default -> throw new IllegalArgumentException("'type' is '" + type + "', expected numeric, "
                            + "boolean or categorical");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": '" + at + "': " + e.getMessage(), e);
            }
        }
        try {
            return new Encoding(out, policy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": '" + where + "': " + e.getMessage(), e);
        }
    }
}
