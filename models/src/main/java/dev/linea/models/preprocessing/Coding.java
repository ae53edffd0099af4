package dev.linea.models.preprocessing;

/**
 * How a categorical column of L levels becomes features.
 *
 * <ul>
 *   <li>{@link #TREATMENT}: L − 1 dummies, one per level but the reference, named {@code col[T.level]} as
 *       statsmodels and R name them; the reference level is the intercept's. For unpenalized models with an
 *       intercept: full coding would make the design rank deficient (the dummies sum to the intercept column).</li>
 *   <li>{@link #FULL}: L dummies, one per level, named {@code col[level]} (patsy's name for full-rank coding). For
 *       penalized models (the penalty picks one solution, symmetric in the levels, rather than favouring a
 *       reference) and for the first categorical column of a model without an intercept.</li>
 * </ul>
 * {@link #forModel} is that rule.
 */
public enum Coding {
    TREATMENT,
    FULL;

    /**
     * The coding of the {@code index}-th categorical column (0-based, in input order) of a model: full for
     * penalized models; treatment with an intercept; without an intercept, full for the first categorical column
     * (the dummies take the intercept's place) and treatment for the others, as patsy and R do.
     */
    public static Coding forModel(boolean penalized, boolean intercept, int index) {
        if (penalized) {
            return FULL;
        }
        return intercept || index > 0 ? TREATMENT : FULL;
    }

    /** @return the lower-case name used in model files */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
