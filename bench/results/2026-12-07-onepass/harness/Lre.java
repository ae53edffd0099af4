import dev.linea.kernels.*;
import dev.linea.models.ols.*;
public class Lre {
  public static void main(String[] a) {
    for (String b : new String[]{"scalar", "vector", "native", "auto"}) {
      Backend be; try { be = Backends.named(b); } catch (RuntimeException e) { continue; }
      for (String name : NistDataset.NAMES) {
        NistDataset d = NistDataset.load(Lre.class, "/nist/", name);
        for (OlsSolver s : new OlsSolver[]{OlsSolver.AUTO, OlsSolver.NORMAL_EQUATIONS}) {
          String out;
          try { out = NistCheck.run(d, OlsOptions.defaults().withSolver(s), be).toString(); } catch (RuntimeException e) { out = "fails: " + e.getMessage(); }
          System.out.println(b + " " + name + " " + s + " " + out);
        }
      }
    }
  }
}
