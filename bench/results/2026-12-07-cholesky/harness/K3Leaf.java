package dev.linea.kernels.vector;

import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;
import java.util.Arrays;

/** Leaf solve B ← D⁻¹B alone: LowerSolveLeaf vs TriangularSolve, thread CPU time. K3Leaf nb nrhs... */
public final class K3Leaf {
    public static void main(String[] args) {
        int nb = Integer.parseInt(args[0]);
        for (int a = 1; a < args.length; a++) {
            int nrhs = Integer.parseInt(args[a]);
            double[] d = K3AB.rnd(nb * nb, 1);
            for (int i = 0; i < nb; i++) d[i * nb + i] = 4 + Math.abs(d[i * nb + i]);
            double[] b0 = K3AB.rnd(nb * nrhs, 2), b = b0.clone(), b2 = b0.clone(), xs = new double[LowerSolveLeaf.scratch(nb)];
            LowerSolveLeaf.solve(nb, nrhs, d, 0, nb, b, 0, nrhs, xs);
            TriangularSolve.solve(Triangle.LOWER, Transpose.NONE, Diagonal.NON_UNIT, nb, nrhs, d, 0, nb, b2, 0, nrhs);
            double md = 0; for (int i = 0; i < b.length; i++) md = Math.max(md, Math.abs(b[i] - b2[i]));
            double f = (double) nb * nb * nrhs;
            double[] tn = new double[7], to = new double[7];
            for (int r = -2; r < 7; r++) {
                long c0 = K3AB.CPU.getCurrentThreadCpuTime(); int calls = 0;
                do { System.arraycopy(b0, 0, b, 0, b.length); LowerSolveLeaf.solve(nb, nrhs, d, 0, nb, b, 0, nrhs, xs); calls++; } while (K3AB.CPU.getCurrentThreadCpuTime() - c0 < 2e8);
                double t1 = (K3AB.CPU.getCurrentThreadCpuTime() - c0) / 1e9 / calls;
                c0 = K3AB.CPU.getCurrentThreadCpuTime(); calls = 0;
                do { System.arraycopy(b0, 0, b, 0, b.length); TriangularSolve.solve(Triangle.LOWER, Transpose.NONE, Diagonal.NON_UNIT, nb, nrhs, d, 0, nb, b, 0, nrhs); calls++; } while (K3AB.CPU.getCurrentThreadCpuTime() - c0 < 2e8);
                double t2 = (K3AB.CPU.getCurrentThreadCpuTime() - c0) / 1e9 / calls;
                if (r >= 0) { tn[r] = t1; to[r] = t2; }
            }
            long c0 = K3AB.CPU.getCurrentThreadCpuTime(); int calls = 0;
            do { System.arraycopy(b0, 0, b, 0, b.length); calls++; } while (K3AB.CPU.getCurrentThreadCpuTime() - c0 < 2e8);
            double tc = (K3AB.CPU.getCurrentThreadCpuTime() - c0) / 1e9 / calls;
            for (int r = 0; r < 7; r++) { tn[r] -= tc; to[r] -= tc; }
            Arrays.sort(tn); Arrays.sort(to);
            System.out.printf("leaf nb=%d nrhs=%d: new %.1f GF/s, old %.1f GF/s (maxdiff %.2g)%n", nb, nrhs, f / tn[3] / 1e9, f / to[3] / 1e9, md);
        }
    }
}
