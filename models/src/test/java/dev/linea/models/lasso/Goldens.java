package dev.linea.models.lasso;

import dev.linea.models.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the CSV goldens of models/src/test/goldens/make_lasso_goldens.{R,py} from golden/lasso/. */
final class Goldens {
    private Goldens() {
    }

    /** A header and numeric rows. */
    record Table(List<String> header, double[][] rows) {
        int column(String name) {
            int c = header.indexOf(name);
            if (c < 0) {
                throw new IllegalArgumentException("no column " + name + " in " + header);
            }
            return c;
        }

        double[] column(int c) {
            double[] v = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                v[i] = rows[i][c];
            }
            return v;
        }

        double[] values(String name) {
            return column(column(name));
        }

        /** @return row k, columns from..end */
        double[] tail(int k, int from) {
            return Arrays.copyOfRange(rows[k], from, rows[k].length);
        }
    }

    static List<String> lines(String file) {
        String path = "/golden/lasso/" + file;
        try (InputStream in = Goldens.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> out = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    out.add(line.trim());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Table table(String file) {
        List<String> lines = lines(file);
        List<String> header = List.of(lines.getFirst().split(","));
        double[][] rows = new double[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            rows[i - 1] = Arrays.stream(lines.get(i).split(",")).mapToDouble(Double::parseDouble).toArray();
        }
        return new Table(header, rows);
    }

    static double[] vector(String file) {
        return lines(file).stream().mapToDouble(Double::parseDouble).toArray();
    }

    /** A CSV whose last column is the target. */
    static Dataset dataset(String file, double[] weights) {
        Table t = table(file);
        int n = t.rows().length;
        int p = t.header().size() - 1;
        double[] x = new double[n * p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(t.rows()[i], 0, x, i * p, p);
            y[i] = t.rows()[i][p];
        }
        return Dataset.of(n, p, x, y, weights, t.header().subList(0, p), t.header().get(p));
    }

    static Dataset diabetes() {
        return dataset("diabetes.csv", null);
    }
}
