// Throwaway harness (session 2026-12-08, trsv8). It needs a temporary knob in TriangularSolveLeaf: `static int NARROW`
// (most leftover vectors solved one vector wide) in place of the committed `rest > L` test (NARROW = 1). Compile against
// kernels/target/classes into package dev.linea.kernels.vector; args: orders, right-hand sides (comma lists).
package dev.linea.kernels.vector;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/** Leaf alone, n rows, nrhs columns, NARROW knob alternating in one JVM; thread CPU time, median of rounds. */
public class LeafKnob {
    public static void main(String[] args) {
        var cpu = ManagementFactory.getThreadMXBean();
        int[] knobs = {0, 1, 2, 3};
        int L = TriangularSolveLeaf.L;
        Random r = new Random(1);
        for (String ns : args[0].split(",")) {
            int n = Integer.parseInt(ns);
            double[] a = new double[n * n];
            for (int i = 0; i < n; i++) { for (int k = 0; k < i; k++) a[i * n + k] = r.nextGaussian() * 0.1; a[i * n + i] = 1 + r.nextDouble(); }
            for (String rs : args[1].split(",")) {
                int nrhs = Integer.parseInt(rs);
                double[] b0 = new double[n * nrhs];
                for (int i = 0; i < b0.length; i++) b0[i] = r.nextGaussian();
                double[] b = b0.clone();
                double[] x = new double[TriangularSolveLeaf.scratch(n)];
                for (boolean trans : new boolean[]{false, true}) {
                    double[][] t = new double[knobs.length][7];
                    for (int warm = 0; warm < 2; warm++) for (int kn : knobs) { TriangularSolveLeaf.NARROW = kn; long e = System.nanoTime() + 300_000_000L; while (System.nanoTime() < e) { System.arraycopy(b0, 0, b, 0, b.length); TriangularSolveLeaf.solve(true, trans, false, n, nrhs, a, 0, n, b, 0, nrhs, x); } }
                    for (int round = 0; round < 7; round++) {
                        for (int q = 0; q < knobs.length; q++) {
                            TriangularSolveLeaf.NARROW = knobs[q];
                            long e = System.nanoTime() + 50_000_000L; int calls = 0; long c0 = cpu.getCurrentThreadCpuTime();
                            do { System.arraycopy(b0, 0, b, 0, b.length); TriangularSolveLeaf.solve(true, trans, false, n, nrhs, a, 0, n, b, 0, nrhs, x); calls++; } while (System.nanoTime() < e);
                            t[q][round] = (cpu.getCurrentThreadCpuTime() - c0) / 1e3 / calls;
                        }
                    }
                    StringBuilder sb = new StringBuilder(String.format("n=%d nrhs=%d trans=%s rem=%d:", n, nrhs, trans, nrhs % TriangularSolveLeaf.W));
                    for (int q = 0; q < knobs.length; q++) { Arrays.sort(t[q]); sb.append(String.format("  narrow<=%dL %.3f us", knobs[q], t[q][3])); }
                    System.out.println(sb);
                }
            }
        }
    }
}
