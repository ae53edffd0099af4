package dev.linea.models.scoring;

import dev.linea.models.LinearPredictor;
import dev.linea.models.preprocessing.Preprocessing;
import java.util.List;
import java.util.Optional;

/**
 * A linear predictor's coefficients with its standardization folded in, as the scorers evaluate them: for
 * {@code z_j = (x_j − m_j) / s_j}, {@code b + Σ β_j·z_j = (b − Σ β'_j·m_j) + Σ β'_j·x_j} with {@code β'_j = β_j / s_j},
 * so a scored row is never standardized.
 *
 * @param intercept b − Σ β'_j·m_j (b without a standardization step)
 * @param beta      β' (a copy of the predictor's coefficients, β without a standardization step)
 */
record FoldedCoefficients(double intercept, double[] beta) {

    /**
     * @throws IllegalArgumentException when the steps do not produce the predictor's features
     */
    static FoldedCoefficients of(LinearPredictor predictor, Preprocessing preprocessing) {
        List<String> expected = preprocessing.features();
        if (!expected.equals(predictor.featureNames())) {
            throw new IllegalArgumentException("the predictor's features " + predictor.featureNames()
                    + " are not what the preprocessing makes of the inputs " + preprocessing.inputs()
                    + ", expected " + expected);
        }
        double b = predictor.intercept();
        double[] beta = predictor.coefficients();
        Optional<Preprocessing.Standardization> z = preprocessing.standardization();
        if (z.isPresent()) {
            double[] m = z.get().means();
            double[] sc = z.get().scales();
            for (int j = 0; j < beta.length; j++) {
                beta[j] = beta[j] / sc[j];
                b -= beta[j] * m[j];
            }
        }
        return new FoldedCoefficients(b, beta);
    }
}
