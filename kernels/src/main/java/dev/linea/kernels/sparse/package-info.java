/**
 * Sparse matrices: {@link dev.linea.kernels.sparse.CsrMatrix} (rows are samples, the form data arrive in) and its
 * column form {@link dev.linea.kernels.sparse.CscMatrix}, built on demand for coordinate descent.
 */
package dev.linea.kernels.sparse;
