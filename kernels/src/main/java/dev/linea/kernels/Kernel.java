package dev.linea.kernels;

/** The kernels of the {@link Backend} contract, as keys of {@link AutoBackend}'s routing table. */
public enum Kernel {
    DOT, AXPY, SCAL, GEMV, GRAM, GEMM, CHOLESKY, CHOLESKY_SOLVE, TRIANGULAR_SOLVE, QR, QR_MULTIPLY_Q,
    LEAST_SQUARES_GRADIENT, LOGISTIC_GRADIENT
}
