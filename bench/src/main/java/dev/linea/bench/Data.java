package dev.linea.bench;

import java.util.SplittableRandom;

/** Seeded random data for the benchmarks, and shape parsing ("100000x100"). */
final class Data {
    private Data() {
    }

    static double[] gaussian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            // Sum of uniforms: cheap, bounded, roughly normal; the kernels do not care about the distribution.
            a[i] = r.nextDouble() + r.nextDouble() + r.nextDouble() - 1.5;
        }
        return a;
    }

    static int[] shape(String s) {
        String[] p = s.split("x");
        return new int[]{(int) Double.parseDouble(p[0]), (int) Double.parseDouble(p[1])};
    }
}
