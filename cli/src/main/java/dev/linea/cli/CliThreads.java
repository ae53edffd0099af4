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

    /** At start-up: keep an explicit {@code -Dlinea.threads}, otherwise make all cores explicit. */
    static void defaultToAllCores() {
        if (Threads.configured().isPresent()) {
            source = "-D" + Threads.PROPERTY;
            return;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.setProperty("linea.cli.cores", Integer.toString(cores)); // for --threads' help text
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
