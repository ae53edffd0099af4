package dev.linea.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's main job: every demo fit agrees across backends, and the plots are written. */
class DemoCliTest {
    @Test
    void everyBackendAgreesAndThePlotsAreWritten(@TempDir Path dir) throws Exception {
        for (DemoCommand.Task task : DemoCommand.tasks()) {
            double[] reference = task.fit().apply(dev.linea.kernels.Backends.named("scalar"));
            for (dev.linea.kernels.Backend b : dev.linea.kernels.Backends.available()) {
                assertThat(DemoCommand.relativeDifference(task.fit().apply(b), reference))
                        .as(task.model() + " on " + b.name()).isLessThan(1e-8);
            }
        }
        for (java.nio.file.Path p : PlotCommand.write(DataOptions.embedded("diabetes"),
                dev.linea.kernels.Backends.named("vector"), java.util.EnumSet.allOf(PlotCommand.Kind.class), dir)) {
            assertThat(Files.size(p)).as(p.toString()).isGreaterThan(1000);
        }
        assertThat(ClassifierTasks.plots(dir)).allSatisfy(p -> assertThat(Files.size(p)).isGreaterThan(1000));
    }
}
