package dev.linea.kernels;

/** Which triangle of a square matrix a kernel reads: {@link #LOWER} means entries (i, j) with i ≥ j. */
public enum Triangle {
    LOWER,
    UPPER;

    /** @return the other triangle: the lower triangle of a row-major matrix is the upper triangle of its column-major view. */
    public Triangle flip() {
        return this == LOWER ? UPPER : LOWER;
    }
}
