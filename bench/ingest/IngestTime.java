import dev.linea.models.Dataset;
import dev.linea.models.io.CsvDatasets;

import java.nio.file.Path;

/**
 * Times {@code CsvDatasets.read} on one CSV file (a fresh read each time, in one JVM) and prints one line per read:
 * {@code linea <seconds>}. Run by ingest-vs-pandas.sh, in source-file mode against the built models classes.
 */
public class IngestTime {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int reads = Integer.parseInt(args[1]);
        for (int r = 0; r < reads; r++) {
            long t = System.nanoTime();
            Dataset d = CsvDatasets.read(file, CsvDatasets.Spec.target("y"));
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf("linea %.3f s (%d x %d)%n", s, d.rows(), d.cols());
        }
    }
}
