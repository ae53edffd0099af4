package dev.linea.models.preprocessing;

import dev.linea.models.Dataset;
import dev.linea.models.Table;
import dev.linea.models.io.CsvDatasets;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Typed columns read from CSV and one-hot encoded: inference, overrides, coding, names, missing policies. */
class TypedReadTest {
    private static final String CSV = "region,x1,flag,y\n"
            + "north,1,yes,10\n"
            + "south,2,no,20\n"
            + "east,3,yes,30\n"
            + "north,4,no,40\n";

    private static TableEncoder.Encoded read(String csv, EncodingSpec spec) {
        return CsvDatasets.read(new StringReader(csv), CsvDatasets.Spec.target("y"), spec, "t.csv");
    }

    @Test
    void infersTypesAndNamesTreatmentDummiesLikeStatsmodels() {
        TableEncoder.Encoded e = read(CSV, EncodingSpec.defaults());
        assertThat(e.data().featureNames()).containsExactly("region[T.north]", "region[T.south]", "x1", "flag");
        assertThat(e.data().copyX()).containsExactly(
                1, 0, 1, 1,
                0, 1, 2, 0,
                0, 0, 3, 1,
                1, 0, 4, 0);
        assertThat(e.encoding().columns()).extracting(Encoding.Column::type)
                .containsExactly(ColumnType.CATEGORICAL, ColumnType.NUMERIC, ColumnType.BOOLEAN);
        Encoding.Categorical region = (Encoding.Categorical) e.encoding().column("region");
        assertThat(region.levels()).containsExactly("east", "north", "south");
        assertThat(region.reference()).isEqualTo("east");
    }

    @Test
    void fullCodingForPenalizedModelsAndANamedReference() {
        TableEncoder.Encoded full = read(CSV, EncodingSpec.builder().model(true, true).build());
        assertThat(full.data().featureNames()).containsExactly("region[east]", "region[north]", "region[south]", "x1",
                "flag");
        TableEncoder.Encoded ref = read(CSV, EncodingSpec.builder().reference("region", "north").build());
        assertThat(ref.data().featureNames()).containsExactly("region[T.east]", "region[T.south]", "x1", "flag");
        // without an intercept, the first categorical column takes its place: full coding (as patsy)
        TableEncoder.Encoded noIntercept = read(CSV, EncodingSpec.builder().model(false, false).build());
        assertThat(noIntercept.data().featureNames()).startsWith("region[east]");
    }

    @Test
    void declaredCategoricalNumbersSortNumerically() {
        String csv = "month,y\n10,1\n9,2\n5,3\n10,4\n";
        TableEncoder.Encoded e = read(csv, EncodingSpec.builder().categorical("month").build());
        assertThat(e.data().featureNames()).containsExactly("month[T.9]", "month[T.10]");
    }

    @Test
    void numbersMixedWithTextAreAnErrorNamingTheCell() {
        assertThatThrownBy(() -> read("a,y\n1,2\nabc,4\n", EncodingSpec.defaults()))
                .hasMessageContaining("line 3, column 'a': 'abc' is not a number")
                .hasMessageContaining("--categorical a");
    }

    @Test
    void missingPoliciesCountAndFill() {
        String csv = "region,x,y\nnorth,1,1\n,2,2\nsouth,NA,3\nnorth,5,4\nsouth,6,\n";
        assertThatThrownBy(() -> read(csv, EncodingSpec.defaults()))
                .hasMessageContaining("t.csv: line 3, column 'region': missing value");
        TableEncoder.Encoded drop = read(csv, EncodingSpec.builder().missing(MissingPolicy.drop()).build());
        assertThat(drop.data().rows()).isEqualTo(2);
        assertThat(drop.missing().rowsDropped()).isEqualTo(3);
        // a missing target is never imputed: the row is dropped under any policy but error, and counted
        TableEncoder.Encoded noTarget = read(csv, EncodingSpec.builder().missing(MissingPolicy.parse("median,mode"))
                .build());
        assertThat(noTarget.data().rows()).isEqualTo(4);
        assertThat(noTarget.missing().rowsDropped()).isEqualTo(1);
        assertThat(noTarget.missing().columns()).extracting(TableEncoder.ColumnMissing::column,
                TableEncoder.ColumnMissing::action).contains(org.assertj.core.groups.Tuple.tuple("y", "rows dropped"));
        assertThatThrownBy(() -> read("x,y\n1,\n2,3\n", EncodingSpec.defaults()))
                .hasMessageContaining("line 2, column 'y': empty value")
                .hasMessageContaining("dropped under any --missing policy but error");
        String csv2 = "region,x,y\nnorth,1,1\n,2,2\nsouth,NA,3\nnorth,5,4\nsouth,6,5\n";
        TableEncoder.Encoded imputed = read(csv2, EncodingSpec.builder().missing(MissingPolicy.parse("median,mode"))
                .build());
        assertThat(imputed.data().rows()).isEqualTo(5);
        Encoding.Numeric x = (Encoding.Numeric) imputed.encoding().column("x");
        assertThat(x.fill()).isEqualTo(3.5); // median of 1, 2, 5, 6
        Encoding.Categorical region = (Encoding.Categorical) imputed.encoding().column("region");
        assertThat(region.fill()).isEqualTo("north"); // north 2, south 2: the tie goes to the first in order
        assertThat(imputed.missing().columns()).extracting(TableEncoder.ColumnMissing::column,
                TableEncoder.ColumnMissing::cells).containsExactly(
                org.assertj.core.groups.Tuple.tuple("region", 1), org.assertj.core.groups.Tuple.tuple("x", 1));
        TableEncoder.Encoded level = read(csv2, EncodingSpec.builder().missing(MissingPolicy.parse("mean,level"))
                .build());
        assertThat(level.data().featureNames()).containsExactly("region[T.south]", "region[T.missing]", "x");
        assertThat(((Encoding.Numeric) level.encoding().column("x")).fill()).isEqualTo(3.5);
    }

    @Test
    void javaTableAndFormulaStyleColumn() {
        Table t = Table.builder("rows").categorical("g", new String[] {"b", "a", "b"})
                .numeric("y", new double[] {1, 2, 3}).build();
        TableEncoder.Encoded e = TableEncoder.fit(t, "y", null, EncodingSpec.defaults());
        assertThat(e.data().featureNames()).containsExactly("g[T.b]");
        Encoding.Categorical c = Encoding.Categorical.of("g", List.of("b", "a", "c"), Coding.TREATMENT, "c");
        assertThat(c.features()).containsExactly("g[T.a]", "g[T.b]");
        double[] out = new double[2];
        new Encoding(List.of(c)).encode(Map.of("g", "b"), out, 0, Encoding.Unseen.ERROR);
        assertThat(out).containsExactly(0, 1);
        assertThatThrownBy(() -> new Encoding(List.of(c)).encode(Map.of("g", "zz"), out, 0, Encoding.Unseen.ERROR))
                .hasMessageContaining("column 'g': level 'zz' was not seen in training");
        new Encoding(List.of(c)).encode(Map.of("g", "zz"), out, 0, Encoding.Unseen.ZERO);
        assertThat(out).containsExactly(0, 0);
    }

    @Test
    void numbersOnlyFileKeepsTheFastPathDataset() {
        Dataset d = read("a,y\n1,2\n3,4\n", EncodingSpec.defaults()).data();
        assertThat(d.featureNames()).containsExactly("a");
    }
}
