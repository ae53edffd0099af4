/**
 * Linea's estimators and what they return: least squares, ridge, lasso/elastic net, GLMs, logistic and softmax
 * regression, Huber, gradient descent; inference, metrics, preprocessing, model files and compiled scorers.
 *
 * <p>Runs on any available backend of {@code dev.linea.kernels} (re-exported: {@code requires transitive}). The
 * native backend ({@code dev.linea.blas}, artifact {@code linea-native}) is a runtime dependency only: it is found
 * through {@link java.util.ServiceLoader} and never imported, so a consumer may exclude it.
 */
module dev.linea.models {
    requires transitive dev.linea.kernels;
    requires org.apache.commons.statistics.distribution;
    requires org.apache.commons.numbers.gamma; // log-gamma for the Poisson and Gamma likelihoods
    requires de.siegmar.fastcsv;
    requires com.fasterxml.jackson.databind;

    exports dev.linea.models;
    exports dev.linea.models.formula;
    exports dev.linea.models.glm;
    exports dev.linea.models.gd;
    exports dev.linea.models.huber;
    exports dev.linea.models.inference;
    exports dev.linea.models.io;
    exports dev.linea.models.lasso;
    exports dev.linea.models.logistic;
    exports dev.linea.models.metrics;
    exports dev.linea.models.ols;
    exports dev.linea.models.preprocessing;
    exports dev.linea.models.ridge;
    exports dev.linea.models.scoring;
    // The optimisers are the seam the Spark module drives (one algorithm, its passes); documented, so exported.
    exports dev.linea.models.optim;
    // Numerical building blocks (QR, SVD, eigen, double-double): internal, shared with the Spark module only.
    exports dev.linea.models.linalg to dev.linea.spark;
}
