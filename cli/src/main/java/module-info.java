/**
 * The {@code linea} command line (an application: it exports nothing). Picocli reads the command classes
 * reflectively, hence the {@code opens}. Run it with {@code --add-modules jdk.incubator.vector} and
 * {@code --enable-native-access} as the README says; {@code ./linea} does this.
 */
module dev.linea.cli {
    requires dev.linea.models;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires de.siegmar.fastcsv;
    requires org.knowm.xchart;
    requires org.apache.commons.statistics.distribution; // Q-Q plot quantiles
    requires java.desktop; // XChart renders PNGs through java.awt
    requires java.management; // the demo reports the heap it used

    opens dev.linea.cli to info.picocli;
}
