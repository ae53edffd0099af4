package dev.linea.models.preprocessing;

/**
 * What a raw input column holds, inferred from the data unless declared ({@link EncodingSpec}):
 * numeric when every non-missing cell is a number in the strict grammar; boolean when every non-missing cell is
 * one of the boolean spellings ({@link dev.linea.models.io.Cells}); categorical when no cell is a number. A column
 * that mixes numbers and other text is an error unless declared (a typo must not turn a numeric column into
 * thousands of categories).
 */
public enum ColumnType {
    /** Numbers: one feature of the column's name. */
    NUMERIC,
    /** Categories (any text): one-hot encoded, {@link Coding}. */
    CATEGORICAL,
    /** true/false or yes/no: one 0/1 feature of the column's name (true is 1). */
    BOOLEAN;

    /** @return the lower-case name used in messages and model files */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
