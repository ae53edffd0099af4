/** The Linea examples as a named module: run with -p target/linea-examples-0.2.0.jar:target/lib -m dev.linea.examples/…. */
module dev.linea.examples {
    requires dev.linea.models;
    requires jdk.management; // per-thread allocation counter for WarmUpEffect
}
