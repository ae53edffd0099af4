package dev.linea.models.io;

import dev.linea.models.Dataset;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvDatasetsTest {

    @Test
    void readsTargetWeightsAndFeaturesByName() {
        Dataset d = CsvDatasets.read(new StringReader("a,y,w,b\n1,10,0.5,2\n3,20,1,4\n"),
                new CsvDatasets.Spec("y", "w", null));
        assertThat(d.rows()).isEqualTo(2);
        assertThat(d.featureNames()).containsExactly("a", "b");
        assertThat(d.copyX()).containsExactly(1, 2, 3, 4);
        assertThat(d.copyY()).containsExactly(10, 20);
        assertThat(d.copyWeights()).containsExactly(0.5, 1);
        assertThat(d.targetName()).isEqualTo("y");
    }

    @Test
    void excludesColumns() {
        Dataset d = CsvDatasets.read(new StringReader("id,a,y\n7,1,2\n8,3,4\n"),
                new CsvDatasets.Spec("y", null, java.util.List.of("id")));
        assertThat(d.featureNames()).containsExactly("a");
    }

    @Test
    void raggedRowNamesLineAndCounts() {
        assertThatThrownBy(() -> CsvDatasets.read(new StringReader("a,y\n1,2\n3\n"), CsvDatasets.Spec.target("y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3 has 1 fields, expected 2");
    }

    @Test
    void nonNumericValueNamesLineAndColumn() {
        assertThatThrownBy(() -> CsvDatasets.read(new StringReader("a,y\n1,2\nabc,4\n"), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("line 3, column 'a': 'abc' is not a number");
    }

    @Test
    void nanAndInfinityAreRejectedWithLineAndColumn() {
        assertThatThrownBy(() -> CsvDatasets.read(new StringReader("a,y\n1,NaN\n"), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("line 2, column 'y': NaN, expected a finite number");
        assertThatThrownBy(() -> CsvDatasets.read(new StringReader("a,y\n-Infinity,1\n"), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("line 2, column 'a'");
    }

    @Test
    void emptyValueIsRejected() {
        assertThatThrownBy(() -> CsvDatasets.read(new StringReader("a,y\n,1\n"), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("line 2, column 'a': empty value");
    }

    @Test
    void unknownTargetListsTheColumns() {
        assertThatThrownBy(() -> CsvDatasets.read(new StringReader("a,b\n1,2\n"), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("no column 'y'").hasMessageContaining("columns are: a, b");
    }

    @Test
    void emptyFileAndHeaderOnly() {
        assertThatThrownBy(() -> CsvDatasets.read(new StringReader(""), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("empty file");
        assertThatThrownBy(() -> CsvDatasets.read(new StringReader("a,y\n"), CsvDatasets.Spec.target("y")))
                .hasMessageContaining("no data rows");
    }

    @Test
    void negativeWeightNamesLine() {
        assertThatThrownBy(() -> CsvDatasets.read(new StringReader("a,y,w\n1,2,-1\n"), new CsvDatasets.Spec("y", "w", null)))
                .hasMessageContaining("line 2, column 'w': weight -1.0, expected >= 0");
    }

    @Test
    void quotedFieldsAndBlankLinesAreFine() {
        Dataset d = CsvDatasets.read(new StringReader("\"a\",\"y\"\n\n\"1.5\",\"2\"\n"), CsvDatasets.Spec.target("y"));
        assertThat(d.copyX()).containsExactly(1.5);
    }
}
