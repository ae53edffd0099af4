package dev.linea.bench;

import dev.linea.models.GeneratedNames;
import dev.linea.models.LinearModel;
import dev.linea.models.LinearPredictor;
import dev.linea.models.preprocessing.FeatureHashing;
import dev.linea.models.preprocessing.Preprocessing;
import dev.linea.models.scoring.SparseScorer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Issue 19's serving target: {@link SparseScorer} on one row of 30 non-zeros against a logistic model of 2^20
 * features (8 MB of coefficients), given as indices + values ({@code indexed}), and as 30 categorical values hashed
 * on the fly into 30 blocks of 2^15 ({@code hashed}: MurmurHash3 of each value's UTF-8 bytes, then the same sum).
 * Rows come round-robin from a pool of 1024. {@code features}: {@code hot} draws the rows' features from 4096
 * popular ones scattered over the 2^20 (the coefficients they read stay in L2, as a ranker's popular features do);
 * {@code spread} draws them uniformly from all 2^20 (each of the 30 reads a likely miss to memory). Goal: ≤ 60 ns
 * per indexed row, 0 B/op ({@code -prof gc}).
 *
 * <p>{@code indexedHugePages} is {@code indexed} in a JVM started with {@code -XX:+UseTransparentHugePages}: the
 * 8 MB of coefficients span 2048 pages of 4 KiB, about the whole second-level TLB of this machine's cores, so with
 * small pages most coefficient reads also walk the page table; with 2 MiB pages the array is four entries. The
 * difference between the two is that cost alone (same code, same data, same JIT).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class SparseScorerBench {
    static final int BITS = 20;
    static final int NNZ = 30;
    static final int POOL = 1024;

    @org.openjdk.jmh.annotations.Param({"hot", "spread"})
    public String features;

    SparseScorer indexedScorer;
    SparseScorer hashedScorer;
    int[][] indices;
    double[][] values;
    String[][] categories;
    double[] noNumbers;
    int next;

    @Setup
    public void setup() {
        int n = 1 << BITS;
        double[] beta = Data.gaussian(n, 19);
        LinearPredictor p = LinearPredictor.logistic(new LinearModel(0.1, beta, GeneratedNames.numbered("f", 1, n),
                null));
        indexedScorer = SparseScorer.of(p, Preprocessing.none(p.featureNames()));
        // one hashed column holding a row's 30 tokens would be one value per row: 30 columns of 2^15 instead
        List<FeatureHashing.Column> cols = new java.util.ArrayList<>();
        for (int c = 0; c < NNZ; c++) {
            cols.add(new FeatureHashing.Column("c" + c, BITS - 5));
        }
        FeatureHashing h = new FeatureHashing(cols, 0);
        Preprocessing pre = new Preprocessing(h.names(), List.of(h), null);
        LinearPredictor hp = LinearPredictor.logistic(new LinearModel(0.1, java.util.Arrays.copyOf(beta, h.width()),
                pre.features(), null));
        hashedScorer = SparseScorer.of(hp, pre);
        Random r = new Random(7);
        int[] popular = new int[4096];
        for (int k = 0; k < popular.length; k++) {
            popular[k] = r.nextInt(n);
        }
        indices = new int[POOL][NNZ];
        values = new double[POOL][NNZ];
        categories = new String[POOL][NNZ];
        for (int i = 0; i < POOL; i++) {
            for (int k = 0; k < NNZ; k++) {
                boolean hot = features.equals("hot");
                indices[i][k] = hot ? popular[r.nextInt(popular.length)] : r.nextInt(n);
                values[i][k] = r.nextBoolean() ? 1 : -1;
                categories[i][k] = "token" + (hot ? r.nextInt(4096 / NNZ) : r.nextInt(100_000));
            }
        }
        noNumbers = new double[0];
    }

    @Benchmark
    public double indexed() {
        next = (next + 1) & (POOL - 1);
        return indexedScorer.score(indices[next], values[next], NNZ);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseTransparentHugePages"})
    public double indexedHugePages() {
        next = (next + 1) & (POOL - 1);
        return indexedScorer.score(indices[next], values[next], NNZ);
    }

    @Benchmark
    public double hashed() {
        next = (next + 1) & (POOL - 1);
        return hashedScorer.score(noNumbers, categories[next]);
    }
}
