package dev.linea.kernels;

/**
 * Run by {@link BackendsSelectionTest} in a child JVM started without {@code --add-modules jdk.incubator.vector}:
 * writes what Backends reports, one fact a line, for the parent test to check. Not a test itself.
 */
public final class VectorlessProbe {
    private VectorlessProbe() {
    }

    public static void main(String[] args) {
        BackendStatus v = Backends.status("vector");
        StringBuilder out = new StringBuilder();
        out.append("vector available=").append(v.isAvailable()).append('\n');
        out.append("reason=").append(v.reason()).append('\n');
        out.append("fix=").append(v.fix()).append('\n');
        out.append("scalar dot=").append(Backends.named("scalar").dot(new double[]{1, 2, 3}, new double[]{4, 5, 6}))
                .append('\n');
        try {
            Backends.named("vector");
            out.append("named(vector) returned\n");
        } catch (BackendUnavailableException e) {
            out.append("named(vector) threw BackendUnavailableException: ").append(e.getMessage()).append('\n');
        }
        System.out.print(out);
    }
}
