package dev.linea.models.lasso;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Transpose;
import dev.linea.models.Dataset;

/**
 * Naive updates (glmnet's "naive" type): a column-major working copy Z with z_ij = √w̄_i·x̃_ij (one copy of X per
 * fit; a row-major X would make every column access strided) and the weighted residual s = √w̄∘r. Then
 * g_j = ⟨z_j, s⟩ and a change Δ of β_j is s ← s − Δ·z_j: O(n) per visited coordinate, no p×p memory. All
 * gradients at once (the KKT check of the strong rules) are one gemv over Z.
 */
final class NaiveWorkspace implements Workspace {
    private final Backend backend;
    private final int n;
    private final int p;
    private final double[] z;
    private final double[] s;
    /** √w̄∘ỹ, the residual at β = 0, for the duality gap */
    private final double[] sy;
    private final double[] norms;
    /** columns whose Gram entries are cached (the Newton step's largest active set) */
    private static final int CACHED = PathSolver.MAX_NEWTON;
    private int[] slots;
    private int used;
    private double[] cache;
    /** Scratch of n values for {@link #gramTimes}. */
    private double[] product;

    NaiveWorkspace(Dataset d, Standardization st, Backend backend) {
        this.backend = backend;
        n = st.n;
        p = st.p;
        double[] x = d.xUnsafe();
        z = new double[n * p];
        s = new double[n];
        double[] sw = new double[n];
        for (int i = 0; i < n; i++) {
            sw[i] = Math.sqrt(st.w[i]);
            s[i] = sw[i] * st.yc(d, i);
        }
        sy = s.clone();
        double[] inv = new double[p];
        for (int j = 0; j < p; j++) {
            inv[j] = st.excluded[j] ? 0 : 1 / st.scale[j];
        }
        // blocked transpose: both the read of X and the write of Z stay within a few cache lines per tile
        final int tile = 64;
        for (int i0 = 0; i0 < n; i0 += tile) {
            int i1 = Math.min(n, i0 + tile);
            for (int j0 = 0; j0 < p; j0 += tile) {
                int j1 = Math.min(p, j0 + tile);
                for (int i = i0; i < i1; i++) {
                    int r = i * p;
                    for (int j = j0; j < j1; j++) {
                        z[j * n + i] = sw[i] * (x[r + j] - st.mean[j]) * inv[j];
                    }
                }
            }
        }
        norms = new double[p];
        for (int j = 0; j < p; j++) {
            norms[j] = backend.dot(n, z, j * n, z, j * n);
        }
    }

    @Override
    public double norm(int j) {
        return norms[j];
    }

    @Override
    public double gradient(int j) {
        return backend.dot(n, z, j * n, s, 0);
    }

    @Override
    public void update(int j, double delta) {
        backend.axpy(n, -delta, z, j * n, s, 0);
    }

    @Override
    public void gradients(boolean[] skip, double[] g) {
        if (skip == null) {
            // Z is stored p×n row-major, so Z·s is the gemv without transpose
            backend.gemv(Transpose.NONE, p, n, 1, z, 0, n, s, 0, 0, g, 0);
            return;
        }
        // late on the path most columns are in the strong set: visit only the others
        for (int j = 0; j < p; j++) {
            if (!skip[j]) {
                g[j] = backend.dot(n, z, j * n, s, 0);
            }
        }
    }

    @Override
    public void gradientsOf(int[] list, int count, double[] out) {
        for (int k = 0; k < count; k++) {
            int j = list[k];
            out[j] = backend.dot(n, z, j * n, s, 0);
        }
    }

    @Override
    public void gramOf(int[] list, int count, double[] out) {
        // the active set only grows along the path, so its Gram entries are cached by slot: each is a dot of
        // length n, computed once per fit instead of once per Newton step
        for (int a = 0; a < count; a++) {
            int sa = slot(list[a]);
            for (int b = 0; b <= a; b++) {
                int sb = slot(list[b]);
                double v;
                if (sa >= 0 && sb >= 0) {
                    int at = sa * CACHED + sb;
                    v = cache[at];
                    if (Double.isNaN(v)) {
                        v = backend.dot(n, z, list[a] * n, z, list[b] * n);
                        cache[at] = v;
                        cache[sb * CACHED + sa] = v;
                    }
                } else {
                    v = backend.dot(n, z, list[a] * n, z, list[b] * n);
                }
                out[a * count + b] = v;
                out[b * count + a] = v;
            }
        }
    }

    /** @return column j's slot in the Gram cache, assigned on first use, or −1 when the cache is full */
    private int slot(int j) {
        if (slots == null) {
            slots = new int[p];
            java.util.Arrays.fill(slots, -1);
            cache = new double[CACHED * CACHED];
            java.util.Arrays.fill(cache, Double.NaN);
        }
        if (slots[j] < 0 && used < CACHED) {
            slots[j] = used++;
        }
        return slots[j];
    }

    /** t = Σ_b v_b·z_b (one axpy per column), then out_a = ⟨z_a, t⟩: Z holds √w̄ already. */
    @Override
    public void gramTimes(int[] list, int count, double[] v, double[] out) {
        if (product == null) {
            product = new double[n];
        }
        java.util.Arrays.fill(product, 0);
        for (int b = 0; b < count; b++) {
            if (v[b] != 0) {
                backend.axpy(n, v[b], z, list[b] * n, product, 0);
            }
        }
        for (int a = 0; a < count; a++) {
            out[a] = backend.dot(n, z, list[a] * n, product, 0);
        }
    }

    @Override
    public double targetDotResidual(double[] beta) {
        return backend.dot(n, sy, 0, s, 0);
    }

    @Override
    public double deviance(double[] beta) {
        return backend.dot(n, s, 0, s, 0);
    }

    @Override
    public String solver() {
        return "cd-naive";
    }
}
