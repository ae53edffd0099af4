package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;

import java.util.Random;

/** Builds the "backend kernel(name=value …)" prefix of failure messages, and seeds that follow the case. */
final class Ctx {
    private Ctx() {
    }

    /** @param namesAndValues alternating parameter names and values */
    static String of(Backend backend, String kernel, Object... namesAndValues) {
        StringBuilder sb = new StringBuilder("backend=").append(backend.name()).append(' ').append(kernel)
                .append('(');
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(namesAndValues[i]).append('=').append(namesAndValues[i + 1]);
        }
        return sb.append(')').toString();
    }

    /** A generator seeded by the case's description, so that every case has its own fixed data. */
    static Random random(Object... parts) {
        return new Random(java.util.Arrays.deepHashCode(parts) * 0x9E3779B97F4A7C15L + 12345);
    }
}
