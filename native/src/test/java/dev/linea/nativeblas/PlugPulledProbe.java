package dev.linea.nativeblas;

import dev.linea.kernels.BackendStatus;
import dev.linea.kernels.Backends;

/** Run in a child JVM by {@link PullingThePlugTest}: prints each backend's status and one auto computation. */
public final class PlugPulledProbe {
    private PlugPulledProbe() {
    }

    public static void main(String[] args) {
        for (BackendStatus s : Backends.statuses()) {
            System.out.println(s.name() + "=" + (s.isAvailable() ? "available" : "unavailable: " + s.reason()));
        }
        double[] x = {1, 2, 3};
        System.out.println("dot=" + Backends.named("auto").dot(x, x));
        double[] a = {4, 2, 2, 3};
        System.out.println("cholesky=" + Backends.named("auto").cholesky(2, a, 0, 2));
    }
}
