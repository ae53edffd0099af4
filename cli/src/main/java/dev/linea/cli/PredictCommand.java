package dev.linea.cli;

import dev.linea.models.LinearModel;
import dev.linea.models.io.CsvDatasets;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.scoring.Response;
import dev.linea.models.scoring.Scorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code linea predict}: score a CSV with a saved model; writes CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Score the rows of a CSV with a saved model (columns matched by the model's feature names; "
                + "other columns ignored) and write the predictions as CSV.")
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A model file saved by fit --save.")
    Path modelFile;

    @Parameters(index = "0", paramLabel = "DATA.csv", description = "CSV with a header, or an embedded dataset name.")
    String data;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.csv", description = "Where to write (default: standard output).")
    Path out;

    @Option(names = "--json", description = "Print the predictions as a JSON array instead of CSV.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        ModelFiles.Loaded loaded = ModelFiles.load(modelFile);
        LinearModel model = loaded.model();
        CsvDatasets.Features f;
        try (Reader r = open(data)) {
            f = CsvDatasets.readFeatures(r, loaded.inputs(), data);
        }
        if (loaded.softmax() != null) {
            return softmax(loaded, f);
        }
        // The scorer evaluates any polynomial terms in place and applies the model's inverse link.
        Scorer scorer = Scorer.of(loaded, Response.ofLink(loaded.link()));
        double[] pred = new double[f.rows()];
        try {
            scorer.scoreFinite(f.x(), 0, f.rows(), pred, 0);
        } catch (dev.linea.models.scoring.NonFiniteScoreException e) {
            // a non-finite prediction is an unusable result, not a number to write (exit 1, as an unusable fit)
            System.err.println("linea predict: " + data + ": " + e.getMessage());
            return 1;
        }
        if (json) {
            System.out.println(Json.write(pred));
            return 0;
        }
        Writer w = out == null ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        try (BufferedWriter bw = new BufferedWriter(w)) {
            bw.write("predicted_" + loaded.target());
            bw.newLine();
            for (double v : pred) {
                bw.write(Double.toString(v));
                bw.newLine();
            }
        } catch (UncheckedIOException e) {
            throw e;
        }
        if (out != null) {
            System.err.println("linea predict: " + pred.length + " predictions written to " + out);
        }
        return 0;
    }

    /** Softmax: the predicted class and one probability column per class. */
    private int softmax(ModelFiles.Loaded loaded, CsvDatasets.Features f) throws IOException {
        dev.linea.models.logistic.SoftmaxModel m = loaded.softmax();
        int k = m.classCount();
        int n = m.featureCount();
        double[] row = new double[n];
        double[] p = new double[k];
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("predicted_" + loaded.target());
        for (int c = 0; c < k; c++) {
            csv.append(",p_").append(c);
        }
        csv.append('\n');
        for (int i = 0; i < f.rows(); i++) {
            System.arraycopy(f.x(), i * n, row, 0, n);
            m.predictProbabilities(row, p);
            int cls = m.predict(row);
            if (json) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("class", cls);
                r.put("probabilities", p.clone());
                rows.add(r);
            } else {
                csv.append(cls);
                for (double v : p) {
                    csv.append(',').append(v);
                }
                csv.append('\n');
            }
        }
        if (json) {
            System.out.println(Json.write(rows));
        } else if (out == null) {
            System.out.print(csv);
        } else {
            Files.writeString(out, csv, StandardCharsets.UTF_8);
            System.err.println("linea predict: " + f.rows() + " predictions written to " + out);
        }
        return 0;
    }

    private static Reader open(String data) throws IOException {
        Path p = Path.of(data);
        if (!Files.exists(p) && DataOptions.EMBEDDED_TARGETS.containsKey(data)) {
            InputStream in = PredictCommand.class.getResourceAsStream("/datasets/" + data + ".csv");
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("no such file: " + data);
        }
        return Files.newBufferedReader(p, StandardCharsets.UTF_8);
    }
}
