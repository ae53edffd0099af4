package dev.linea.models.logistic;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Per-class multipliers of the sample weights, as scikit-learn's {@code class_weight}: row i of class k counts
 * {@code s_i·c_k} times in the loss.
 *
 * Either "balanced" (scikit-learn's {@code c_k = m / (K·count_k)} with count_k the number of rows of class k,
 * unweighted, as scikit-learn counts them) or explicit multipliers by class label (finite, ≥ 0; classes not listed
 * get 1). Immutable value.
 */
public final class ClassWeights {
    private static final ClassWeights NONE = new ClassWeights(false, Map.of());
    private static final ClassWeights BALANCED = new ClassWeights(true, Map.of());

    private final boolean balanced;
    private final Map<Integer, Double> weights;

    /**
     * @param balanced true for "balanced"
     * @param weights  explicit multipliers (empty with balanced); not modified (copied)
     */
    public ClassWeights(boolean balanced, Map<Integer, Double> weights) {
        Objects.requireNonNull(weights, "weights");
        if (balanced && !weights.isEmpty()) {
            throw new IllegalArgumentException("class weights are both balanced and explicit " + weights
                    + ", expected one or the other");
        }
        for (Map.Entry<Integer, Double> e : weights.entrySet()) {
            Objects.requireNonNull(e.getKey(), "class label");
            Double v = e.getValue();
            if (e.getKey() < 0) {
                throw new IllegalArgumentException("class weight for class " + e.getKey()
                        + ", expected class labels >= 0");
            }
            if (v == null || !(v >= 0) || v == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("class weight of class " + e.getKey() + " is " + v
                        + ", expected a finite number >= 0");
            }
        }
        this.balanced = balanced;
        this.weights = Map.copyOf(new TreeMap<>(weights));
    }

    /** @return true for "balanced" */
    public boolean isBalanced() {
        return balanced;
    }

    /** @return the explicit multipliers (empty for none or balanced) */
    public Map<Integer, Double> weights() {
        return weights;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassWeights c && c.balanced == balanced && c.weights.equals(weights);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(balanced) * 31 + weights.hashCode();
    }

    @Override
    public String toString() {
        return balanced ? "balanced" : weights.isEmpty() ? "none" : weights.toString();
    }

    /** All classes weigh 1. */
    public static ClassWeights none() {
        return NONE;
    }

    /** {@code c_k = m / (K·count_k)}: each class carries the same total weight. */
    public static ClassWeights balanced() {
        return BALANCED;
    }

    /** @param weights multiplier by class label; not modified (copied) */
    public static ClassWeights of(Map<Integer, Double> weights) {
        return new ClassWeights(false, weights);
    }

    /**
     * @param counts rows per class 0…K−1; not modified
     * @return the K multipliers
     * @throws IllegalArgumentException when an explicit weight names a class ≥ K
     */
    double[] resolve(int[] counts) {
        long[] c = new long[counts.length];
        for (int j = 0; j < c.length; j++) {
            c[j] = counts[j];
        }
        return resolve(c);
    }

    /**
     * The multiplier of each class 0…K−1 (K = {@code counts.length}): "balanced" gives
     * {@code c_k = m / (K·count_k)} with {@code m = Σ_k count_k}; explicit weights give their value for the classes
     * listed and 1 for the others; none gives 1 for every class.
     *
     * @param counts rows per class 0…K−1, unweighted (as scikit-learn counts them); not modified
     * @return the K multipliers (a new array)
     * @throws IllegalArgumentException when an explicit weight names a class ≥ K
     */
    public double[] resolve(long[] counts) {
        int k = counts.length;
        double[] c = new double[k];
        long m = 0;
        for (long n : counts) {
            m += n;
        }
        for (int j = 0; j < k; j++) {
            c[j] = balanced ? (double) m / ((double) k * counts[j]) : 1;
        }
        for (Map.Entry<Integer, Double> e : weights.entrySet()) {
            if (e.getKey() >= k) {
                throw new IllegalArgumentException("class weight given for class " + e.getKey()
                        + ", expected a class of the data, 0 to " + (k - 1));
            }
            c[e.getKey()] = e.getValue();
        }
        return c;
    }
}
