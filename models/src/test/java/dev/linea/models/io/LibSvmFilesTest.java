package dev.linea.models.io;

import dev.linea.kernels.sparse.CsrMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LibSvmFilesTest {

    @Test
    void readsLabelsQidsCommentsAndOneBasedIndices() {
        String text = """
                # a comment line makes no row
                +1 qid:3 1:0.5 3:-2e1 # trailing comment 9:9
                -1 qid:3 2:.25\r

                0 qid:7 # no features: an empty row
                1.5\tqid:7\t4:1E-3
                """;
        LibSvmFiles.Data d = LibSvmFiles.parse(text, 0, "t.svm");
        CsrMatrix x = d.x();
        assertThat(x.rows()).isEqualTo(4);
        assertThat(x.cols()).isEqualTo(4); // the largest index
        assertThat(x.rowPtrUnsafe()).containsExactly(0, 2, 3, 3, 4);
        assertThat(x.indicesUnsafe()).containsExactly(0, 2, 1, 3);
        assertThat(x.valuesUnsafe()).containsExactly(0.5, -20, 0.25, 1e-3);
        assertThat(d.y()).containsExactly(1, -1, 0, 1.5);
        assertThat(d.qid()).containsExactly(3, 3, 7, 7);
    }

    @Test
    void withoutQidTheQidsAreNullAndAGivenColumnCountIsKept() {
        LibSvmFiles.Data d = LibSvmFiles.parse("1 2:1\n0 1:1", 10, "t");
        assertThat(d.qid()).isNull();
        assertThat(d.x().cols()).isEqualTo(10);
        assertThat(d.x().toDense()).containsExactly(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void everyErrorNamesItsLineAndWhatWasExpected() {
        assertThatThrownBy(() -> LibSvmFiles.parse("1 1:1\n1 0:2\n", 0, "f.svm"))
                .hasMessage("f.svm: line 2: index 0 in '0:2', expected indices ≥ 1 (LIBSVM indices are 1-based)");
        assertThatThrownBy(() -> LibSvmFiles.parse("1 3:1 2:1\n", 0, "f"))
                .hasMessage("f: line 1: index 2 after 3, expected increasing indices (unsorted)");
        assertThatThrownBy(() -> LibSvmFiles.parse("# c\n1 3:1 3:1\n", 0, "f"))
                .hasMessage("f: line 2: index 3 after 3, expected increasing indices (a duplicate)");
        assertThatThrownBy(() -> LibSvmFiles.parse("1 3:1 abc\n", 0, "f"))
                .hasMessage("f: line 1: token 'abc', expected INDEX:VALUE");
        assertThatThrownBy(() -> LibSvmFiles.parse("1 x:1\n", 0, "f"))
                .hasMessageContaining("line 1: index 'x' in 'x:1', expected a whole number");
        assertThatThrownBy(() -> LibSvmFiles.parse("1 2:5d\n", 0, "f"))
                .hasMessage("f: line 1: value '5d' of index 2, expected a finite number");
        assertThatThrownBy(() -> LibSvmFiles.parse("1 2:nan\n", 0, "f"))
                .hasMessage("f: line 1: value 'nan' of index 2, expected a finite number");
        assertThatThrownBy(() -> LibSvmFiles.parse("1 2:\n", 0, "f"))
                .hasMessageContaining("value '' of index 2");
        assertThatThrownBy(() -> LibSvmFiles.parse("\n\nyes 1:1\n", 0, "f"))
                .hasMessage("f: line 3: label 'yes', expected a finite number");
        assertThatThrownBy(() -> LibSvmFiles.parse("1 qid:1 1:1\n1 1:1\n", 0, "f"))
                .hasMessage("f: line 2: no qid, expected one (the rows before it have one)");
        assertThatThrownBy(() -> LibSvmFiles.parse("1 qid:x 1:1\n", 0, "f"))
                .hasMessageContaining("line 1: 'qid:x', expected qid:N");
        assertThatThrownBy(() -> LibSvmFiles.parse("1 5:1\n", 4, "f"))
                .hasMessage("f: line 1: index 5, expected at most 4 (the column count)");
    }

    /** Random files read in several chunks on several threads equal a naive reading by String.split. */
    @Test
    void parallelChunksReadWhatANaiveSplitReads(@TempDir Path dir) throws IOException {
        Random r = new Random(11);
        StringBuilder sb = new StringBuilder();
        int rows = 3000;
        for (int i = 0; i < rows; i++) {
            if (i % 97 == 0) {
                sb.append("# comment ").append(i).append(" 1:2\n");
            }
            sb.append(r.nextBoolean() ? "+1" : "-1");
            int j = 0;
            int nnz = r.nextInt(12);
            for (int k = 0; k < nnz; k++) {
                j += 1 + r.nextInt(50);
                sb.append(r.nextBoolean() ? ' ' : '\t').append(j).append(':')
                        .append(String.format(Locale.ROOT, "%.6g", r.nextGaussian() * 1e3));
            }
            sb.append(i % 5 == 0 ? "\r\n" : "\n");
        }
        Path f = dir.resolve("r.svm");
        Files.writeString(f, sb);
        LibSvmFiles.Data d = LibSvmFiles.read(f, 0, 3, 4096); // chunks of a few kilobytes
        LibSvmFiles.Data one = LibSvmFiles.read(f, 0, 1, Long.MAX_VALUE);
        assertThat(d.x().rowPtrUnsafe()).isEqualTo(one.x().rowPtrUnsafe());
        // naive reading
        int row = 0;
        int k = 0;
        for (String line : sb.toString().split("\n")) {
            line = line.strip();
            if (line.startsWith("#")) {
                continue;
            }
            String[] tok = line.split("[ \t]+");
            assertThat(d.y()[row]).isEqualTo(Double.parseDouble(tok[0]));
            assertThat(d.x().rowPtrUnsafe()[row]).isEqualTo(k);
            for (int t = 1; t < tok.length; t++) {
                String[] iv = tok[t].split(":");
                assertThat(d.x().indicesUnsafe()[k]).isEqualTo(Integer.parseInt(iv[0]) - 1);
                assertThat(d.x().valuesUnsafe()[k]).isEqualTo(Double.parseDouble(iv[1]));
                k++;
            }
            row++;
        }
        assertThat(d.x().rows()).isEqualTo(rows);
        assertThat(d.x().nonZeros()).isEqualTo(k);
    }

    @Test
    void anErrorInALaterChunkNamesItsLineInTheWholeFile(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            sb.append(i == 1733 ? "1 4:1 2:1\n" : "1 1:1 2:2 3:3\n");
        }
        Path f = dir.resolve("e.svm");
        Files.writeString(f, sb);
        assertThatThrownBy(() -> LibSvmFiles.read(f, 0, 4, 2048))
                .hasMessage(f + ": line 1734: index 2 after 4, expected increasing indices (unsorted)");
    }
}
