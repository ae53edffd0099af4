package dev.linea.models.glm;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Counts IRLS passes on the benchmark's Poisson data and times whole fits in thread CPU time. */
public final class GlmCount {
    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        int reps = Integer.parseInt(args[2]);
        SplittableRandom r = new SplittableRandom(7);
        double[] x = new double[m * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() + r.nextDouble() + r.nextDouble() - 1.5;
        }
        double[] c = new double[m];
        for (int i = 0; i < m; i++) {
            double t = 1;
            for (int j = 0; j < n; j++) {
                t += ((j % 7) - 3) / 100.0 * x[i * n + j];
            }
            double mean = Math.exp(0.3 * (t - 1));
            double l = Math.exp(-mean), p = 1;
            int k = 0;
            do { k++; p *= r.nextDouble(); } while (p > l);
            c[i] = k - 1;
        }
        Backend backend = Backends.named("auto");
        // counting
        int[] ev = {0}, ws = {0}, gr = {0};
        LocalIrlsData rows = new LocalIrlsData(backend, new Poisson(), new Poisson().defaultLink(), m, n, x, 0, n,
                true, c, null, null);
        IrlsData counting = new IrlsData() {
            public IrlsSums evaluate(double[] b) { ev[0]++; return rows.evaluate(b); }
            public IrlsSums workingSystem(double[] b, IrlsSums at, boolean f) { ws[0]++; return rows.workingSystem(b, at, f); }
            public double[] gradient(double[] b, IrlsSums at) { gr[0]++; return rows.gradient(b, at); }
        };
        Irls irls = new Irls(counting, backend, new Poisson(), new Poisson().defaultLink(), n + 1, true, 0,
                rows.ybar(), java.util.Collections.nCopies(n + 1, "c"));
        irls.run(100, GlmOptions.of(new Poisson()).tolerance());
        System.out.println("iterations " + irls.iterations() + " evaluate passes " + ev[0] + " working systems " + ws[0] + " gradient passes " + gr[0]
                + " decrement " + irls.decrement() + " status " + irls.status());
        System.out.println("history " + Arrays.toString(irls.history()));
        double[] b = irls.beta();
        System.out.println("beta[0..3] " + b[0] + " " + b[1] + " " + b[2] + " " + b[3]);
        Dataset counts = Dataset.wrap(m, n, x, c, null, null, "count");
        var bean = ManagementFactory.getThreadMXBean();
        GeneralizedLinearModel glm = new GeneralizedLinearModel(GlmOptions.of(new Poisson()), backend);
        glm.fit(counts);
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = bean.getCurrentThreadCpuTime();
            GlmResult res = glm.fit(counts);
            t[i] = (bean.getCurrentThreadCpuTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        System.out.println("fit cpu ms sorted " + Arrays.toString(t));
        Irls probe = new Irls(rows, backend, new Poisson(), new Poisson().defaultLink(), n + 1, true, 0,
                rows.ybar(), java.util.Collections.nCopies(n + 1, "c"));
        probe.run(100, 1e-8);
        try {
            Object info = Irls.class.getMethod("expectedInformation").invoke(probe);
            System.out.println("reused information: " + (info != null));
        } catch (ReflectiveOperationException e) {
            System.out.println("reused information: no such method (main)");
        }
        // cost of one gram and one evaluate
        long t0 = bean.getCurrentThreadCpuTime();
        for (int i = 0; i < 3; i++) rows.evaluate(b);
        double evMs = (bean.getCurrentThreadCpuTime() - t0) / 3e6;
        t0 = bean.getCurrentThreadCpuTime();
        for (int i = 0; i < 3; i++) rows.workingSystem(b, null, false);
        double wsMs = (bean.getCurrentThreadCpuTime() - t0) / 3e6;
        System.out.printf("evaluate pass %.1f ms, working system %.1f ms%n", evMs, wsMs);
    }
}
