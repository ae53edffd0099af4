# Goldens for Linea's sparse estimators from R's glmnet on a dgCMatrix (Debian r-cran-glmnet 4.1-6, r-cran-matrix).
#
# Run from the repository root AFTER make_sparse_goldens.py (it reads the data that script writes):
#     Rscript models/src/test/goldens/make_sparse_goldens.R
# Reads models/src/test/resources/golden/sparse/sparse.libsvm and targets.csv; writes, into the same directory,
# one CSV per case (header lambda, a0, b1..b80; one row per lambda; 17 significant digits):
#   glmnet_gaussian_lasso.csv      family gaussian, alpha 1, standardize FALSE, lambda = lambda_max * {0.3, 0.05, 0.005}
#                                  (lambda_max from the data, as the Python script: the same values as sklearn's Lasso)
#   glmnet_gaussian_lasso_std.csv  the same with standardize TRUE
#   glmnet_gaussian_lasso_w.csv    standardize FALSE with weights w_i = 0.5 + (i mod 4) / 2 (i 0-based)
#   glmnet_binomial_lasso.csv      family binomial on label, alpha 1, standardize FALSE, lambda {0.03, 0.01, 0.003}
#   glmnet_poisson_ridge.csv       family poisson on count, alpha 0, standardize FALSE, lambda {0.1, 0.01}
#                                  (glmnet's -loglik/n + lambda/2 |b|^2 is scikit-learn's PoissonRegressor(alpha = lambda))
# Tight settings as make_lasso_goldens.R: thresh = 1e-24, maxit = 1e8, glmnet.control(fdev = 0, devmax = 1) so the
# path is never cut short; the x matrix is a Matrix::dgCMatrix (glmnet's sparse path: centring without densifying).
suppressMessages(library(glmnet))
suppressMessages(library(Matrix))
glmnet.control(fdev = 0, devmax = 1)
out <- "models/src/test/resources/golden/sparse"
THRESH <- 1e-24
MAXIT <- 1e8

lines <- readLines(file.path(out, "sparse.libsvm"))
n_rows <- length(lines)
n_cols <- 80
ii <- integer(0); jj <- integer(0); vv <- numeric(0)
for (r in seq_along(lines)) {
  parts <- strsplit(lines[r], " ", fixed = TRUE)[[1]]
  if (length(parts) > 1) {
    kv <- do.call(rbind, strsplit(parts[-1], ":", fixed = TRUE))
    ii <- c(ii, rep(r, nrow(kv))); jj <- c(jj, as.integer(kv[, 1])); vv <- c(vv, as.numeric(kv[, 2]))
  }
}
x <- sparseMatrix(i = ii, j = jj, x = vv, dims = c(n_rows, n_cols))
stopifnot(is(x, "dgCMatrix"))
t <- read.csv(file.path(out, "targets.csv"))

fmt <- function(m) apply(m, c(1, 2), function(v) sprintf("%.17g", v))
write_fit <- function(fit, name) {
  b <- as.matrix(fit$beta)
  m <- cbind(lambda = fit$lambda, a0 = as.numeric(fit$a0), t(b))
  colnames(m) <- c("lambda", "a0", paste0("b", seq_len(nrow(b))))
  write.csv(fmt(m), file.path(out, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
  cat(name, ": ", length(fit$lambda), " lambdas, npasses ", fit$npasses, ", jerr ", fit$jerr, "\n", sep = "")
}

y <- t$gaussian
xd <- as.matrix(x)
lam_max <- max(abs(crossprod(sweep(xd, 2, colMeans(xd)), y - mean(y)))) / n_rows
lam <- lam_max * c(0.3, 0.05, 0.005)
write_fit(glmnet(x, y, alpha = 1, lambda = lam, standardize = FALSE, thresh = THRESH, maxit = MAXIT),
          "glmnet_gaussian_lasso")
write_fit(glmnet(x, y, alpha = 1, lambda = lam, standardize = TRUE, thresh = THRESH, maxit = MAXIT),
          "glmnet_gaussian_lasso_std")
w <- 0.5 + ((seq_len(n_rows) - 1) %% 4) / 2
write_fit(glmnet(x, y, alpha = 1, lambda = lam, weights = w, standardize = FALSE, thresh = THRESH, maxit = MAXIT),
          "glmnet_gaussian_lasso_w")
write_fit(glmnet(x, t$label, family = "binomial", alpha = 1, lambda = c(0.03, 0.01, 0.003), standardize = FALSE,
                 thresh = THRESH, maxit = MAXIT), "glmnet_binomial_lasso")
write_fit(glmnet(x, t$count, family = "poisson", alpha = 0, lambda = c(0.1, 0.01), standardize = FALSE,
                 thresh = THRESH, maxit = MAXIT), "glmnet_poisson_ridge")
cat("glmnet ", as.character(packageVersion("glmnet")), "\n")
