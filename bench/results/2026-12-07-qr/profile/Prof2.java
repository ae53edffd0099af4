import dev.linea.kernels.Backends;
import dev.linea.models.linalg.TallSkinnyQr;
public class Prof2 {
    public static void main(String[] a) throws Exception {
        int m = 200000, n = 100;
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Random rnd = new java.util.Random(1);
        double[] x = new double[m * n];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
        var be = Backends.named("vector");
        long[] prof = dev.linea.kernels.vector.StackedQr.PROF;
        for (int rep = 0; rep < 6; rep++) {
            java.util.Arrays.fill(prof, 0);
            double[] w = x.clone();
            long t0 = mx.getCurrentThreadCpuTime();
            new TallSkinnyQr(be, m, n, w);
            long t1 = mx.getCurrentThreadCpuTime();
            System.out.printf("total %.3f  level2 %.3f  rank8 %.3f  G %.3f  gemm1 %.3f  T %.3f  gemm2 %.3f trailing-all %.3f%n", (t1-t0)/1e9, prof[0]/1e9, prof[1]/1e9, prof[2]/1e9, prof[3]/1e9, prof[4]/1e9, prof[5]/1e9, prof[6]/1e9);
        }
    }
}
