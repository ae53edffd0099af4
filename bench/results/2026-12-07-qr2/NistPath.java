import dev.linea.kernels.Backends;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.NistDataset;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsSolver;

/**
 * Which refinement each NIST StRD dataset takes with the QR solver (the fit report's refinement line).
 * Run: java --add-modules jdk.incubator.vector -cp kernels/target/classes:models/target/classes:<deps>:models/src/test/resources NistPath.java
 */
public class NistPath {
    public static void main(String[] args) {
        for (String name : NistDataset.NAMES) {
            NistDataset d = NistDataset.load(NistDataset.class, "/nist/", name);
            var opts = OlsOptions.defaults().withSolver(OlsSolver.QR).withIntercept(d.intercept());
            var r = new LinearRegression(opts, Backends.named("vector")).fit(d.data());
            System.out.printf("%-9s %s%n", name, r.report().status());
        }
    }
}
