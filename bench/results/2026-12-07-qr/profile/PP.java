package dev.linea.kernels.vector;
public class PP {
    public static void main(String[] a) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        int mb = Integer.parseInt(a[0]);
        int ld = 100;
        double[] b = new double[mb * ld];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < b.length; i++) b[i] = r.nextGaussian();
        double[] big = new double[32 * 100];
        for (int rep = 0; rep < 6; rep++) {
            int N = 2000;
            long t0 = mx.getCurrentThreadCpuTime();
            for (int it = 0; it < N; it++) // gemm1: 32 x 100, depth mb
                PackedProduct.multiply(false, 32, 100, mb, 1.0, b, 0, ld, true, null, 0, b, 0, ld, false, false, big, 0, 100);
            long t1 = mx.getCurrentThreadCpuTime();
            for (int it = 0; it < N; it++) // gemm2: mb x 68, depth 32
                PackedProduct.multiply(false, mb, 68, 32, -1.0, b, 0, ld, false, null, 0, big, 32, 100, false, false, b, 32, ld);
            long t2 = mx.getCurrentThreadCpuTime();
            double f1 = 2.0 * 32 * 100 * mb * N, f2 = 2.0 * mb * 68 * 32 * N;
            System.out.printf("gemm1 %.1f GFLOP/s  gemm2 %.1f GFLOP/s%n", f1 / (t1 - t0), f2 / (t2 - t1));
            java.util.Arrays.fill(big, 0);
            for (int i = 0; i < b.length; i++) b[i] = r.nextGaussian();
        }
    }
}
