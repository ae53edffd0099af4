package dev.linea.models.glm;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Chord steps in IRLS: once the decrement shrinks fast, steps reuse the kept factor of AᵀWA with a score pass (no
 * Gram); the certificate is still a fresh system's Newton decrement. Same optimum as plain Newton IRLS, fewer Grams.
 */
class IrlsChordTest {
    private static final int M = 4000;
    private static final int N = 8;

    /** The benchmark's model: X sums of three uniforms − 1.5, counts ~ Poisson(exp(0.3·(t − 1))). */
    private static double[][] data() {
        SplittableRandom r = new SplittableRandom(11);
        double[] x = new double[M * N];
        double[] y = new double[M];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() + r.nextDouble() + r.nextDouble() - 1.5;
        }
        for (int i = 0; i < M; i++) {
            double t = 1;
            for (int j = 0; j < N; j++) {
                t += ((j % 7) - 3) / 10.0 * x[i * N + j];
            }
            double l = Math.exp(-Math.exp(0.3 * (t - 1)));
            double p = 1;
            int c = -1;
            do {
                c++;
                p *= r.nextDouble();
            } while (p > l);
            y[i] = c;
        }
        return new double[][] {x, y};
    }

    /** Counts the passes; {@code score} false hides the score pass (every step a fresh system, as before chords). */
    private static final class Counting implements IrlsData {
        final LocalIrlsData rows;
        final boolean score;
        final boolean local;
        int systems;
        int gradients;

        Counting(LocalIrlsData rows, boolean score, boolean local) {
            this.rows = rows;
            this.score = score;
            this.local = local;
        }

        @Override
        public IrlsSums evaluate(double[] beta) {
            return rows.evaluate(beta);
        }

        @Override
        public IrlsSums workingSystem(double[] beta, IrlsSums at, boolean fisher) {
            systems++;
            return rows.workingSystem(beta, at, fisher);
        }

        @Override
        public double[] gradient(double[] beta, IrlsSums at) {
            if (!score) {
                return null;
            }
            gradients++;
            // local: the one-read score; else the interface's default (a full Fisher system), as a distributed fit
            return local ? rows.gradient(beta, at) : IrlsData.super.gradient(beta, at);
        }
    }

    private static Irls run(Backend b, Counting c, double lambda) {
        List<String> names = Collections.nCopies(N + 1, "c");
        Irls irls = new Irls(c, b, new Poisson(), Link.LOG, N + 1, true, lambda, c.rows.ybar(), names);
        irls.run(100, 1e-8);
        return irls;
    }

    @Test
    void chordStepsReachTheSameCertifiedOptimumWithFewerGrams() {
        Backend b = Backends.named("auto");
        double[][] d = data();
        for (double lambda : new double[] {0, 50}) {
            LocalIrlsData rows = new LocalIrlsData(b, new Poisson(), Link.LOG, M, N, d[0], 0, N, true, d[1], null,
                    null);
            Counting plain = new Counting(rows, false, true);
            Counting chord = new Counting(rows, true, true);
            Counting byDefault = new Counting(rows, true, false);
            Irls p = run(b, plain, lambda);
            Irls c = run(b, chord, lambda);
            Irls dflt = run(b, byDefault, lambda);
            assertThat(p.converged()).isTrue();
            assertThat(c.converged()).isTrue();
            assertThat(dflt.converged()).isTrue();
            assertThat(c.status()).as("lambda " + lambda).contains("chord step(s) on a kept AᵀWA");
            assertThat(chord.gradients).isPositive();
            assertThat(chord.systems).as("Grams with chords vs without, lambda " + lambda)
                    .isLessThan(plain.systems);
            // certified: the fresh system's decrement at the returned β
            assertThat(c.decrement()).isLessThanOrEqualTo(1e-8);
            assertThat(c.deviance()).isCloseTo(p.deviance(), within(1e-12 * p.deviance()));
            double[] bp = p.beta();
            double[] bc = c.beta();
            double[] bd = dflt.beta();
            for (int j = 0; j <= N; j++) {
                assertThat(bc[j]).as("beta " + j).isCloseTo(bp[j], within(1e-7));
                // the default score (AᵀW·z − AᵀWA·β from a full pass) takes the same path, to rounding
                assertThat(bd[j]).as("default-score beta " + j).isCloseTo(bc[j], within(1e-9));
            }
            assertThat(dflt.iterations()).isEqualTo(c.iterations());
        }
    }
}
