import dev.linea.models.ols.*;
import dev.linea.models.*;
public class FitProf {
    public static void main(String[] a) throws Exception {
        int m = 1_000_000, n = 100;
        java.util.Random r = new java.util.Random(3);
        double[] x = new double[m * n];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
        double[] y = new double[m];
        for (int i = 0; i < m; i++) y[i] = x[i * n] + r.nextGaussian();
        var data = dev.linea.models.Dataset.of(m, n, x, y);
        var be = dev.linea.kernels.Backends.named("auto");
        for (int rep = 0; rep < 5; rep++) {
            long t0 = System.nanoTime();
            new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.valueOf(a[0])), be).fit(data);
            System.out.printf(a[0] + " fit %.3f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }
}
