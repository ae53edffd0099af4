package dev.linea.kernels;

/** Whether a kernel uses a matrix as stored ({@link #NONE}) or its transpose ({@link #TRANSPOSE}). */
public enum Transpose {
    /** op(A) = A. */
    NONE,
    /** op(A) = Aᵀ. */
    TRANSPOSE;

    /** @return the other value: the transpose of a row-major matrix is its column-major view. */
    public Transpose flip() {
        return this == NONE ? TRANSPOSE : NONE;
    }
}
