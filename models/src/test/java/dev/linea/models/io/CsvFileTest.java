package dev.linea.models.io;

import dev.linea.models.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading CSV files: the parallel path ({@link ParallelCsvFile}) gives the bits of {@link Double#parseDouble} and the
 * general (reader) path's answers and messages, on files big enough to be split across threads; and every way a
 * file can fail to be CSV text is named.
 */
class CsvFileTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private Path writeBytes(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** A CSV of rows × cols random values (17 digits, shortest, plain), CRLF on odd rows, blank lines now and then. */
    private static String randomCsv(int rows, int cols, long seed, double[][] values) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < cols; j++) {
            s.append(j == 0 ? "" : ",").append(j == cols - 1 ? "y" : "x" + j);
        }
        s.append('\n');
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = switch (r.nextInt(4)) {
                    case 0 -> r.nextGaussian();
                    case 1 -> Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL) * (r.nextBoolean() ? 1 : -1);
                    case 2 -> r.nextInt(-1000, 1000);
                    default -> r.nextGaussian() * 1e-6;
                };
                String text = switch (r.nextInt(3)) {
                    case 0 -> String.format(Locale.ROOT, "%.17g", v);
                    case 1 -> Double.toString(v);
                    default -> String.format(Locale.ROOT, "%.16e", v);
                };
                values[i][j] = Double.parseDouble(text);
                s.append(j == 0 ? "" : ",").append(text);
            }
            s.append(i % 2 == 1 ? "\r\n" : "\n");
            if (i % 997 == 0) {
                s.append('\n');
            }
        }
        return s.toString();
    }

    @Test
    void aFileSplitAcrossThreadsGivesTheBitsOfParseDouble() throws IOException {
        int rows = 30_000;
        int cols = 9;
        double[][] values = new double[rows][cols];
        Path p = write("big.csv", randomCsv(rows, cols, 11, values));
        assertThat(Files.size(p)).isGreaterThan(5L << 20); // more than one chunk
        Dataset d = CsvDatasets.read(p, CsvDatasets.Spec.target("y"));
        assertThat(d.rows()).isEqualTo(rows);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols - 1; j++) {
                assertThat(Double.doubleToRawLongBits(d.x(i, j))).isEqualTo(Double.doubleToRawLongBits(values[i][j]));
            }
            assertThat(Double.doubleToRawLongBits(d.y(i))).isEqualTo(Double.doubleToRawLongBits(values[i][cols - 1]));
        }
        // the reader path agrees
        Dataset viaReader = CsvDatasets.read(new StringReader(Files.readString(p)), CsvDatasets.Spec.target("y"));
        assertThat(viaReader.copyX()).isEqualTo(d.copyX());
    }

    @Test
    void anErrorDeepInABigFileNamesItsLine() throws IOException {
        StringBuilder s = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 400_000; i++) {
            s.append(i).append(",1.25,").append(i == 345_677 ? "5d" : "3").append('\n');
        }
        Path p = write("late.csv", s.toString());
        assertThatThrownBy(() -> CsvDatasets.read(p, CsvDatasets.Spec.target("y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 345679, column 'y': '5d' is not a number");
    }

    @Test
    void weightsExcludedColumnsAndTextInExcludedColumnsOnTheFilePath() throws IOException {
        Path p = write("w.csv", "id,a,y,w,note\n7,1,10,0.5,héllo\n8,3,20,1,x y\n");
        Dataset d = CsvDatasets.read(p, new CsvDatasets.Spec("y", "w", java.util.List.of("id", "note")));
        assertThat(d.featureNames()).containsExactly("a");
        assertThat(d.copyX()).containsExactly(1, 3);
        assertThat(d.copyY()).containsExactly(10, 20);
        assertThat(d.copyWeights()).containsExactly(0.5, 1);
        Path neg = write("neg.csv", "a,y,w\n1,2,1\n1,2,-1\n");
        assertThatThrownBy(() -> CsvDatasets.read(neg, new CsvDatasets.Spec("y", "w", null)))
                .hasMessageContaining("line 3, column 'w': weight -1.0, expected >= 0");
    }

    @Test
    void raggedRowsEmptyCellsAndNonFiniteValuesOnTheFilePath() throws IOException {
        assertThatThrownBy(() -> CsvDatasets.read(write("r.csv", "a,y\n1,2\n\n3\n"), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("line 4 has 1 fields, expected 2");
        assertThatThrownBy(() -> CsvDatasets.read(write("r2.csv", "a,y\n1,2,3\n"), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("line 2 has 3 fields, expected 2");
        assertThatThrownBy(() -> CsvDatasets.read(write("e.csv", "a,y\r\n1,2\r\n,4\r\n"), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("line 3, column 'a': empty value");
        assertThatThrownBy(() -> CsvDatasets.read(write("n.csv", "a,y\n1,-Inf\n"), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("line 2, column 'y': -Inf, expected a finite number");
        assertThatThrownBy(() -> CsvDatasets.read(write("h.csv", "a,y\n"), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("no data rows");
        assertThatThrownBy(() -> CsvDatasets.read(write("z.csv", ""), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("empty file");
    }

    @Test
    void javaNumberFormsAndControlCharactersAreNotNumbers() throws IOException {
        for (String bad : new String[] {"5d", "5f", "0x1.8p1", "1\u00072", "1_000", "0b1", "1.0L"}) {
            String text = "a,y\n1,2\n" + bad + ",3\n";
            String shown = CsvLayout.printable(bad);
            assertThatThrownBy(() -> CsvDatasets.read(write("g.csv", text), CsvDatasets.Spec.target("y")))
                    .as(bad).hasMessageContaining("line 3, column 'a': '" + shown + "' is not a number");
            assertThatThrownBy(() -> CsvDatasets.read(new StringReader(text), CsvDatasets.Spec.target("y")))
                    .as(bad).hasMessageContaining("line 3, column 'a': '" + shown + "' is not a number");
        }
        assertThat(CsvLayout.printable("1\u00072")).isEqualTo("1\\u00072");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstName() throws IOException {
        String text = "\uFEFFy,x\n1,2\n3,4\n";
        Dataset f = CsvDatasets.read(write("bom.csv", text), CsvDatasets.Spec.target("y"));
        assertThat(f.copyY()).containsExactly(1, 3);
        Dataset r = CsvDatasets.read(new StringReader(text), CsvDatasets.Spec.target("y"));
        assertThat(r.copyY()).containsExactly(1, 3);
        Dataset q = CsvDatasets.read(write("bomq.csv", "\uFEFF\"y\",x\n1,2\n"), CsvDatasets.Spec.target("y"));
        assertThat(q.copyY()).containsExactly(1);
    }

    @Test
    void quotedFilesGoThroughTheGeneralReaderWithTheSameAnswers() throws IOException {
        Dataset d = CsvDatasets.read(write("q.csv", "\"a\",y\n\"1.5\",2\n3,\"4\"\n"), CsvDatasets.Spec.target("y"));
        assertThat(d.copyX()).containsExactly(1.5, 3);
        assertThatThrownBy(() -> CsvDatasets.read(write("q2.csv", "a,y\n\"x\",2\n"), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("line 2, column 'a': 'x' is not a number");
    }

    @Test
    void aDirectoryIsNamed() {
        assertThatThrownBy(() -> CsvDatasets.read(dir, CsvDatasets.Spec.target("y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a directory, expected a CSV file");
    }

    @Test
    void binaryCompressedAndUtf16FilesAreNamed() throws IOException {
        byte[] utf16 = "y,x\n1,2\n".getBytes(StandardCharsets.UTF_16); // with a BOM
        assertThatThrownBy(() -> CsvDatasets.read(writeBytes("u16.csv", utf16), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("is UTF-16 text (byte-order mark FE FF), expected UTF-8")
                .hasMessageContaining("iconv");
        byte[] le = "y,x\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_16LE);
        assertThatThrownBy(() -> CsvDatasets.read(writeBytes("u16le.csv", le), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("UTF-16 text without a byte-order mark").hasMessageContaining("UTF-16LE");
        byte[] bin = {'y', ',', 'x', '\n', '1', ',', 0, 1, 2, '\n'};
        assertThatThrownBy(() -> CsvDatasets.read(writeBytes("b.csv", bin), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("looks binary (a NUL byte on line 2, byte offset 6)");
        byte[] gz = {0x1f, (byte) 0x8b, 8, 0, 0, 0};
        assertThatThrownBy(() -> CsvDatasets.read(writeBytes("g.csv.gz", gz), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("gzip-compressed");
        byte[] zip = {'P', 'K', 3, 4, 0, 0};
        assertThatThrownBy(() -> CsvDatasets.read(writeBytes("x.xlsx", zip), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("zip archive");
    }

    @Test
    void bytesThatAreNotUtf8AreNamedWithTheirLine() throws IOException {
        byte[] latin1 = "y,caf\u00e9\n1,2\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> CsvDatasets.read(writeBytes("l.csv", latin1), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("line 1 is not valid UTF-8 (bytes E9 0A");
        // beyond the examined head, in a quoted file (the general reader's decoder fails; its line is found)
        StringBuilder s = new StringBuilder("\"y\",x\n");
        for (int i = 0; i < 20_000; i++) {
            s.append(i).append(",1\n");
        }
        s.append("1,caf\u00e9\n");
        byte[] late = s.toString().getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> CsvDatasets.read(writeBytes("late.csv", late), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("line 20002 is not valid UTF-8");
    }

    @Test
    void theColumnLimitOfQuotedCsvIsNamedWithItsProperty() throws IOException {
        int cols = 16_385;
        StringBuilder h = new StringBuilder("\"y\"");
        StringBuilder row = new StringBuilder("1");
        for (int j = 1; j < cols; j++) {
            h.append(",x").append(j);
            row.append(",0");
        }
        Path quoted = write("wide.csv", h + "\n" + row + "\n");
        assertThatThrownBy(() -> CsvDatasets.read(quoted, CsvDatasets.Spec.target("y")))
                .hasMessageContaining("more than 16384 fields").hasMessageContaining("-Dfastcsv.max.field.count=N");
        // plain CSV has no such limit
        Path plain = write("wide2.csv", "y" + h.substring(3) + "\n" + row + "\n");
        Dataset d = CsvDatasets.read(plain, CsvDatasets.Spec.target("y"));
        assertThat(d.cols()).isEqualTo(cols - 1);
    }

    @Test
    void blankLinesBeforeTheHeaderAndAHeaderLongerThanTheReadBuffer() throws IOException {
        Path p = write("blank.csv", "\n\r\n\na,y\n1,2\n3,x\n");
        assertThatThrownBy(() -> CsvDatasets.read(p, CsvDatasets.Spec.target("y")))
                .hasMessageContaining("line 6, column 'y': 'x' is not a number");
        StringBuilder h = new StringBuilder("\n".repeat(3));
        StringBuilder row = new StringBuilder("1");
        h.append("y");
        for (int j = 0; j < 200_000; j++) { // a header of about 1.4 MB
            h.append(",column").append(j);
            row.append(",0");
        }
        Dataset d = CsvDatasets.read(write("long.csv", h + "\n" + row + "\n"), CsvDatasets.Spec.target("y"));
        assertThat(d.cols()).isEqualTo(200_000);
        assertThat(d.featureNames().getLast()).isEqualTo("column199999");
    }

    @Test
    void aPipeIsReadAsAStream() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/usr/bin/mkfifo").canExecute());
        Path fifo = dir.resolve("pipe.csv");
        assertThat(new ProcessBuilder("/usr/bin/mkfifo", fifo.toString()).start().waitFor()).isZero();
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                Files.writeString(fifo, "x,y\n1,2\n3,4\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Dataset d = CsvDatasets.read(fifo, CsvDatasets.Spec.target("y"));
        writer.join();
        assertThat(d.copyY()).containsExactly(2, 4);
    }
}
