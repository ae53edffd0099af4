package dev.linea.models.preprocessing;

import dev.linea.models.GeneratedNames;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Signed feature hashing of categorical columns (the "hashing trick" of Weinberger et al., 2009, as scikit-learn's
 * {@code FeatureHasher} and Vowpal Wabbit do it): each hashed column c gets its own block of 2^bits_c features, and
 * a row whose value in c is the string v adds
 * <pre>
 *   h      = MurmurHash3_x86_32(UTF-8 bytes of v, seed)          (see {@link MurmurHash3})
 *   column = h AND (2^bits − 1)                                    the low bits, as Vowpal Wabbit
 *   sign   = +1 when h ≥ 0 as a signed 32-bit integer, else −1     the top bit, independent of the column
 * </pre>
 * that is, the value {@code sign} at feature {@code column} of c's block. The sign makes collisions cancel in
 * expectation instead of adding up (Weinberger et al.). An empty value is missing: it adds nothing. Blocks follow
 * the unhashed (numeric) inputs, in the order of {@link #columns()}; the feature k of column c's block is named
 * {@code c#k}.
 *
 * <p>Where it differs from scikit-learn's {@code FeatureHasher}: that one hashes {@code "name=value"} strings into
 * one shared space and takes {@code abs(h) mod n}; here each column has its own block and the bits are taken as
 * above, so no two columns ever collide. The hash function and its bits are the same.
 *
 * @param columns the hashed columns with their bits, 1 ≤ bits ≤ {@value #MAX_BITS}; distinct names
 * @param seed    the MurmurHash3 seed
 */
public record FeatureHashing(List<Column> columns, int seed) implements Preprocessing.Step {
    /** The hash function's name as model files record it. */
    public static final String FUNCTION = "murmurhash3_x86_32";
    /** The largest block: 2^28 features (2 GB of coefficients). */
    public static final int MAX_BITS = 28;
    /** What separates a hashed column's name from the number of a feature of its block. */
    public static final String SEPARATOR = "#";

    /**
     * One hashed column.
     *
     * @param name the column's name
     * @param bits log2 of its block's size
     */
    public record Column(String name, int bits) {
        /** @throws IllegalArgumentException for an empty name or bits out of range */
        public Column {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a hashed column with an empty name, expected a column name");
            }
            if (bits < 1 || bits > MAX_BITS) {
                throw new IllegalArgumentException("hashed column '" + name + "' with " + bits + " bits, expected 1 to "
                        + MAX_BITS);
            }
        }

        /** @return 2^bits, the size of the column's block */
        public int size() {
            return 1 << bits;
        }
    }

    /** @throws IllegalArgumentException for no column or a column given twice */
    public FeatureHashing {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("feature hashing of no column, expected at least one");
        }
        Set<String> seen = new HashSet<>();
        long width = 0;
        for (Column c : columns) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException("column '" + c.name() + "' is hashed twice, expected each once");
            }
            width += c.size();
        }
        if (width > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("hashed blocks of " + width + " features in all, expected at most 2^30");
        }
    }

    /**
     * Parses {@code COL:BITS} specifications (the CLI's {@code --hash}).
     *
     * @throws IllegalArgumentException naming the specification that is not of that form
     */
    public static FeatureHashing parse(List<String> specs, int seed) {
        List<Column> cols = new ArrayList<>();
        for (String spec : specs) {
            int colon = spec.lastIndexOf(':');
            String bits = colon < 0 ? "" : spec.substring(colon + 1);
            if (colon <= 0 || bits.isEmpty() || bits.length() > 2 || !bits.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("--hash '" + spec + "', expected COLUMN:BITS with BITS a whole "
                        + "number from 1 to " + MAX_BITS + " (e.g. city:18)");
            }
            cols.add(new Column(spec.substring(0, colon), Integer.parseInt(bits)));
        }
        return new FeatureHashing(cols, seed);
    }

    /** @return the names of the hashed columns, in order */
    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** @return the features of all blocks */
    public int width() {
        int w = 0;
        for (Column c : columns) {
            w += c.size();
        }
        return w;
    }

    /** @return the hash of a value under this step's seed */
    public int hash(CharSequence value) {
        return MurmurHash3.hashUtf8(value, seed);
    }

    /** @return the feature within a block of {@code bits} bits that hash h lands on */
    public static int column(int h, int bits) {
        return h & ((1 << bits) - 1);
    }

    /** @return +1 or −1, the sign hash h gives its value */
    public static double sign(int h) {
        return h < 0 ? -1.0 : 1.0;
    }

    /** @return the names of the features: the numeric inputs, then each block's {@code c#0 … c#(2^bits − 1)} */
    public GeneratedNames featureNames(List<String> numeric) {
        List<GeneratedNames.Block> blocks = new ArrayList<>();
        for (Column c : columns) {
            blocks.add(new GeneratedNames.Block(c.name() + SEPARATOR, 0, c.size()));
        }
        return GeneratedNames.of(numeric, blocks);
    }
}
