package dev.linea.models;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratedNamesTest {

    @Test
    void aListOfNamesBuiltOnDemandThatEqualsTheStoredList() {
        GeneratedNames g = GeneratedNames.of(List.of("age", "x"), List.of(new GeneratedNames.Block("f", 1, 3),
                new GeneratedNames.Block("c#", 0, 2)));
        List<String> stored = List.of("age", "x", "f1", "f2", "f3", "c#0", "c#1");
        assertThat(g).hasSize(7).containsExactlyElementsOf(stored);
        assertThat(g).isEqualTo(stored);
        assertThat(stored).isEqualTo(g);
        assertThat(g.hashCode()).isEqualTo(stored.hashCode());
        assertThat(g.indexOf("f3")).isEqualTo(4);
        assertThat(g.indexOf("f4")).isEqualTo(-1);
        assertThat(g.indexOf("f01")).isEqualTo(-1);
        assertThat(g.indexOf("x")).isEqualTo(1);
        assertThat(new ArrayList<>(g)).isEqualTo(stored);
        // LinearModel keeps it instead of materializing the names
        LinearModel m = new LinearModel(0, new double[7], g, null);
        assertThat(m.featureNames()).isSameAs(g);
    }

    @Test
    void refusesNamesThatWouldRepeat() {
        assertThatThrownBy(() -> GeneratedNames.of(List.of("f2"), List.of(new GeneratedNames.Block("f", 1, 3))))
                .hasMessageContaining("'f2' is also a name of the block 'f'");
        assertThatThrownBy(() -> GeneratedNames.of(List.of(), List.of(new GeneratedNames.Block("f", 1, 3),
                new GeneratedNames.Block("f", 9, 3)))).hasMessageContaining("distinct prefixes");
        assertThatThrownBy(() -> GeneratedNames.of(List.of("a", "a"), List.of())).hasMessageContaining("twice");
    }
}
