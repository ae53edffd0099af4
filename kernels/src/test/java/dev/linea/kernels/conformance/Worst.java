package dev.linea.kernels.conformance;

/**
 * Compares the elements of one output against the reference, each with its own tolerance, and remembers the worst
 * one (largest |got − reference| / tolerance) for the failure message. Conformance inputs are finite, so a
 * non-finite result (or reference) always fails.
 */
final class Worst {
    private final String array;
    private int checked;
    private int bad;
    private double worstRatio = -1;
    private String worst = "";

    Worst(String array) {
        this.array = array;
    }

    void check(int i, double got, double ref, double tol) {
        check(i, -1, got, ref, tol);
    }

    /** Element (i, j); j &lt; 0 for a vector element, i &lt; 0 for a scalar result. */
    void check(int i, int j, double got, double ref, double tol) {
        checked++;
        double diff = Math.abs(got - ref);
        double ratio;
        if (!Double.isFinite(got) || !Double.isFinite(ref)) {
            ratio = Double.POSITIVE_INFINITY;
        } else if (diff == 0) {
            ratio = 0;
        } else {
            ratio = tol > 0 ? diff / tol : Double.POSITIVE_INFINITY;
        }
        if (ratio > 1) {
            bad++;
        }
        if (ratio > worstRatio) {
            worstRatio = ratio;
            String at = i < 0 ? "" : j < 0 ? "[" + i + "]" : "[" + i + "," + j + "]";
            worst = array + at + " = " + got + ", reference " + ref + ", |diff| " + diff + " > tolerance " + tol;
        }
    }

    boolean failed() {
        return bad > 0;
    }

    void report(Failures failures, String context) {
        if (bad > 0) {
            failures.add(context + ": " + bad + " of " + checked + " element(s) of " + array
                    + " out of tolerance; worst " + worst);
        }
    }
}
