package dev.linea.cli;

import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.GeneratedNames;
import dev.linea.models.io.HashedCsvFiles;
import dev.linea.models.io.LibSvmFiles;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.scoring.SparseScorer;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code linea predict} with a model fitted on a sparse design: a LIBSVM file ({@code --format libsvm}, the model's
 * inputs numbered f1 … fn) or a CSV whose text columns the model hashes (its hashing step replayed exactly). The
 * rows are read into CSR arrays and scored by a {@link SparseScorer}.
 */
final class SparsePredict {
    private SparsePredict() {
    }

    /** @return whether the model or the format asks for the sparse path */
    static boolean applies(ModelFiles.Loaded loaded, String format) {
        return libsvm(format) || loaded.preprocessing().hashing().isPresent() || numbered(loaded);
    }

    /** A LIBSVM model: numbered inputs, no hashing. */
    private static boolean numbered(ModelFiles.Loaded loaded) {
        return loaded.inputs() instanceof GeneratedNames && loaded.preprocessing().hashing().isEmpty();
    }

    private static boolean libsvm(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("libsvm")) {
            throw new IllegalArgumentException("--format = '" + format + "', expected csv or libsvm");
        }
        return f.equals("libsvm");
    }

    static int run(PredictCommand p, ModelFiles.Loaded loaded) throws IOException {
        boolean libsvm = libsvm(p.format);
        if (!p.keep.isEmpty()) {
            throw new IllegalArgumentException("--keep does not apply to sparse inputs (" + (libsvm
                    ? "--format libsvm" : "a model with hashed columns") + "): the predictions are written one per "
                    + "row, in the order of the rows");
        }
        if (!p.unseenText.equalsIgnoreCase("error")) {
            throw new IllegalArgumentException("--unseen does not apply to sparse inputs: a hashed value training "
                    + "did not see lands on a hashed feature like any other");
        }
        if (libsvm && !numbered(loaded)) {
            throw new IllegalArgumentException("--format libsvm: the model " + p.modelFile + " reads "
                    + (loaded.preprocessing().hashing().isPresent() ? "hashed text columns" : "the named columns "
                    + loaded.inputs()) + ", expected a model fitted on a LIBSVM file (fit --format libsvm)");
        }
        if (!libsvm && numbered(loaded)) {
            throw new IllegalArgumentException("the model " + p.modelFile + " was fitted on a LIBSVM file (inputs f1 "
                    + "… f" + loaded.inputs().size() + "), expected --format libsvm");
        }
        Path file = Path.of(p.data);
        String embedded = SparseFit.embeddedText(p.data);
        if (embedded == null) {
            UserFiles.requireReadable(file, "DATA");
        }
        SparseScorer scorer = SparseScorer.of(loaded);
        CsrMatrix x;
        if (libsvm) {
            x = embedded != null ? LibSvmFiles.parse(embedded, scorer.width(), p.data).x()
                    : LibSvmFiles.read(file, scorer.width(), Runtime.getRuntime().availableProcessors()).x();
        } else {
            x = embedded != null ? HashedCsvFiles.replay(new java.io.StringReader(embedded), p.data,
                    loaded.preprocessing(), null).x() : HashedCsvFiles.replay(file, loaded.preprocessing(), null).x();
        }
        double[] pred = new double[x.rows()];
        scorer.score(x, pred, 0);
        FiniteOutput.predictions(pred, "prediction");
        if (p.json) {
            System.out.println(Json.write(pred));
            return 0;
        }
        try (Writer w = p.out == null ? UserFiles.stdout() : UserFiles.open(p.out, "--out")) {
            w.write(PredictCommand.csvField("predicted_" + loaded.target()));
            w.write('\n');
            for (double v : pred) {
                w.write(Double.toString(v));
                w.write('\n');
            }
        } catch (IOException e) {
            throw p.out == null ? UserFiles.unchecked("standard output", e) : UserFiles.failed(p.out, "--out", e);
        }
        if (p.out != null) {
            System.err.println("linea predict: " + pred.length + " predictions written to " + p.out);
        }
        return 0;
    }
}
