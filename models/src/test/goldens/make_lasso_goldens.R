# Goldens for dev.linea.models.lasso (ElasticNet, ElasticNetCV) from R's glmnet (Debian r-cran-glmnet).
#
# Run from the repository root:   Rscript models/src/test/goldens/make_lasso_goldens.R
# Writes into models/src/test/resources/golden/lasso/ (and wide.csv, the generated p > n dataset).
#
# Tight settings (see ANCHORS "Traps"): glmnet's default thresh = 1e-7 leaves ~1e-2 relative
# error on diabetes and thresh = 1e-14 still 4.5e-6 (max |db| / max |b| against a 1e-24 fit), so every fit uses
# thresh = 1e-24 (4e-9 between 1e-20 and 1e-24; the convergence test of glmnet's inner loop is
# max_j xv_j * dbeta_j^2 < thresh * null deviance), maxit = 1e8; and glmnet.control(fdev = 0, devmax = 1) so the
# path is never cut short (all nlambda values are returned).
#
# Path file format (CSV, header): lambda, a0 (intercept), df, dev_ratio, then one column per coefficient,
# on the original x scale, one row per lambda, all values printed with 17 significant digits.
suppressMessages(library(glmnet))
glmnet.control(fdev = 0, devmax = 1)
out <- "models/src/test/resources/golden/lasso"
THRESH <- 1e-24
MAXIT <- 1e8

fmt <- function(m) apply(m, c(1, 2), function(v) sprintf("%.17g", v))

write_path <- function(fit, name, extra = NULL) {
  b <- as.matrix(fit$beta)
  m <- cbind(lambda = fit$lambda, a0 = as.numeric(fit$a0), df = fit$df, dev_ratio = fit$dev.ratio, t(b))
  colnames(m) <- c("lambda", "a0", "df", "dev_ratio", rownames(b))
  write.csv(fmt(m), file.path(out, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
  cat(name, ": ", length(fit$lambda), " lambdas, npasses ", fit$npasses, ", jerr ", fit$jerr, "\n", sep = "")
}

d <- read.csv(file.path(out, "diabetes.csv"))
x <- as.matrix(d[, 1:10])
y <- d$y
n <- nrow(x)

# 1. lasso path, standardize = TRUE, default lambda sequence (100 values, ratio 1e-4 since n >= p)
write_path(glmnet(x, y, alpha = 1, thresh = THRESH, maxit = MAXIT), "diabetes_lasso")

# 2. elastic net alpha = 0.5 on the raw y: glmnet divides the ridge part by sd(y) (1/n variance) here
sdy <- sqrt(mean((y - mean(y))^2))
write_path(glmnet(x, y, alpha = 0.5, thresh = THRESH, maxit = MAXIT), "diabetes_enet05")
writeLines(sprintf("%.17g", sdy), file.path(out, "diabetes_sdy.txt"))

# 3. penalty factors (glmnet rescales them to sum to p); two unpenalized features
pf <- c(0, 1, 1, 2, 1, 1, 0.5, 1, 0, 3)
write_path(glmnet(x, y, alpha = 1, penalty.factor = pf, thresh = THRESH, maxit = MAXIT), "diabetes_pf")
writeLines(sprintf("%.17g", pf), file.path(out, "diabetes_pf_factors.txt"))

# 4. sample weights (seeded), lasso
set.seed(20261125)
w <- round(runif(n, 0.25, 3), 3)
write_path(glmnet(x, y, alpha = 1, weights = w, thresh = THRESH, maxit = MAXIT), "diabetes_weights")
writeLines(sprintf("%.17g", w), file.path(out, "diabetes_weights_w.txt"))

# 5. no intercept, lasso
write_path(glmnet(x, y, alpha = 1, intercept = FALSE, thresh = THRESH, maxit = MAXIT), "diabetes_nointercept")

# 6. standardize = FALSE, lasso (the scikit-learn convention for x)
write_path(glmnet(x, y, alpha = 1, standardize = FALSE, thresh = THRESH, maxit = MAXIT), "diabetes_nostd")

# 7. generated p > n data with correlated columns: AR(1) rho = 0.8 across columns, sparse truth
set.seed(5)
nw <- 60; pw <- 150; rho <- 0.8
z <- matrix(rnorm(nw * pw), nw, pw)
xw <- z
for (j in 2:pw) xw[, j] <- rho * xw[, j - 1] + sqrt(1 - rho^2) * z[, j]
xw <- round(xw, 6)
beta <- numeric(pw); beta[c(3, 10, 11, 40, 77, 120)] <- c(2, -1.5, 1, 0.8, -2.5, 1.2)
yw <- round(as.numeric(1.5 + xw %*% beta + rnorm(nw)), 6)
wide <- data.frame(xw, y = yw)
colnames(wide) <- c(paste0("x", 1:pw), "y")
write.csv(fmt(as.matrix(wide)), file.path(out, "wide.csv"), row.names = FALSE, quote = FALSE)
write_path(glmnet(xw, yw, alpha = 1, thresh = THRESH, maxit = MAXIT), "wide_lasso")
write_path(glmnet(xw, yw, alpha = 0.5, thresh = THRESH, maxit = MAXIT), "wide_enet05")
writeLines(sprintf("%.17g", sqrt(mean((yw - mean(yw))^2))), file.path(out, "wide_sdy.txt"))

# 8. cv.glmnet with explicit fold ids (5 folds, seeded), lasso, type.measure = "mse".
# The full data's lambda sequence is passed explicitly: without it, cv.glmnet fits each fold on the fold's own
# default path and pairs the k-th fold lambda with the k-th full lambda (alignment = "fraction"); Linea, like
# cv.glmnet given `lambda`, fits every fold at the full data's lambdas.
set.seed(11)
foldid <- sample(rep(1:5, length.out = n))
lam <- glmnet(x, y, alpha = 1, thresh = THRESH, maxit = MAXIT)$lambda
cv <- cv.glmnet(x, y, alpha = 1, foldid = foldid, lambda = lam, thresh = THRESH, maxit = MAXIT,
                type.measure = "mse")
m <- cbind(lambda = cv$lambda, cvm = cv$cvm, cvsd = cv$cvsd)
write.csv(fmt(m), file.path(out, "diabetes_cv.csv"), row.names = FALSE, quote = FALSE)
writeLines(c(sprintf("lambda_min,%.17g", cv$lambda.min), sprintf("lambda_1se,%.17g", cv$lambda.1se)),
           file.path(out, "diabetes_cv_choice.csv"))
writeLines(as.character(foldid), file.path(out, "diabetes_cv_foldid.txt"))
cat("cv: lambda.min ", cv$lambda.min, " lambda.1se ", cv$lambda.1se, "\n")
cat("glmnet ", as.character(packageVersion("glmnet")), "\n")

# 9. the same with the sample weights of case 4 (fold errors and fold weights are weighted)
lamw <- glmnet(x, y, alpha = 1, weights = w, thresh = THRESH, maxit = MAXIT)$lambda
cvw <- cv.glmnet(x, y, alpha = 1, weights = w, foldid = foldid, lambda = lamw, thresh = THRESH, maxit = MAXIT,
                 type.measure = "mse")
m <- cbind(lambda = cvw$lambda, cvm = cvw$cvm, cvsd = cvw$cvsd)
write.csv(fmt(m), file.path(out, "diabetes_cv_weights.csv"), row.names = FALSE, quote = FALSE)
writeLines(c(sprintf("lambda_min,%.17g", cvw$lambda.min), sprintf("lambda_1se,%.17g", cvw$lambda.1se)),
           file.path(out, "diabetes_cv_weights_choice.csv"))
cat("cv weighted: lambda.min ", cvw$lambda.min, " lambda.1se ", cvw$lambda.1se, "\n")
