package dev.linea.models.preprocessing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to read and encode the columns of a table: declared column types (overriding inference), reference levels,
 * the missing-value policy, and the model the coding is for. Immutable; built with {@link #builder()}:
 * <pre>{@code
 * EncodingSpec spec = EncodingSpec.builder()
 *         .categorical("region", "month")      // as --categorical region,month
 *         .numeric("zip")                       // as --numeric zip
 *         .reference("region", "north")         // as --reference region=north
 *         .missing(MissingPolicy.parse("median,mode"))
 *         .model(false, true)                   // unpenalized, with an intercept: treatment coding
 *         .build();
 * }</pre>
 *
 * @param types      declared types by column (others are inferred)
 * @param references reference levels by categorical column (others: the first level in sorted order)
 * @param missing    the missing-value policy
 * @param penalized  whether the model is penalized (full coding, {@link Coding#forModel})
 * @param intercept  whether the model has an intercept
 */
public record EncodingSpec(Map<String, ColumnType> types, Map<String, String> references, MissingPolicy missing,
                           boolean penalized, boolean intercept) {

    public EncodingSpec {
        types = Map.copyOf(types);
        references = Map.copyOf(references);
        Objects.requireNonNull(missing, "missing");
    }

    /** Everything inferred, missing values an error, treatment coding (unpenalized, with an intercept). */
    public static EncodingSpec defaults() {
        return builder().build();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this spec's settings */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.types.putAll(types);
        b.references.putAll(references);
        b.missing = missing;
        b.penalized = penalized;
        b.intercept = intercept;
        return b;
    }

    /** @return the declared type of the column, or null (inferred) */
    public ColumnType declared(String column) {
        return types.get(column);
    }

    /** @return whether any column is declared categorical or given a reference level */
    public boolean declaresCategories() {
        return types.containsValue(ColumnType.CATEGORICAL) || !references.isEmpty();
    }

    /** The coding of the {@code index}-th categorical column: {@link Coding#forModel}. */
    public Coding coding(int index) {
        return Coding.forModel(penalized, intercept, index);
    }

    /** Builds an {@link EncodingSpec}. */
    public static final class Builder {
        private final Map<String, ColumnType> types = new LinkedHashMap<>();
        private final Map<String, String> references = new LinkedHashMap<>();
        private MissingPolicy missing = MissingPolicy.error();
        private boolean penalized;
        private boolean intercept = true;

        private Builder() {
        }

        /** Declares columns categorical (even when their cells are numbers, such as a month). */
        public Builder categorical(String... columns) {
            return type(ColumnType.CATEGORICAL, columns);
        }

        /** Declares columns numeric (a cell that is not a number is then an error naming it). */
        public Builder numeric(String... columns) {
            return type(ColumnType.NUMERIC, columns);
        }

        /**
         * Declares the columns' type.
         *
         * @throws IllegalArgumentException for a column declared twice with different types
         */
        public Builder type(ColumnType type, String... columns) {
            Objects.requireNonNull(type, "type");
            for (String c : columns) {
                ColumnType before = types.putIfAbsent(Objects.requireNonNull(c, "column"), type);
                if (before != null && before != type) {
                    throw new IllegalArgumentException("column '" + c + "' is declared both " + before.key()
                            + " and " + type.key() + ", expected one type per column");
                }
            }
            return this;
        }

        /**
         * The reference level of a categorical column (treatment coding).
         *
         * @throws IllegalArgumentException for a column given two references
         */
        public Builder reference(String column, String level) {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(level, "level");
            String before = references.putIfAbsent(column, level);
            if (before != null && !before.equals(level)) {
                throw new IllegalArgumentException("column '" + column + "' has two reference levels, '" + before
                        + "' and '" + level + "', expected one");
            }
            return this;
        }

        public Builder missing(MissingPolicy policy) {
            this.missing = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The model the coding is for: {@link Coding#forModel}(penalized, intercept, …). */
        public Builder model(boolean penalized, boolean intercept) {
            this.penalized = penalized;
            this.intercept = intercept;
            return this;
        }

        public EncodingSpec build() {
            return new EncodingSpec(types, references, missing, penalized, intercept);
        }
    }
}
