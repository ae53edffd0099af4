package dev.linea.models.scoring;

import dev.linea.models.glm.Link;

/**
 * A valid model gave a non-finite score (±Infinity or NaN) for a row of finite inputs: the linear predictor
 * b + xᵀβ overflowed, or the inverse link did (e^η beyond the double range, 1/η at η = 0). A numerical failure of
 * the model on this row, not misuse, so it is an {@link ArithmeticException}; the message names the row (1-based),
 * the linear predictor and the response.
 */
public final class NonFiniteScoreException extends ArithmeticException {
    private final long row;
    private final double eta;
    private final double score;

    NonFiniteScoreException(long row, double eta, double score, Link link) {
        super(message(row, eta, score, link));
        this.row = row;
        this.eta = eta;
        this.score = score;
    }

    private static String message(long row, double eta, double score, Link link) {
        String where = "row " + (row + 1) + " (1-based) scores " + score;
        if (!Double.isFinite(eta)) {
            return where + ": its linear predictor b + xᵀβ is " + eta + " (the products of its values and the "
                    + "coefficients overflow the double range); expected values of the scale the model was fitted on";
        }
        return where + ": the linear predictor η = " + eta + " gives " + link.inverseFormula() + " = " + score
                + (link == Link.INVERSE ? " (the inverse link is undefined at η = 0)"
                : " (beyond the double range, about 1.8e308)")
                + "; expected a row like those the model was fitted on (a value far outside the training data?)";
    }

    /** @return the row's index in the batch, 0-based */
    public long row() {
        return row;
    }

    /** @return the row's linear predictor η */
    public double eta() {
        return eta;
    }

    /** @return the non-finite score */
    public double score() {
        return score;
    }
}
