package dev.linea.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * auto against the single backends on one benchmark and shape, timed alternately (dev.linea.bench.AutoVersusBest):
 * each backend's seconds per call in each round, and the single backends left out of the alternation with why.
 *
 * @param benchmark simple name, e.g. "Level1Bench.dot"
 * @param shape     the shape parameter, as in {@link Measurement#shape()}
 * @param rounds    backend → seconds per call in each round (same length for every backend), in the order timed
 * @param leftOut   single backend → why it was not timed (e.g. "2.3× the fastest in JMH")
 * @param jvms      JVMs per backend: round r ran on each backend's JVM r mod jvms
 */
public record AutoTiming(String benchmark, String shape, Map<String, double[]> rounds, Map<String, String> leftOut,
                         int jvms) {
    public AutoTiming {
        rounds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rounds));
        leftOut = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(leftOut));
        if (jvms < 1) {
            throw new IllegalArgumentException("jvms = " + jvms + ", expected at least 1");
        }
    }

    /** Timings with one JVM per backend. */
    public AutoTiming(String benchmark, String shape, Map<String, double[]> rounds, Map<String, String> leftOut) {
        this(benchmark, shape, rounds, leftOut, 1);
    }

    /** @return the median of a backend's rounds (the upper middle one for an even count), NaN when not timed. */
    public double median(String backend) {
        double[] r = rounds.get(backend);
        if (r == null || r.length == 0) {
            return Double.NaN;
        }
        double[] s = r.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** @return the single backend (not auto) with the smallest median, null when none was timed. */
    public String bestSingle() {
        String best = null;
        for (String b : rounds.keySet()) {
            if (!b.equals("auto") && (best == null || median(b) < median(best))) {
                best = b;
            }
        }
        return best;
    }

    /**
     * auto ÷ the best single backend. Each round gives auto's time ÷ the best's in that round (the two ran back to
     * back, so a change of load between rounds cancels); for each JVM pair (rounds r ≡ j mod {@link #jvms}) the
     * median of those ratios (robust to a round that other work disturbed), and the geometric mean of the pairs'
     * medians (two JVMs running the same kernel can differ by several percent for good; the mean weighs each pair
     * alike, where one median over every round would land in whichever pair's cluster holds the middle round).
     *
     * @return that ratio, NaN when auto or every single backend is missing
     */
    public double ratio() {
        String best = bestSingle();
        double[] a = rounds.get("auto");
        if (best == null || a == null) {
            return Double.NaN;
        }
        double[] b = rounds.get(best);
        int n = Math.min(a.length, b.length);
        double logSum = 0;
        int pairs = 0;
        for (int j = 0; j < jvms && j < n; j++) {
            double[] r = new double[(n - j + jvms - 1) / jvms];
            for (int i = j, k = 0; i < n; i += jvms, k++) {
                r[k] = a[i] / b[i];
            }
            Arrays.sort(r);
            logSum += Math.log(r[r.length / 2]);
            pairs++;
        }
        return pairs == 0 ? Double.NaN : Math.exp(logSum / pairs);
    }

    /**
     * @return the smallest and largest of auto ÷ best within one round (the two timed back to back), over the
     *         rounds: how far one round's comparison can stray
     */
    public double[] roundRatioRange() {
        String best = bestSingle();
        double[] a = rounds.get("auto");
        if (best == null || a == null) {
            return new double[]{Double.NaN, Double.NaN};
        }
        double[] b = rounds.get(best);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            lo = Math.min(lo, a[i] / b[i]);
            hi = Math.max(hi, a[i] / b[i]);
        }
        return new double[]{lo, hi};
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes timings as a JSON array, with {@code method} (how they were measured) in each. */
    public static void write(Path file, List<AutoTiming> timings, String method) throws IOException {
        ArrayNode arr = JSON.createArrayNode();
        for (AutoTiming t : timings) {
            ObjectNode o = arr.addObject();
            o.put("benchmark", t.benchmark());
            o.put("shape", t.shape());
            o.put("method", method);
            o.put("jvms", t.jvms());
            ObjectNode r = o.putObject("secondsPerCall");
            t.rounds().forEach((b, s) -> {
                ArrayNode a = r.putArray(b);
                for (double v : s) {
                    a.add(v);
                }
            });
            ObjectNode l = o.putObject("leftOut");
            t.leftOut().forEach(l::put);
        }
        Files.writeString(file, JSON.writeValueAsString(arr));
    }

    /** Reads what {@link #write} wrote. */
    public static List<AutoTiming> read(Path file) throws IOException {
        List<AutoTiming> out = new ArrayList<>();
        for (JsonNode o : JSON.readTree(Files.readString(file))) {
            Map<String, double[]> rounds = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("secondsPerCall").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                double[] v = new double[e.getValue().size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = e.getValue().get(i).asDouble();
                }
                rounds.put(e.getKey(), v);
            }
            Map<String, String> leftOut = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("leftOut").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                leftOut.put(e.getKey(), e.getValue().asText());
            }
            out.add(new AutoTiming(o.path("benchmark").asText(), o.path("shape").asText(), rounds, leftOut,
                    o.path("jvms").asInt(1)));
        }
        return out;
    }
}
