package dev.linea.spark;

import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Starts Spark's {@code local-cluster[w,c,mb]} from the Maven test class path: a master and w workers in this JVM,
 * each executor a JVM of its own that a worker starts with {@code java -cp … CoarseGrainedExecutorBackend}.
 *
 * <p>What that needs, read from Spark 4.2's code (Worker, ExecutorRunner, WorkerCommandBuilder and
 * AbstractCommandBuilder):
 * <ul>
 *   <li>a Spark home: with the system property {@code spark.testing} set, the worker takes it from
 *       {@code spark.test.home} (else from {@code SPARK_HOME}, which a test cannot set, or the working directory).
 *       {@code AbstractCommandBuilder} then wants {@code launcher/target/scala-2.13} there (to find the Scala version
 *       when {@code SPARK_SCALA_VERSION} is unset) and a {@code jars} directory (its {@code jars/*} is put on the
 *       executor's class path; empty here). The workers write each executor's stdout and stderr under
 *       {@code work/app-…/N/}. {@link #home()} makes that layout under target/.</li>
 *   <li>the executor's class path: {@code spark.executor.extraClassPath} = this test JVM's class path (Maven's test
 *       class path: target/classes, target/test-classes, Linea's modules, Spark and its dependencies).</li>
 *   <li>the executor's JVM flags: {@code spark.executor.extraJavaOptions} = what Linea needs
 *       ({@code --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED}) and the {@code --add-opens}
 *       Spark needs on Java 17+, handed in by spark/pom.xml as the system property
 *       {@code linea.spark.executor.flags} (the same flags as this test JVM's), or the caller's own.</li>
 * </ul>
 * Each executor gets 1 GB (the workers' memory), so two executors and the test JVM fit on a small machine.
 */
final class LocalCluster {
    /** Two workers of one core and 1 GB each: two executor JVMs. */
    static final String MASTER = "local-cluster[2,1,1024]";

    private LocalCluster() {
    }

    /**
     * @return the executor JVM flags from the build ({@code linea.spark.executor.flags})
     * @throws IllegalStateException when the property is unset (the test was not started by spark/pom.xml)
     */
    static String executorFlags() {
        String f = System.getProperty("linea.spark.executor.flags");
        if (f == null || f.isBlank()) {
            throw new IllegalStateException("the system property linea.spark.executor.flags is not set; expected the"
                    + " executor JVM flags from spark/pom.xml (run the test through Maven: ./linea test)");
        }
        return f.trim();
    }

    /** @return Maven's test class path (surefire's {@code surefire.test.class.path}), else this JVM's */
    static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** @return the fake Spark home under target/, made if missing (see the class comment for its layout) */
    static Path home() {
        Path home = Path.of("target", "local-cluster-home").toAbsolutePath();
        try {
            Files.createDirectories(home.resolve("jars"));
            Files.createDirectories(home.resolve("launcher").resolve("target").resolve("scala-2.13"));
            Files.createDirectories(home.resolve("conf"));
            Files.createDirectories(home.resolve("work"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the Spark home " + home, e);
        }
        return home;
    }

    /**
     * Starts a session on {@code master} whose executors run with {@code executorOptions}, and waits until all
     * its executors have registered (so that every test sees them all).
     *
     * @param executors the number of executor JVMs to wait for
     * @throws IllegalStateException when they do not register within 90 s, with the executors' stderr
     */
    static SparkSession start(String master, int executors, String executorOptions) {
        Path home = home();
        // spark.testing makes the in-process workers take their Spark home from spark.test.home (Worker.sparkHome).
        System.setProperty("spark.testing", "true");
        System.setProperty("spark.test.home", home.toString());
        SparkSession s = SparkSession.builder().master(master).appName("linea-spark-multi-jvm-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "localhost")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.executor.extraJavaOptions", executorOptions)
                .config("spark.executor.extraClassPath", testClassPath())
                .getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        SparkStatusTracker tracker = s.sparkContext().statusTracker();
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (tracker.getExecutorInfos().length < executors + 1) { // the driver is listed too
            if (System.nanoTime() > deadline) {
                String logs = executorLogs(home);
                s.stop();
                throw new IllegalStateException(executors + " executors did not register within 90 s on " + master
                        + "; executor stderr:\n" + logs);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return s;
    }

    /** @return the last lines of every executor's stderr under the home's work directory */
    static String executorLogs(Path home) {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(home.resolve("work"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
                List<String> lines = Files.readAllLines(f);
                b.append("== ").append(f).append('\n');
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> b.append(l).append('\n'));
            }
        } catch (IOException e) {
            b.append("(cannot read the executor logs: ").append(e).append(")");
        }
        return b.toString();
    }
}
