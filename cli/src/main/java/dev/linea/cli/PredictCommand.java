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
        // The scorer evaluates any polynomial terms in place and applies the model's inverse link.
        Scorer scorer = Scorer.of(loaded, Response.ofLink(loaded.link()));
        double[] pred = new double[f.rows()];
        scorer.score(f.x(), 0, f.rows(), pred, 0);
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
