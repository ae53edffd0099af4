package dev.linea.cli;

import java.nio.file.Path;
import java.util.List;

/** The demo's classification fits and plots (logistic and softmax regression); filled in when they land. */
final class ClassifierTasks {
    private ClassifierTasks() {
    }

    static List<DemoCommand.Task> tasks() {
        return List.of();
    }

    static List<Path> plots(Path dir) {
        return List.of();
    }
}
