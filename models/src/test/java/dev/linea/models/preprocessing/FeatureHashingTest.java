package dev.linea.models.preprocessing;

import dev.linea.models.GeneratedNames;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureHashingTest {

    /** {@code sklearn.utils.murmurhash3_32(s, seed)} (scikit-learn 1.2.1), signed: the reference values. */
    @Test
    void murmurHash3MatchesScikitLearn() {
        Object[][] golden = {
                {"", 0, 0}, {"", 1, 1364076727}, {"a", 0, 1009084850}, {"ab", 0, -1681926305},
                {"abc", 0, -1277324294}, {"abcd", 0, 1139631978}, {"hello", 0, 613153351},
                {"Hello, world!", 1234, -84488781}, {"The quick brown fox jumps over the lazy dog", 0, 776992547},
                {"Zürich", 42, -723920887}, {"東京", 7, -487111243}, {"😀x", 3, 1382361842}};
        for (Object[] g : golden) {
            String s = (String) g[0];
            int seed = (Integer) g[1];
            int want = (Integer) g[2];
            assertThat(MurmurHash3.hashUtf8(s, seed)).as("'%s' seed %d", s, seed).isEqualTo(want);
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            assertThat(MurmurHash3.hash(b, 0, b.length, seed)).isEqualTo(want);
        }
    }

    /** The streaming UTF-8 encoder gives the bytes String.getBytes gives, for random text of all planes. */
    @Test
    void streamingUtf8EqualsTheEncodedBytes() {
        Random r = new Random(3);
        for (int t = 0; t < 2000; t++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(20);
            for (int k = 0; k < n; k++) {
                switch (r.nextInt(5)) {
                    case 0 -> sb.append((char) r.nextInt(0x80));
                    case 1 -> sb.append((char) (0x80 + r.nextInt(0x780)));
                    case 2 -> sb.append((char) (0x800 + r.nextInt(0xD000)));
                    case 3 -> sb.appendCodePoint(0x10000 + r.nextInt(0x100000));
                    default -> sb.append((char) (0xD800 + r.nextInt(0x800))); // an unpaired surrogate: '?'
                }
            }
            String s = sb.toString();
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int seed = r.nextInt();
            assertThat(MurmurHash3.hashUtf8(s, seed)).as(s).isEqualTo(MurmurHash3.hash(b, 0, b.length, seed));
        }
    }

    @Test
    void columnsAreTheLowBitsAndTheSignTheTopBit() {
        int h = MurmurHash3.hashUtf8("ab", 0); // −1681926305 = 0x9BC0_1E1F… negative
        assertThat(FeatureHashing.sign(h)).isEqualTo(-1.0);
        assertThat(FeatureHashing.column(h, 4)).isEqualTo(h & 15);
        assertThat(FeatureHashing.sign(MurmurHash3.hashUtf8("hello", 0))).isEqualTo(1.0);
    }

    @Test
    void parsesSpecsAndNamesTheBlocks() {
        FeatureHashing fh = FeatureHashing.parse(List.of("city:3", "a:b:2"), 9);
        assertThat(fh.columns()).containsExactly(new FeatureHashing.Column("city", 3),
                new FeatureHashing.Column("a:b", 2));
        assertThat(fh.width()).isEqualTo(12);
        GeneratedNames names = fh.featureNames(List.of("age"));
        assertThat(names).containsExactly("age", "city#0", "city#1", "city#2", "city#3", "city#4", "city#5",
                "city#6", "city#7", "a:b#0", "a:b#1", "a:b#2", "a:b#3");
        assertThat(names.indexOf("city#5")).isEqualTo(6);
        assertThat(names.indexOf("a:b#3")).isEqualTo(12);
        assertThat(names.indexOf("city#8")).isEqualTo(-1);
        assertThatThrownBy(() -> FeatureHashing.parse(List.of("city"), 0))
                .hasMessageContaining("--hash 'city', expected COLUMN:BITS");
        assertThatThrownBy(() -> FeatureHashing.parse(List.of("city:29"), 0))
                .hasMessageContaining("29 bits, expected 1 to 28");
        assertThatThrownBy(() -> FeatureHashing.parse(List.of("c:2", "c:3"), 0))
                .hasMessageContaining("'c' is hashed twice");
        assertThatThrownBy(() -> fh.featureNames(List.of("city#1")))
                .hasMessageContaining("'city#1' is also a name of the block 'city#'");
    }

    @Test
    void aHashingStepStandsAloneAfterTheNumericInputs() {
        FeatureHashing fh = FeatureHashing.parse(List.of("city:2"), 0);
        Preprocessing p = new Preprocessing(List.of("age", "city"), List.of(fh), null);
        assertThat(p.numericInputs()).containsExactly("age");
        assertThat(p.features()).containsExactly("age", "city#0", "city#1", "city#2", "city#3");
        assertThat(p.hashing()).contains(fh);
        assertThatThrownBy(() -> new Preprocessing(List.of("city", "age"), List.of(fh), null))
                .hasMessageContaining("expected them to be the last inputs");
        assertThatThrownBy(() -> new Preprocessing(List.of("age", "city"),
                List.of(fh, new Preprocessing.Standardization(new double[5], new double[] {1, 1, 1, 1, 1})), null))
                .hasMessageContaining("expected it alone");
        assertThatThrownBy(() -> p.apply(new double[2])).hasMessageContaining("SparseScorer");
    }
}
