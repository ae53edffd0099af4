package dev.linea.models.io;

import dev.linea.models.Dataset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the CSV reader: arbitrary text built from CSV's own alphabet (separators, quotes, line breaks, digits,
 * signs, exponents, NaN/Infinity, letters). Either a valid {@link Dataset} comes back, or an
 * {@link IllegalArgumentException} with a message; nothing else may escape.
 * Longer runs: {@link ReaderMutationFuzzTest} (byte-level mutants, any number of tries).
 */
class CsvDatasetsFuzzTest {

    @Provide
    Arbitrary<String> csvText() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of(",", ",", ",", "\n", "\n", "\r\n", "\"", " ", "-", "+", ".", "e", "E", "NaN",
                        "Infinity", "-Infinity", "y", "x", "a", "\uFEFF", "\u00e9", "0x1p3", "1e400", "#"),
                Arbitraries.integers().between(-1000, 1000).map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf));
        Arbitrary<String> body = token.list().ofMaxSize(60).map(l -> String.join("", l));
        Arbitrary<String> header = Arbitraries.of("x,y\n", "a,b,y\n", "y\n", "y,x\n", "", "x,y,w\n");
        return net.jqwik.api.Combinators.combine(header, body).as((h, b) -> h + b);
    }

    @Property(tries = 10_000)
    void onlyIllegalArgumentEscapes(@ForAll("csvText") String text) {
        try {
            Dataset d = CsvDatasets.read(new StringReader(text), CsvDatasets.Spec.target("y"));
            assertThat(d.rows()).isPositive();
            for (double v : d.copyX()) {
                assertThat(v).isFinite();
            }
            for (double v : d.copyY()) {
                assertThat(v).isFinite();
            }
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 2_000)
    void weightsColumnFuzz(@ForAll("csvText") String text) {
        try {
            CsvDatasets.read(new StringReader(text), new CsvDatasets.Spec("y", "w", null));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
