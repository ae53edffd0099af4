package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one list of backends every conformance test runs on: every backend available on this JVM (scalar, vector,
 * native when its module and library are present) plus auto, optionally narrowed by the system property
 * {@code linea.conformance.backends} (comma-separated names). Each is checked against
 * {@link dev.linea.kernels.ScalarBackend}, the textbook reference.
 */
public final class BackendsUnderTest {
    private BackendsUnderTest() {
    }

    public static List<Backend> all() {
        List<Backend> list = new ArrayList<>(Backends.available());
        list.add(Backends.named("auto"));
        String only = System.getProperty("linea.conformance.backends");
        if (only != null && !only.isBlank()) {
            List<String> names = Arrays.stream(only.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
            list.removeIf(b -> !names.contains(b.name()));
            if (list.isEmpty()) {
                throw new IllegalStateException("linea.conformance.backends = " + only
                        + " selects no available backend; available: " + Backends.available());
            }
        }
        return list;
    }
}
