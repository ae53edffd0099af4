package dev.linea.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the committed golden files under src/test/resources/golden/ (made by the scripts in src/test/goldens). */
public final class GoldenFiles {
    private GoldenFiles() {
    }

    public static InputStream resource(String path) {
        InputStream in = GoldenFiles.class.getResourceAsStream("/golden/" + path);
        if (in == null) {
            throw new IllegalStateException("missing test resource /golden/" + path);
        }
        return in;
    }

    public static JsonNode json(String path) {
        try (InputStream in = resource(path)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }

    /** A CSV with a header whose last column is the target; {@code keep} ≥ 0 keeps only the first columns. */
    public static Dataset csv(String path, int keep) {
        try (BufferedReader rd = new BufferedReader(new InputStreamReader(resource(path), StandardCharsets.UTF_8))) {
            String[] header = rd.readLine().split(",");
            int p = header.length - 1;
            int cols = keep < 0 ? p : keep;
            List<double[]> rows = new ArrayList<>();
            for (String line = rd.readLine(); line != null && !line.isBlank(); line = rd.readLine()) {
                rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
            }
            double[] x = new double[rows.size() * cols];
            double[] y = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(rows.get(i), 0, x, i * cols, cols);
                y[i] = rows.get(i)[p];
            }
            return Dataset.of(rows.size(), cols, x, y, null, Arrays.asList(header).subList(0, cols), header[p]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
