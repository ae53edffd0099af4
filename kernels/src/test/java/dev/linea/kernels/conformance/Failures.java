package dev.linea.kernels.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every failed check of one test (rather than stopping at the first) so that a broken kernel's report
 * shows at once which sizes, layouts and transposes fail. Each message carries backend, kernel, shape, offsets
 * and the worst element.
 */
final class Failures {
    private static final int SHOWN = 12;
    private final List<String> messages = new ArrayList<>();
    private int count;

    void add(String message) {
        if (count++ < SHOWN) {
            messages.add(message);
        }
    }

    /** Throws an AssertionError listing the failures, if any. */
    void assertNone() {
        if (count > 0) {
            StringBuilder sb = new StringBuilder(count + " conformance failure(s)");
            if (count > SHOWN) {
                sb.append(", first ").append(SHOWN);
            }
            sb.append(':');
            for (String m : messages) {
                sb.append("\n  - ").append(m);
            }
            throw new AssertionError(sb.toString());
        }
    }
}
