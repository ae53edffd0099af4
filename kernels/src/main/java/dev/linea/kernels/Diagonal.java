package dev.linea.kernels;

/** Whether a triangular matrix has its stored diagonal ({@link #NON_UNIT}) or an implicit diagonal of ones ({@link #UNIT}). */
public enum Diagonal {
    NON_UNIT,
    UNIT
}
