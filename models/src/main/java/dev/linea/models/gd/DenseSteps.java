package dev.linea.models.gd;

/**
 * {@link Steps} on dense rows: each batch's rows are copied into a contiguous buffer so that the backend's fused
 * kernel streams them ({@link DenseObjective#batch}), then every parameter takes the step (O(n) per step).
 */
final class DenseSteps implements Steps {
    private final WorkingData d;
    private final DenseObjective objective;
    private final int b;
    private final double[] xb;
    private final double[] yb;
    private final double[] sb;
    private final double[] gb;

    DenseSteps(WorkingData d, DenseObjective objective, int b) {
        this.d = d;
        this.objective = objective;
        this.b = b;
        this.xb = new double[b * d.ld];
        this.yb = new double[b];
        this.sb = d.s == null ? null : new double[b];
        this.gb = new double[d.parameters()];
    }

    @Override
    public void epoch(int[] order, double eta, double[] beta) {
        int p = d.parameters();
        for (int start = 0; start < d.m; start += b) {
            int rows = Math.min(b, d.m - start);
            gather(order, start, rows);
            objective.batch(rows, xb, yb, sb, beta, gb);
            for (int j = 0; j < p; j++) {
                beta[j] -= eta * gb[j];
            }
        }
    }

    /** Copies the rows order[start … start+rows) into the contiguous batch buffers, so the kernel streams them. */
    private void gather(int[] order, int start, int rows) {
        for (int k = 0; k < rows; k++) {
            int i = order[start + k];
            if (d.n > 0) {
                System.arraycopy(d.x, i * d.n, xb, k * d.ld, d.n);
            }
            yb[k] = d.y[i];
            if (sb != null) {
                sb[k] = d.s[i];
            }
        }
    }
}
