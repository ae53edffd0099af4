import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * NIST StRD LREs of two builds side by side (separate class loaders): every dataset × backend (scalar, vector,
 * auto) × solver (QR, PIVOTED_QR, AUTO). Prints "dataset backend solver : A-LREs | B-LREs" and the lines that differ.
 * Run: java --add-modules jdk.incubator.vector NistLre.java A_cp B_cp (each a ':'-list of class dirs and jars; the
 * NIST files are read from models/src/test/resources, which must be on both lists).
 */
public class NistLre {
    public static void main(String[] args) throws Exception {
        Object[][] res = new Object[2][];
        ClassLoader[] cls = new ClassLoader[2];
        for (int v = 0; v < 2; v++) {
            String[] parts = args[v].split(":");
            URL[] urls = new URL[parts.length];
            for (int i = 0; i < parts.length; i++) {
                urls[i] = Path.of(parts[i]).toUri().toURL();
            }
            cls[v] = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
        }
        String[] backends = {"scalar", "vector", "auto"};
        String[] solvers = {"QR", "PIVOTED_QR", "AUTO"};
        int diff = 0;
        List<?> names = (List<?>) cls[0].loadClass("dev.linea.models.ols.NistDataset").getField("NAMES").get(null);
        for (Object name : names) {
            for (String be : backends) {
                for (String sv : solvers) {
                    String[] out = new String[2];
                    for (int v = 0; v < 2; v++) {
                        ClassLoader cl = cls[v];
                        Class<?> ds = cl.loadClass("dev.linea.models.ols.NistDataset");
                        Object d = ds.getMethod("load", Class.class, String.class, String.class)
                                .invoke(null, ds, "/nist/", name);
                        Class<?> opt = cl.loadClass("dev.linea.models.ols.OlsOptions");
                        Class<?> solver = cl.loadClass("dev.linea.models.ols.OlsSolver");
                        Object o = opt.getMethod("defaults").invoke(null);
                        @SuppressWarnings({"unchecked", "rawtypes"})
                        Object s = Enum.valueOf((Class) solver, sv);
                        o = opt.getMethod("withSolver", solver).invoke(o, s);
                        Object backend = cl.loadClass("dev.linea.kernels.Backends").getMethod("named", String.class)
                                .invoke(null, be);
                        Class<?> chk = cl.loadClass("dev.linea.models.ols.NistCheck");
                        Object c;
                        try {
                            c = chk.getMethod("run", ds, opt, cl.loadClass("dev.linea.kernels.Backend"))
                                    .invoke(null, d, o, backend);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            out[v] = "error " + e.getCause(); e.getCause().printStackTrace();
                            continue;
                        }
                        out[v] = String.format("%5.2f %5.2f %5.2f %5.2f", chk.getMethod("coefficients").invoke(c),
                                chk.getMethod("stdErrors").invoke(c), chk.getMethod("residualSd").invoke(c),
                                chk.getMethod("rSquared").invoke(c));
                    }
                    boolean same = out[0].equals(out[1]);
                    diff += same ? 0 : 1;
                    System.out.printf("%-9s %-6s %-10s : %s | %s%s%n", name, be, sv, out[0], out[1],
                            same ? "" : "   <-- differs");
                }
            }
        }
        System.out.println(diff + " lines differ");
    }
}
