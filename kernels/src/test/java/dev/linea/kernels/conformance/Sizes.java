package dev.linea.kernels.conformance;

/**
 * The sizes and layouts every kernel is tested at. The odd sizes run every SIMD tail (1 element, one below, at and
 * above a vector of 8 doubles, 103 = many vectors plus a tail, 1000 = many blocks); O(n³) kernels use smaller caps
 * plus one size past the usual block sizes (64–256) so that blocked code runs more than one block.
 */
final class Sizes {
    private Sizes() {
    }

    /** Sizes of O(n) and O(n²) kernels. */
    static final int[] LINEAR = {0, 1, 7, 8, 9, 103, 1000};
    /** Sizes of each dimension of O(n³) kernels. */
    static final int[] CUBIC = {0, 1, 7, 8, 9, 103};
    /** Square sizes of factorizations: CUBIC plus two multi-block sizes. */
    static final int[] FACTOR = {0, 1, 7, 8, 9, 103, 260, 520};

    /**
     * Memory layouts: tight (offset 0, leading dimension = row length) and loose (non-zero offsets that differ
     * between arrays, leading dimension longer than the row).
     *
     * @param off base offset; arrays add their own index to it so that no two share one
     * @param pad leading dimension minus row length
     */
    record Layout(String name, int off, int pad) {
        int off(int arrayIndex) {
            return off == 0 ? 0 : off + arrayIndex;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Layout TIGHT = new Layout("tight", 0, 0);
    static final Layout LOOSE = new Layout("loose", 3, 2);
    static final Layout[] LAYOUTS = {TIGHT, LOOSE};
}
