package dev.linea.models.io;

import dev.linea.models.preprocessing.FeatureHashing;
import dev.linea.models.preprocessing.MurmurHash3;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashedCsvFilesTest {
    private static final FeatureHashing H = FeatureHashing.parse(List.of("city:3"), 5);

    @Test
    void numericColumnsFirstThenOneSignedEntryPerHashedValue() {
        String csv = """
                id,age,city,click
                a,30,Paris,1
                b,0,,0
                c,2.5,"Zürich, CH",1
                """;
        HashedCsvFiles.Data d = HashedCsvFiles.read(new StringReader(csv), "t.csv", "click", null, H, List.of("id"));
        assertThat(d.preprocessing().inputs()).containsExactly("age", "city");
        assertThat(d.preprocessing().features()).hasSize(1 + 8).startsWith("age", "city#0");
        assertThat(d.y()).containsExactly(1, 0, 1);
        assertThat(d.x().cols()).isEqualTo(9);
        int hp = MurmurHash3.hashUtf8("Paris", 5);
        int hz = MurmurHash3.hashUtf8("Zürich, CH", 5);
        assertThat(d.x().rowPtrUnsafe()).containsExactly(0, 2, 2, 4); // row 2: a zero and a missing value
        assertThat(d.x().indicesUnsafe()).containsExactly(0, 1 + (hp & 7), 0, 1 + (hz & 7));
        assertThat(d.x().valuesUnsafe()).containsExactly(30, hp < 0 ? -1 : 1, 2.5, hz < 0 ? -1 : 1);
        // replaying the model's preprocessing on another file reads the same columns by name
        String other = "city,zzz,age\nZürich, CH,1,2.5\n".replace("Zürich, CH", "\"Zürich, CH\"");
        HashedCsvFiles.Data p = HashedCsvFiles.replay(new StringReader(other), "p.csv", d.preprocessing(), null);
        assertThat(p.y()).isNull();
        assertThat(p.x().indicesUnsafe()).containsExactly(0, 1 + (hz & 7));
    }

    @Test
    void errorsNameTheLineTheColumnAndWhatWasExpected() {
        assertThatThrownBy(() -> HashedCsvFiles.read(new StringReader("age,city,y\n1,a,1\nold,b,0\n"), "t.csv", "y",
                null, H, List.of()))
                .hasMessage("t.csv: line 3, column 'age': 'old', expected a finite number (a text column is hashed "
                        + "with --hash age:BITS)");
        assertThatThrownBy(() -> HashedCsvFiles.read(new StringReader("age,town,y\n1,a,1\n"), "t.csv", "y", null, H,
                List.of())).hasMessage("t.csv: no --hash column 'city', expected one of [age, town, y]");
        assertThatThrownBy(() -> HashedCsvFiles.read(new StringReader("age,city,y\n1,a,NaN\n"), "t.csv", "y", null,
                H, List.of())).hasMessage("t.csv: line 2, column 'y': 'NaN', expected a finite number");
        assertThatThrownBy(() -> HashedCsvFiles.read(new StringReader("age,city,y\n1,a\n"), "t.csv", "y", null,
                H, List.of())).hasMessage("t.csv: line 2 has 2 fields, expected 3 (as in the header)");
    }
}
