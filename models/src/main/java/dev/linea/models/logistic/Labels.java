package dev.linea.models.logistic;

import dev.linea.models.Dataset;

/** Label checks and the effective weights s_i = w_i·c_{y_i} (internal). */
final class Labels {
    private Labels() {
    }

    /**
     * @return the class of every row, after checking that y holds integers 0…K−1 (K = 2 when {@code binary}, else
     *         max + 1 ≥ 2) and that every class occurs. Rows are named 1-based, as a person counts the data rows.
     */
    static int[] classes(Dataset data, boolean binary) {
        return classes(data.yUnsafe(), binary);
    }

    /** As {@link #classes(Dataset, boolean)} for the labels y of any kind of data (not modified). */
    static int[] classes(double[] y, boolean binary) {
        int m = y.length;
        int[] c = new int[m];
        int max = 0;
        for (int i = 0; i < m; i++) {
            double v = y[i];
            if (binary && v != 0 && v != 1) {
                throw new IllegalArgumentException("y has " + v + " at row " + (i + 1)
                        + " (1-based), expected a binary label 0 or 1");
            }
            if (!(v >= 0 && v == Math.rint(v) && v < Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("y has " + v + " at row " + (i + 1)
                        + " (1-based), expected a class label 0, 1, …, K−1");
            }
            c[i] = (int) v;
            max = Math.max(max, c[i]);
        }
        int k = binary ? 2 : max + 1;
        int[] counts = counts(c, k);
        for (int j = 0; j < k; j++) {
            if (counts[j] == 0) {
                throw new IllegalArgumentException("y has no row of class " + j + ": the classes found are "
                        + found(counts) + ", expected every class 0 to " + (k - 1) + " to occur"
                        + (binary ? " (binary logistic regression needs rows of both 0 and 1)"
                        : " (K = " + k + " classes, from the largest label " + max + ")"));
            }
        }
        return c;
    }

    /**
     * The binary classes' row counts and weight totals, after {@link #classes(double[], boolean)}'s checks.
     *
     * @param y       m labels; not modified
     * @param weights m sample weights, or null for ones; not modified
     */
    static LogisticData.ClassTotals binaryTotals(double[] y, double[] weights) {
        int[] classes = classes(y, true);
        long[] rows = new long[2];
        double[] totals = new double[2];
        for (int i = 0; i < classes.length; i++) {
            rows[classes[i]]++;
            totals[classes[i]] += weights == null ? 1 : weights[i];
        }
        return new LogisticData.ClassTotals(rows, totals);
    }

    /** "1 (4 rows), 3 (1 row)": the classes that occur with their counts, at most 10 listed. */
    private static String found(int[] counts) {
        StringBuilder b = new StringBuilder();
        int listed = 0;
        int present = 0;
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] == 0) {
                continue;
            }
            present++;
            if (listed < 10) {
                b.append(listed++ == 0 ? "" : ", ").append(j).append(" (").append(counts[j])
                        .append(counts[j] == 1 ? " row)" : " rows)");
            }
        }
        return present > listed ? b + " and " + (present - listed) + " more" : b.toString();
    }

    static int[] counts(int[] classes, int k) {
        int[] counts = new int[k];
        for (int c : classes) {
            counts[c]++;
        }
        return counts;
    }

    /**
     * @return s_i = w_i·c_{y_i}, or null when every s_i is 1 (the kernels' fast path)
     * @throws IllegalArgumentException when a class carries no weight: its intercept would run off to −∞ (with any
     *                                  penalty, since intercepts are not penalized)
     */
    static double[] effectiveWeights(Dataset data, int[] classes, int k, ClassWeights cw) {
        double[] mult = cw.resolve(counts(classes, k));
        boolean ones = !data.weighted();
        for (double v : mult) {
            ones &= v == 1;
        }
        if (ones) {
            return null;
        }
        double[] s = new double[classes.length];
        double[] perClass = new double[k];
        for (int i = 0; i < s.length; i++) {
            s[i] = data.weight(i) * mult[classes[i]];
            perClass[classes[i]] += s[i];
        }
        requirePositive(perClass, mult);
        return s;
    }

    /**
     * @param perClass every class's total effective weight; not modified
     * @param mult     the class multipliers; not modified
     * @throws IllegalArgumentException when a class carries no weight: its intercept would run off to −∞ (with any
     *                                  penalty, since intercepts are not penalized)
     */
    static void requirePositive(double[] perClass, double[] mult) {
        for (int c = 0; c < perClass.length; c++) {
            if (!(perClass[c] > 0)) {
                throw new IllegalArgumentException("class " + c + " has total weight " + perClass[c]
                        + " (sample weights times class weight " + mult[c] + "), expected every class to carry"
                        + " positive weight");
            }
        }
    }

    static double sum(double[] s, int m) {
        if (s == null) {
            return m;
        }
        double t = 0;
        for (double v : s) {
            t += v;
        }
        return t;
    }
}
