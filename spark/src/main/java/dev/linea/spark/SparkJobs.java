package dev.linea.spark;

import java.util.function.Supplier;

/**
 * Runs a Spark job so that a bad row reported by an executor reaches the caller as the
 * {@link IllegalArgumentException} it is (with the partition, row and column), and an executor that cannot load
 * the fit's backend as an {@link IllegalStateException} naming the executor, the reason and the fix
 * ({@link ExecutorBackend}), not as a {@code SparkException} with the message buried in a remote stack trace.
 */
final class SparkJobs {
    private static final String MARK = IllegalArgumentException.class.getName() + ": partition ";

    private SparkJobs() {
    }

    static <T> T run(Supplier<T> job) {
        try {
            return job.get();
        } catch (Exception e) { // SparkException is checked, and Scala throws it undeclared
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException bad && bad.getMessage() != null
                        && bad.getMessage().startsWith("partition ")) {
                    throw new IllegalArgumentException(bad.getMessage(), e);
                }
                // A task failure arrives as a SparkException whose message holds the remote exception's text.
                String m = t.getMessage();
                int at = m == null ? -1 : m.indexOf(MARK);
                if (at >= 0) {
                    int end = m.indexOf('\n', at);
                    String msg = m.substring(at + MARK.length() - "partition ".length(), end < 0 ? m.length() : end);
                    throw new IllegalArgumentException(msg, e);
                }
                // An executor that cannot load the backend: its own message (executor, reason, fix), first line.
                int bat = m == null ? -1 : m.indexOf(ExecutorBackend.MARK);
                if (bat >= 0) {
                    int end = m.indexOf('\n', bat);
                    throw new IllegalStateException(m.substring(bat, end < 0 ? m.length() : end), e);
                }
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("Spark job failed: " + e.getMessage(), e);
        }
    }
}
