package dev.linea.models.io;

import dev.linea.models.Dataset;
import dev.linea.models.LinearModel;
import java.io.StringReader;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Mutation fuzzing of both readers, complementing the jqwik generators: start from a valid CSV and a valid model
 * file and apply 1–8 random byte-level edits (delete, duplicate, insert a token, swap, truncate). Only an
 * {@link IllegalArgumentException} with a message may escape, and whatever parses must be finite.
 *
 * <p>{@code linea.fuzz.tries} (default 10,000 per reader, about a second) sets the number of mutants; the long run:
 * <pre>  ./linea test -pl models -am -Dtest=ReaderMutationFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Dlinea.fuzz.tries=2000000</pre>
 * {@code linea.fuzz.seed} replays a run (each failure names its seed and mutant).
 */
class ReaderMutationFuzzTest {
    private static final String[] TOKENS = {",", "\n", "\r\n", "\"", "{", "}", "[", "]", ":", "-", "1e400", "NaN",
        "null", "true", "\"version\"", "\"features\"", "0", "9999999999", "\uFEFF", " ", "é", "\\", "\"\"", "1.5"};

    private static final String CSV = "a,b,w,y\n1,2,1,3\n4.5,-6e2,2,7\n\"8\",9,0.5,10\n11,12,1,13\n";
    private static final String MODEL = ModelFiles.toJson(
            new LinearModel(0.5, new double[] {1.25, -3}, List.of("a", "b"), null), "y", 4);

    private static int tries() {
        return Integer.getInteger("linea.fuzz.tries", 10_000);
    }

    private static long seed() {
        return Long.getLong("linea.fuzz.seed", 20261203L);
    }

    @Test
    void csvMutants() {
        SplittableRandom r = new SplittableRandom(seed());
        for (int t = 0; t < tries(); t++) {
            String text = mutate(CSV, r);
            try {
                Dataset d = CsvDatasets.read(new StringReader(text), new CsvDatasets.Spec("y", t % 2 == 0 ? "w" : null, null));
                for (double v : d.copyX()) {
                    assertThat(v).isFinite();
                }
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank();
            } catch (RuntimeException | AssertionError e) {
                fail("CSV mutant " + t + " (seed " + seed() + ") escaped with " + e + ":\n" + text, e);
            }
        }
    }

    @Test
    void modelFileMutants() {
        SplittableRandom r = new SplittableRandom(seed() + 1);
        for (int t = 0; t < tries(); t++) {
            String text = mutate(MODEL, r);
            try {
                ModelFiles.Loaded m = ModelFiles.parse(text, "m.json");
                for (double c : m.model().coefficients()) {
                    assertThat(c).isFinite();
                }
                assertThat(m.model().featureNames()).hasSize(m.model().featureCount());
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank();
            } catch (RuntimeException | AssertionError e) {
                fail("model-file mutant " + t + " (seed " + seed() + ") escaped with " + e + ":\n" + text, e);
            }
        }
    }

    private static String mutate(String s, SplittableRandom r) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + r.nextInt(8);
        for (int e = 0; e < edits && b.length() > 0; e++) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(5)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, b.charAt(r.nextInt(b.length())));
                case 2 -> b.insert(at, TOKENS[r.nextInt(TOKENS.length)]);
                case 3 -> {
                    int other = r.nextInt(b.length());
                    char c = b.charAt(at);
                    b.setCharAt(at, b.charAt(other));
                    b.setCharAt(other, c);
                }
                default -> b.setLength(at);
            }
        }
        return b.toString();
    }
}
