package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one list of backends the conformance suite runs on: every backend that loaded ({@link Backends#available()})
 * plus {@code auto}. The system property {@code linea.conformance.backends} (a comma list, e.g. {@code native,auto})
 * narrows it; a name listed there must load, otherwise the suite fails with the backend's reason and fix rather
 * than silently testing nothing.
 */
public final class BackendsUnderTest {
    /** System property that restricts the suite to some backends. */
    public static final String PROPERTY = "linea.conformance.backends";

    private BackendsUnderTest() {
    }

    /** @return the backends under test, in a stable order. */
    public static List<Backend> list() {
        String filter = System.getProperty(PROPERTY);
        List<Backend> list = new ArrayList<>();
        if (filter != null && !filter.isBlank()) {
            Arrays.stream(filter.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .forEach(name -> list.add(Backends.named(name)));
        } else {
            list.addAll(Backends.available());
            list.add(Backends.named("auto"));
        }
        return List.copyOf(list);
    }

    /** Argument source for {@link ForEachBackend}. */
    public static Stream<Backend> all() {
        return list().stream();
    }
}
