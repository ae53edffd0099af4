package dev.linea.models.glm;

/**
 * The link g of a generalized linear model: the linear predictor is {@code η = g(μ) = b + xᵀβ + offset}.
 * IRLS needs g, its inverse, g'(μ) and (for the observed information of non-canonical links) g''(μ).
 */
public enum Link {
    /** {@code η = log μ}, {@code μ = e^η}, {@code g'(μ) = 1/μ}; canonical for Poisson. */
    LOG("log") {
        @Override
        public double link(double mu) {
            return Math.log(mu);
        }

        @Override
        public double inverse(double eta) {
            return Math.exp(eta);
        }

        @Override
        public double derivative(double mu) {
            return 1 / mu;
        }

        @Override
        public double secondDerivative(double mu) {
            return -1 / (mu * mu);
        }
    },
    /** {@code η = μ}; canonical for Gaussian. */
    IDENTITY("identity") {
        @Override
        public double link(double mu) {
            return mu;
        }

        @Override
        public double inverse(double eta) {
            return eta;
        }

        @Override
        public double derivative(double mu) {
            return 1;
        }

        @Override
        public double secondDerivative(double mu) {
            return 0;
        }
    },
    /**
     * {@code η = 1/μ}, {@code g'(μ) = −1/μ²}; canonical for Gamma (statsmodels' {@code inverse_power}, which uses
     * the same sign: its canonical parameter is −1/μ, but the link is 1/μ).
     */
    INVERSE("inverse_power") {
        @Override
        public double link(double mu) {
            return 1 / mu;
        }

        @Override
        public double inverse(double eta) {
            return 1 / eta;
        }

        @Override
        public double derivative(double mu) {
            return -1 / (mu * mu);
        }

        @Override
        public double secondDerivative(double mu) {
            return 2 / (mu * mu * mu);
        }
    };

    private final String label;

    Link(String label) {
        this.label = label;
    }

    /** @return g(μ) */
    public abstract double link(double mu);

    /** @return μ = g⁻¹(η) */
    public abstract double inverse(double eta);

    /** @return g'(μ) */
    public abstract double derivative(double mu);

    /** @return g''(μ) */
    public abstract double secondDerivative(double mu);

    /** @return statsmodels' name of the link, for summaries ("log", "identity", "inverse_power"). */
    public String label() {
        return label;
    }
}
