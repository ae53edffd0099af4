package dev.linea.cli;

import dev.linea.kernels.Threads;

/**
 * The command line's thread count: {@code --threads N}, else {@code -Dlinea.threads}, else all cores. It is always
 * set explicitly ({@link Threads#setDefault}), so that OpenBLAS, loaded later, takes the same count
 * (docs/threads.md).
 */
final class CliThreads {
    private static String source = "";

    private CliThreads() {
    }

    /**
     * At start-up (of every in-process run too): an explicit {@code -Dlinea.threads} stays in force (checked here:
     * a bad value is exit 2 before anything runs); otherwise all cores, made explicit.
     */
    static void defaultToAllCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        System.setProperty("linea.cli.cores", Integer.toString(cores)); // for --threads' help text
        Threads.clearDefault(); // a previous in-process run's --threads must not carry over
        if (Threads.configured().isPresent()) {
            source = "-D" + Threads.PROPERTY;
            return;
        }
        Threads.setDefault(Math.min(cores, Threads.MAX));
        source = "all cores (the default)";
    }

    /** {@code --threads N}, already checked to be in range. */
    static void set(int n) {
        Threads.setDefault(n);
        source = "--threads";
    }

    /** @return where the count in force came from, for {@code linea backends} */
    static String source() {
        return source.isEmpty() ? Threads.source() : source;
    }
}
