package dev.linea.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One timing of a reference tool (numpy, scikit-learn, R glmnet) from {@code reference.json}, as written by
 * {@code bench/reference/run_reference.py} on the same machine.
 *
 * @param name    the task, e.g. "ridge (alpha=1, cholesky)"
 * @param shape   the data shape, "m x n" as FitBench writes it ("100000x100")
 * @param seconds median of the script's repeats; NaN when skipped
 * @param tool    the library and call, e.g. "sklearn Ridge"
 * @param version the library's version ("" when unknown)
 * @param linea   the Linea benchmarks doing the same work, comma-separated ("FitBench.olsQr,FitBench.olsNormalEquations"),
 *                or "" when none; the report shows the fastest
 * @param skipped why the task was not timed, or "" when it was
 */
public record Reference(String name, String shape, double seconds, String tool, String version, String linea,
                        String skipped) {

    /**
     * Reads the {@code results} array of a reference.json: the single-thread rows (no {@code threads} field, or 1),
     * since the JMH suites it is set beside run their kernels on one thread.
     */
    public static List<Reference> read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        List<Reference> list = new ArrayList<>();
        for (JsonNode n : root.path("results")) {
            if (n.path("threads").asInt(1) != 1) {
                continue; // a multi-threaded timing: the script's own table (reference.md) compares it
            }
            JsonNode s = n.path("seconds");
            list.add(new Reference(n.path("name").asText(), n.path("shape").asText(),
                    s.isNumber() ? s.asDouble() : Double.NaN, n.path("tool").asText(), n.path("version").asText(""),
                    n.path("linea").asText(""), n.path("skipped").asText("")));
        }
        return list;
    }
}
