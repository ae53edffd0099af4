package dev.linea.models.preprocessing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.linea.models.Dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads golden/preprocessing.json (made by src/test/goldens/make_preprocessing_goldens.py, scikit-learn 1.2.1). */
final class PreprocessingGolden {
    /** relative tolerance against scikit-learn */
    static final double REL = 1e-12;

    private PreprocessingGolden() {
    }

    static JsonNode root() {
        try (InputStream in = PreprocessingGolden.class.getResourceAsStream("/golden/preprocessing.json")) {
            assertThat(in).as("golden/preprocessing.json").isNotNull();
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] doubles(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    static double[][] matrix(JsonNode n) {
        double[][] m = new double[n.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = doubles(n.get(i));
        }
        return m;
    }

    static List<String> strings(JsonNode n) {
        List<String> s = new ArrayList<>();
        n.forEach(e -> s.add(e.asText()));
        return s;
    }

    /** The golden X (given key, default "x"), y, names and optionally weights as a Dataset. */
    static Dataset dataset(JsonNode root, JsonNode x, boolean weighted) {
        double[][] rows = matrix(x);
        int p = rows[0].length;
        double[] flat = new double[rows.length * p];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * p, p);
        }
        List<String> names = strings(root.get("names"));
        while (names.size() < p) {
            names.add("C" + names.size());
        }
        return Dataset.of(rows.length, p, flat, doubles(root.get("y")),
                weighted ? doubles(root.get("weights")) : null, names, "Y");
    }

    /** |actual − expected| ≤ REL·max(|actual|, |expected|) + abs. */
    static void close(String what, double actual, double expected, double abs) {
        double tol = REL * Math.max(Math.abs(actual), Math.abs(expected)) + abs;
        assertThat(Math.abs(actual - expected)).as(what + ": linea " + actual + " vs scikit-learn " + expected)
                .isLessThanOrEqualTo(tol);
    }
}
