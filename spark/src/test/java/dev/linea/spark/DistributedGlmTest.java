package dev.linea.spark;

import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.FitException;
import dev.linea.models.glm.Family;
import dev.linea.models.glm.Gamma;
import dev.linea.models.glm.Gaussian;
import dev.linea.models.glm.GeneralizedLinearModel;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.GlmResult;
import dev.linea.models.glm.Link;
import dev.linea.models.glm.Poisson;
import dev.linea.models.glm.Tweedie;
import dev.linea.models.inference.CoefficientStats;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.ridge.RidgeOptions;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Distributed GLM IRLS equals the single-machine {@link GeneralizedLinearModel} on the same rows, whatever the
 * partitioning (uneven, empty partitions), with weights, intercept and penalty, for Poisson, Gamma (log and
 * inverse links), Tweedie and Gaussian. Both run the same iterations (the same start, weights and stopping rule;
 * the sums differ only in their order), so the tolerances are tight: 1e-9 relative (to 1 + |value|) on the
 * parameters, 1e-9 relative on the deviance, null deviance, Pearson χ², dispersion, log-likelihood and the loss
 * history, 1e-7 relative on standard errors; the same iteration count.
 */
class DistributedGlmTest {
    private static final double REL = 1e-9;

    /** Rows with x in [0, 2) and a response of the family with mean μ = g⁻¹(η). */
    static Dataset data(int m, int n, boolean weighted, Family family, Link link, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[m * n];
        double[] y = new double[m];
        double[] w = weighted ? new double[m] : null;
        for (int i = 0; i < m; i++) {
            double eta = link == Link.INVERSE ? 1.0 : link == Link.LOG ? 0.3 : 2.0;
            for (int j = 0; j < n; j++) {
                double v = 2 * r.nextDouble();
                x[i * n + j] = v;
                eta += (link == Link.INVERSE ? 0.15 : 0.4) * (j % 2 == 0 ? 1 : -0.5) * v / (1 + j);
            }
            double mu = link.inverse(eta);
            y[i] = switch (family) {
                case Poisson p -> poisson(r, mu);
                case Gamma g -> mu * (r.nextExponential() + r.nextExponential()) / 2;
                case Tweedie t -> r.nextDouble() < 0.2 ? 0 : mu * (r.nextExponential() + r.nextExponential()) / 2;
                case Gaussian g -> mu + r.nextGaussian();
            };
            if (w != null) {
                w[i] = i % 11 == 0 ? 0 : 0.5 + 1.5 * r.nextDouble();
            }
        }
        return Dataset.of(m, n, x, y, w, null, "label");
    }

    private static double poisson(SplittableRandom r, double mu) {
        double l = Math.exp(-mu);
        int k = 0;
        double p = r.nextDouble();
        while (p > l) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }

    static void close(double got, double expected, double rel, String what) {
        assertThat(got).as(what).isCloseTo(expected, within(rel * (1 + Math.abs(expected))));
    }

    /** Fits both ways and compares everything the two results share. */
    static DistributedGlmResult assertSameFit(Dataset d, DistributedData dd, GlmOptions o) {
        return assertSameFit(d, null, dd, o);
    }

    /** {@link #assertSameFit(Dataset, DistributedData, GlmOptions)} with the single machine given {@code offset}. */
    static DistributedGlmResult assertSameFit(Dataset d, double[] offset, DistributedData dd, GlmOptions o) {
        DistributedGlmResult got = new DistributedGlm(o).fit(dd);
        GlmResult expected = new GeneralizedLinearModel(o, Backends.named("vector")).fit(d, offset);
        double[] p = got.statistics().params();
        double[] e = expected.params();
        assertThat(p).hasSameSizeAs(e);
        for (int j = 0; j < e.length; j++) {
            close(p[j], e[j], REL, "parameter " + j);
        }
        assertThat(got.statistics().paramNames()).isEqualTo(expected.paramNames());
        close(got.linearPredictor().intercept(), expected.intercept(), REL, "intercept");
        close(got.statistics().deviance(), expected.deviance(), REL, "deviance");
        close(got.statistics().nullDeviance(), expected.nullDeviance(), REL, "null deviance");
        close(got.statistics().pearsonChi2(), expected.pearsonChi2(), REL, "Pearson chi2");
        close(got.statistics().dispersion(), expected.dispersion(), REL, "dispersion");
        if (Double.isNaN(expected.logLikelihood())) {
            assertThat(got.statistics().logLikelihood()).isNaN();
        } else {
            close(got.statistics().logLikelihood(), expected.logLikelihood(), REL, "log-likelihood");
            close(got.statistics().aic(), expected.aic(), REL, "AIC");
        }
        close(got.statistics().dfResid(), expected.dfResid(), 1e-12, "df_resid");
        List<CoefficientStats> cs = got.statistics().coefficients();
        List<CoefficientStats> ce = expected.coefficients();
        for (int j = 0; j < ce.size(); j++) {
            if (Double.isNaN(ce.get(j).stdError())) {
                assertThat(cs.get(j).stdError()).isNaN();
            } else {
                close(cs.get(j).stdError(), ce.get(j).stdError(), 1e-7, "se " + j);
            }
        }
        assertThat(got.iterations()).isEqualTo(expected.iterations());
        assertThat(got.converged()).isEqualTo(expected.converged());
        double[] hg = got.report().lossHistory();
        double[] he = expected.report().lossHistory();
        assertThat(hg).hasSameSizeAs(he);
        for (int i = 0; i < he.length; i++) {
            close(hg[i], he[i], REL, "history " + i);
        }
        // the same certificate as on one machine (the relative Newton decrement of the same IRLS)
        assertThat(got.report().certificate().kind()).isEqualTo(expected.report().certificate().kind());
        assertThat(got.report().certificate().met()).isEqualTo(expected.report().certificate().met());
        double[] row = new double[d.cols()];
        for (int j = 0; j < row.length; j++) {
            row[j] = d.x(3, j);
        }
        close(got.predict(row), expected.predict(row), REL, "predict");
        assertThat(got.rows()).isEqualTo(d.rows());
        assertThat(got.report().notes()).anyMatch(s -> s.startsWith("distributed: " + got.passes() + " pass(es) over "
                + d.rows() + " rows"));
        return got;
    }

    static DistributedData distributed(Dataset d, int partitions) {
        DistributedData dd = DistributedData.fromVectorColumn(
                LocalSpark.frame(d, LocalSpark.uneven(d.rows(), partitions)), "features", "label").withBlockRows(90);
        return d.weighted() ? dd.withWeights("weight") : dd;
    }

    @Test
    void poissonWithWeightsInterceptAndUnevenPartitions() {
        Dataset d = data(1013, 5, true, new Poisson(), Link.LOG, 1);
        DistributedGlmResult got = assertSameFit(d, distributed(d, 5), GlmOptions.of(new Poisson()));
        assertThat(got.converged()).isTrue();
        assertThat(got.report().status()).startsWith("relative change of the deviance");
        assertThat(got.report().notes()).contains("family Poisson, link log, alpha = 0.0, intercept as a ones column")
                .contains("blocks cached (memory and disk) for the duration of the fit, released afterwards");
        assertThat(got.statistics().unscaledCovariance()).hasSize(36);
    }

    @Test
    void gammaWithLogAndInverseLinks() {
        Dataset d = data(700, 3, true, new Gamma(), Link.LOG, 2);
        assertSameFit(d, distributed(d, 4), GlmOptions.of(new Gamma()).withLink(Link.LOG));
        Dataset inv = data(500, 3, false, new Gamma(), Link.INVERSE, 3);
        DistributedData cached = distributed(inv, 3).cache();
        try {
            DistributedGlmResult got = assertSameFit(inv, cached, GlmOptions.of(new Gamma()));
            assertThat(got.link()).isEqualTo(Link.INVERSE);
            assertThat(got.report().notes()).contains("blocks already cached by the caller (DistributedData.cache()),"
                    + " kept");
        } finally {
            cached.unpersist();
        }
    }

    @Test
    void tweedieWithPenaltyAndGaussianWithoutIntercept() {
        Dataset d = data(600, 4, true, new Tweedie(1.5), Link.LOG, 4);
        DistributedGlmResult tw = assertSameFit(d, distributed(d, 3), GlmOptions.of(new Tweedie(1.5)).withAlpha(0.01));
        assertThat(tw.statistics().unscaledCovariance()).isNull();
        assertThat(tw.report().status()).startsWith("relative change of the penalized deviance");
        Dataset g = data(300, 3, false, new Gaussian(), Link.IDENTITY, 5);
        assertSameFit(g, distributed(g, 4), GlmOptions.of(new Gaussian()).withIntercept(false));
    }

    /**
     * Non-canonical links whose observed information is not positive everywhere: Gaussian with the log link and
     * Poisson with the identity link fall back to Fisher scoring (one more pass at those iterations).
     */
    @Test
    void fisherScoringFallbackForNonCanonicalLinks() {
        Dataset g = data(500, 3, true, new Gaussian(), Link.LOG, 8);
        DistributedGlmResult gl = assertSameFit(g, distributed(g, 3), GlmOptions.of(new Gaussian()).withLink(Link.LOG));
        Dataset p = data(500, 3, false, new Poisson(), Link.IDENTITY, 9);
        DistributedGlmResult pi = assertSameFit(p, distributed(p, 4),
                GlmOptions.of(new Poisson()).withLink(Link.IDENTITY));
        System.out.println("Gaussian log: " + gl.report() + "\nPoisson identity: " + pi.report());
        assertThat(gl.passes()).isGreaterThan(gl.iterations() + 3);
    }

    /** The single machine's domain cases (GlmValidationTest): halving towards the intercept-only fit, failures. */
    @Test
    void stepHalvingAndDomainFailuresAsOnOneMachine() {
        Dataset d = Dataset.of(8, 1, new double[] {0, 1, 2, 3, 4, 5, 6, 7}, new double[] {1, 2, 1, 2, 1, 3, 30, 40});
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, 3, 0, 5), "features", "label");
        DistributedGlmResult got = assertSameFit(d, dd, GlmOptions.of(new Poisson()).withLink(Link.IDENTITY));
        assertThat(got.converged()).isTrue();
        assertThat(got.report().notes()).anyMatch(s -> s.startsWith("the first IRLS step left the domain (μ = ")
                && s.endsWith("): halved towards the intercept-only fit"));

        double[] x = new double[16];
        for (int i = 0; i < 8; i++) {
            x[2 * i] = 1;
            x[2 * i + 1] = i;
        }
        Dataset noIcpt = Dataset.of(8, 2, x, new double[] {0, 0, 0, 0, 0, 0, 30, 40});
        DistributedData dn = DistributedData.fromVectorColumn(LocalSpark.frame(noIcpt, 4, 4), "features", "label");
        assertThatThrownBy(() -> new DistributedGlm(GlmOptions.of(new Poisson()).withLink(Link.IDENTITY)
                .withIntercept(false)).fit(dn))
                .isInstanceOf(FitException.class)
                .hasMessageStartingWith("GLM fit failed: the first IRLS step gives a mean outside the Poisson family's"
                        + " domain (μ = ")
                .hasMessageContaining("at partition 0, row 0)");

        Dataset negative = Dataset.of(6, 1, new double[] {1, 2, 3, 4, 5, 6}, new double[] {-1, -2, -3, -2, -4, -1});
        DistributedData dneg = DistributedData.fromVectorColumn(LocalSpark.frame(negative, 6), "features", "label");
        assertThatThrownBy(() -> new DistributedGlm(GlmOptions.of(new Gaussian()).withLink(Link.LOG)).fit(dneg))
                .isInstanceOf(FitException.class)
                .hasMessageStartingWith("GLM fit failed: no valid starting mean: (y + ȳ)/2 = -1.5833333333333333 at partition 0,"
                        + " row 0 and ȳ = -2.1666666666666665 are outside the domain of the Gaussian family with the"
                        + " log link")
                .satisfies(e -> assertThat(((FitException) e).report().converged()).isFalse());
    }

    @Test
    void notConvergedIsReportedAsOnOneMachine() {
        Dataset d = data(400, 3, false, new Gamma(), Link.LOG, 6);
        GlmOptions o = GlmOptions.of(new Gamma()).withLink(Link.LOG).withMaxIterations(2);
        DistributedGlmResult got = assertSameFit(d, distributed(d, 2), o);
        assertThat(got.converged()).isFalse();
        assertThat(got.iterations()).isEqualTo(2);
        assertThat(got.report().status()).isEqualTo("iteration limit 2 reached");
        assertThat(got.report().notes()).contains("WARNING: not converged: iteration limit 2 reached");
    }

    @Test
    void badLabelsAndDependentColumnsAreNamed() {
        Dataset d = data(60, 2, false, new Poisson(), Link.LOG, 7);
        double[] y = d.copyY();
        y[25] = -1;
        Dataset neg = Dataset.of(60, 2, d.copyX(), y);
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(neg, 20, 0, 40), "features", "label");
        assertThatThrownBy(() -> new DistributedGlm(GlmOptions.of(new Poisson())).fit(dd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partition 2, row 5: label 'label' is -1.0, expected a count >= 0 for the Poisson family");
        double[] x = new double[60 * 3];
        for (int i = 0; i < 60; i++) {
            x[i * 3] = d.x(i, 0);
            x[i * 3 + 1] = d.x(i, 1);
            x[i * 3 + 2] = 2 * d.x(i, 0) - d.x(i, 1);
        }
        Dataset dep = Dataset.of(60, 3, x, d.copyY());
        DistributedData ddep = DistributedData.fromVectorColumn(LocalSpark.frame(dep, 30, 30), "features", "label");
        assertThatThrownBy(() -> new GeneralizedLinearModel(GlmOptions.of(new Poisson()), Backends.named("vector"))
                .fit(dep)).isInstanceOf(FitException.class).hasMessageContaining("column 'x3'");
        assertThatThrownBy(() -> new DistributedGlm(GlmOptions.of(new Poisson())).fit(ddep))
                .isInstanceOf(FitException.class)
                .hasMessageStartingWith("GLM fit failed: the weighted Gram matrix")
                .hasMessageContaining("column 'x3'");
    }

    /**
     * Claims with exposure t_i in [0.2, 5): y ~ Poisson(t·μ(x)), fitted with the offset log t (and weights), so that
     * the coefficients are those of μ(x); the offsets are also nonzero, so the null deviance needs its own IRLS.
     */
    static Dataset exposureData(int m, int n, boolean weighted, double[] exposure, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[m * n];
        double[] y = new double[m];
        double[] w = weighted ? new double[m] : null;
        for (int i = 0; i < m; i++) {
            double eta = -0.5;
            for (int j = 0; j < n; j++) {
                double v = 2 * r.nextDouble();
                x[i * n + j] = v;
                eta += 0.4 * (j % 2 == 0 ? 1 : -0.5) * v / (1 + j);
            }
            exposure[i] = 0.2 + 4.8 * r.nextDouble();
            y[i] = poisson(r, exposure[i] * Math.exp(eta));
            if (w != null) {
                w[i] = i % 11 == 0 ? 0 : 0.5 + 1.5 * r.nextDouble();
            }
        }
        return Dataset.of(m, n, x, y, w, null, "label");
    }

    static DistributedData withOffsets(Dataset d, double[] offset, int... partitionSizes) {
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, offset, partitionSizes), "features",
                "label").withBlockRows(90).withOffset("offset");
        return d.weighted() ? dd.withWeights("weight") : dd;
    }

    @Test
    void poissonWithLogExposureOffsetWeightsAndUnevenPartitions() {
        double[] exposure = new double[1013];
        Dataset d = exposureData(1013, 4, true, exposure, 11);
        double[] offset = GeneralizedLinearModel.logExposure(exposure);
        DistributedData dd = withOffsets(d, offset, LocalSpark.uneven(d.rows(), 5));
        assertThat(dd.offsetColumn()).isEqualTo("offset");
        DistributedGlmResult got = assertSameFit(d, offset, dd, GlmOptions.of(new Poisson()));
        assertThat(got.converged()).isTrue();
        assertThat(got.report().notes()).contains("offset column 'offset': 1013 row(s) with a nonzero offset")
                .anyMatch(s -> s.startsWith("null deviance: intercept-only IRLS with the offsets, "));
        // The offsets matter: without them the fit is another one.
        GlmResult without = new GeneralizedLinearModel(GlmOptions.of(new Poisson()), Backends.named("vector")).fit(d);
        assertThat(Math.abs(got.statistics().params()[0] - without.params()[0])).isGreaterThan(0.1);
        assertThat(got.statistics().nullDeviance()).isNotCloseTo(without.nullDeviance(), within(1.0));
    }

    /** Offsets with a penalty, without intercept, on cached data; an all-zero offset column (null deviance at ȳ). */
    @Test
    void offsetsWithGammaPenaltyNoInterceptCachedAndAllZero() {
        Dataset g = data(600, 3, true, new Gamma(), Link.LOG, 12);
        double[] offset = new double[g.rows()];
        SplittableRandom r = new SplittableRandom(13);
        for (int i = 0; i < offset.length; i++) {
            offset[i] = r.nextDouble() - 0.5;
        }
        DistributedData cached = withOffsets(g, offset, 200, 0, 150, 250).cache();
        try {
            assertSameFit(g, offset, cached, GlmOptions.of(new Gamma()).withLink(Link.LOG).withAlpha(0.01));
            assertSameFit(g, offset, cached, GlmOptions.of(new Gamma()).withLink(Link.LOG).withIntercept(false));
        } finally {
            cached.unpersist();
        }
        Dataset p = data(300, 2, false, new Poisson(), Link.LOG, 14);
        double[] zeros = new double[p.rows()];
        DistributedGlmResult got = assertSameFit(p, zeros, withOffsets(p, zeros, 100, 200),
                GlmOptions.of(new Poisson()));
        assertThat(got.report().notes()).contains("offset column 'offset': 0 row(s) with a nonzero offset")
                .noneMatch(s -> s.startsWith("null deviance"));
    }

    @Test
    void badOffsetsAreNamedWithPartitionAndRow() {
        Dataset d = data(60, 2, false, new Poisson(), Link.LOG, 15);
        for (Object bad : new Object[] {Double.NaN, Double.POSITIVE_INFINITY, null}) {
            List<List<Row>> parts = new ArrayList<>();
            int i = 0;
            for (int size : new int[] {20, 0, 40}) {
                List<Row> part = new ArrayList<>();
                for (int k = 0; k < size; k++, i++) {
                    part.add(LocalSpark.withValue(LocalSpark.row(d, i), i == 25 ? bad : (Object) 0.25));
                }
                parts.add(part);
            }
            DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frameOf(parts, false, true), "features",
                    "label").withOffset("offset");
            assertThatThrownBy(() -> new DistributedGlm(GlmOptions.of(new Poisson())).fit(dd))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("partition 2, row 5: offset 'offset' is "
                            + (bad == null ? "null" : bad + ", expected a finite number"));
        }
        assertThatThrownBy(() -> DistributedData.fromVectorColumn(LocalSpark.frame(d, 60), "features", "label")
                .withOffset("exposure"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no column 'exposure' in the data");
        assertThatThrownBy(() -> DistributedData.fromVectorColumn(LocalSpark.frame(d, 60), "features", "label")
                .withOffset("features"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("offset column 'features' is of type vector, expected a numeric type");
    }

    /** The estimators without offsets refuse such data, naming themselves and the column, before any job. */
    @Test
    void estimatorsWithoutOffsetsRefuseThem() {
        double[] exposure = new double[50];
        Dataset d = exposureData(50, 2, false, exposure, 16);
        DistributedData dd = withOffsets(d, GeneralizedLinearModel.logExposure(exposure), 20, 30);
        String tail = " does not support offsets, but the data have the offset column 'offset'"
                + " (DistributedData.withOffset); only DistributedGlm uses offsets: fit data without withOffset";
        assertThatThrownBy(() -> new DistributedLinearRegression().fit(dd))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("DistributedLinearRegression" + tail);
        assertThatThrownBy(() -> new DistributedRidge(RidgeOptions.defaults()).fit(dd))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("DistributedRidge" + tail);
        assertThatThrownBy(() -> DistributedRidge.moments(dd))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("DistributedRidge" + tail);
        assertThatThrownBy(() -> new DistributedElasticNet(ElasticNetOptions.lasso()).fit(dd))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("DistributedElasticNet" + tail);
        assertThatThrownBy(() -> new DistributedLogisticRegression(LogisticOptions.defaults()).fit(dd))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("DistributedLogisticRegression" + tail);
        assertThatThrownBy(() -> new DistributedElasticNetCV(ElasticNetOptions.lasso(), 3, 1).fit(dd))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("DistributedElasticNetCV" + tail);
    }
}
