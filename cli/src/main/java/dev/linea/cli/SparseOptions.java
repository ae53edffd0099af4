package dev.linea.cli;

import dev.linea.models.preprocessing.FeatureHashing;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;

/**
 * The options that make the input a sparse design ({@code fit}, {@code predict}, {@code cv}, {@code path}): a
 * LIBSVM file ({@code --format libsvm}) or a CSV with feature-hashed text columns ({@code --hash COL:BITS}). Either
 * one sends the command down the sparse path ({@link SparseFit}, {@link SparsePredict}, {@link SparseCv},
 * {@link PathCommand}).
 */
final class SparseOptions {

    @Option(names = "--format", paramLabel = "F",
            description = "Input format: csv (default) or libsvm (LIBSVM/SVMlight lines 'label [qid:Q] index:value "
                    + "…', 1-based increasing indices; read as a sparse design, feature j named fj).")
    String format = "csv";

    @Option(names = "--hash", paramLabel = "COL:BITS",
            description = "Feature-hash the text column COL into 2^BITS signed features (MurmurHash3, one block per "
                    + "column; repeatable or comma-separated). The design is then sparse.",
            split = ",")
    List<String> hash = List.of();

    @Option(names = "--hash-seed", paramLabel = "S", description = "The MurmurHash3 seed of --hash (default 0).")
    Integer hashSeed;

    @Option(names = "--features", paramLabel = "N",
            description = "--format libsvm: the number of features (default: the largest index in the file); an "
                    + "index beyond it is an error.")
    Integer features;

    /** @return whether the input is a LIBSVM file */
    boolean libsvm() {
        return format.toLowerCase(Locale.ROOT).equals("libsvm");
    }

    /**
     * @return whether the input is a sparse design (a LIBSVM file, or a CSV with hashed columns)
     * @throws IllegalArgumentException for an unknown format, or an option of one format given with the other
     */
    boolean active() {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("libsvm")) {
            throw new IllegalArgumentException("--format = '" + format + "', expected csv or libsvm");
        }
        if (libsvm() && !hash.isEmpty()) {
            throw new IllegalArgumentException("--hash does not apply to --format libsvm (its features are already "
                    + "numbered: index:value), expected a CSV with text columns");
        }
        if (hashSeed != null && hash.isEmpty()) {
            throw new IllegalArgumentException("--hash-seed applies only with --hash COL:BITS");
        }
        if (features != null && !libsvm()) {
            throw new IllegalArgumentException("--features applies only with --format libsvm");
        }
        if (features != null && features < 1) {
            throw new IllegalArgumentException("--features is " + features + ", expected a whole number ≥ 1");
        }
        return libsvm() || !hash.isEmpty();
    }

    /** @return the hashing step of --hash and --hash-seed */
    FeatureHashing hashing() {
        return FeatureHashing.parse(hash, hashSeed == null ? 0 : hashSeed);
    }

    /** @return how the input is named in messages: "--format libsvm" or "--hash city:18" */
    String describe() {
        return libsvm() ? "--format libsvm" : "--hash " + String.join(",", hash);
    }
}
