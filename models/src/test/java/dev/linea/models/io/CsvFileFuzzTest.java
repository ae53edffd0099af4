package dev.linea.models.io;

import dev.linea.models.Dataset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parallel file reader and the general reader agree on arbitrary text from CSV's alphabet: the same arrays, bit
 * for bit, or the same message (the source's name aside).
 */
class CsvFileFuzzTest {

    @Provide
    Arbitrary<String> csvText() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of(",", ",", ",", "\n", "\n", "\r\n", "\"", " ", "\t", "-", "+", ".", "e", "E", "NaN",
                        "Inf", "-Infinity", "y", "x", "a", "\uFEFF", "\u00e9", "0x1p3", "5d", "1e400", "#", "\u0007"),
                Arbitraries.integers().between(-1000, 1000).map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf));
        Arbitrary<String> body = token.list().ofMaxSize(60).map(l -> String.join("", l));
        Arbitrary<String> header = Arbitraries.of("x,y\n", "a,b,y\n", "y\n", "y,x\n", "", "x,y,w\n", "\uFEFFy,x\n");
        return net.jqwik.api.Combinators.combine(header, body).as((h, b) -> h + b);
    }

    @Property(tries = 1_000)
    void fileAndReaderAgree(@ForAll("csvText") String text) throws IOException {
        Path file = Files.createTempFile("linea-fuzz", ".csv");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            String viaFile;
            String viaReader;
            try {
                viaFile = describe(CsvDatasets.read(file, new CsvDatasets.Spec("y", null, null)));
            } catch (IllegalArgumentException e) {
                viaFile = e.getMessage().replace(file.toString(), "<src>");
            }
            try {
                viaReader = describe(CsvDatasets.read(new StringReader(text), new CsvDatasets.Spec("y", null, null),
                        "<src>"));
            } catch (IllegalArgumentException e) {
                viaReader = e.getMessage();
            }
            assertThat(viaFile).isEqualTo(viaReader);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String describe(Dataset d) {
        StringBuilder s = new StringBuilder(d.rows() + "x" + d.cols() + " " + d.featureNames());
        for (double v : d.copyX()) {
            s.append(' ').append(Double.doubleToRawLongBits(v));
        }
        for (double v : d.copyY()) {
            s.append(' ').append(Double.doubleToRawLongBits(v));
        }
        return s.toString();
    }
}
