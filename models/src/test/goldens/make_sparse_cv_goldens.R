# Golden for Linea's lasso path cross-validation on a sparse design (ElasticNetCV.fit(SparseDesign, foldIds)) from
# R's cv.glmnet on a Matrix::dgCMatrix (Debian r-cran-glmnet 4.1-6, r-cran-matrix).
#
# Run from the repository root AFTER make_sparse_goldens.py (it reads the data that script writes):
#     Rscript models/src/test/goldens/make_sparse_cv_goldens.R
# Reads models/src/test/resources/golden/sparse/sparse.libsvm and targets.csv (target "gaussian"); writes, into the
# same directory:
#   glmnet_cv_foldid.txt             the fold of each row (1-based; 5 folds, set.seed(23), sample(rep(1:5, …)))
#   glmnet_cv.csv                    lambda, cvm, cvsd: cv.glmnet(family gaussian, alpha 1, standardize TRUE,
#                                    type.measure "mse") at glmnet's own default path (100 λ, lambda.min.ratio
#                                    1e-4) of the full data, passed explicitly so every fold is fitted at those λ
#   glmnet_cv_choice.csv             lambda_min, lambda_1se
#   glmnet_cv_weights.csv, glmnet_cv_weights_choice.csv
#                                    the same with weights w_i = 0.5 + (i mod 4) / 2 (i 0-based)
# Tight settings as make_sparse_goldens.R: thresh = 1e-24, maxit = 1e8, glmnet.control(fdev = 0, devmax = 1) so the
# path is never cut short.
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
y <- read.csv(file.path(out, "targets.csv"))$gaussian
w <- 0.5 + ((seq_len(n_rows) - 1) %% 4) / 2

fmt <- function(m) apply(m, c(1, 2), function(v) sprintf("%.17g", v))
set.seed(23)
foldid <- sample(rep(1:5, length.out = n_rows))
writeLines(as.character(foldid), file.path(out, "glmnet_cv_foldid.txt"))
write_cv <- function(weights, name) {
  lam <- glmnet(x, y, alpha = 1, weights = weights, thresh = THRESH, maxit = MAXIT)$lambda
  cv <- cv.glmnet(x, y, alpha = 1, weights = weights, foldid = foldid, lambda = lam, thresh = THRESH,
                  maxit = MAXIT, type.measure = "mse")
  m <- cbind(lambda = cv$lambda, cvm = cv$cvm, cvsd = cv$cvsd)
  write.csv(fmt(m), file.path(out, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
  writeLines(c(sprintf("lambda_min,%.17g", cv$lambda.min), sprintf("lambda_1se,%.17g", cv$lambda.1se)),
             file.path(out, paste0(name, "_choice.csv")))
  cat(name, ": ", length(lam), " lambdas, lambda.min ", cv$lambda.min, ", lambda.1se ", cv$lambda.1se, "\n",
      sep = "")
}
write_cv(NULL, "glmnet_cv")
write_cv(w, "glmnet_cv_weights")
cat("glmnet ", as.character(packageVersion("glmnet")), "\n")
