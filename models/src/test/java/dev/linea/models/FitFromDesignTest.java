package dev.linea.models;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.gd.GradientDescent;
import dev.linea.models.gd.GradientDescentOptions;
import dev.linea.models.glm.GeneralizedLinearModel;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.GlmResult;
import dev.linea.models.glm.Poisson;
import dev.linea.models.huber.HuberOptions;
import dev.linea.models.huber.HuberRegression;
import dev.linea.models.huber.HuberResult;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetCV;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.logistic.LogisticInference;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.LogisticResult;
import dev.linea.models.logistic.SoftmaxOptions;
import dev.linea.models.logistic.SoftmaxRegression;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.preprocessing.StandardScaler;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeCV;
import dev.linea.models.ridge.RidgeCVOptions;
import dev.linea.models.ridge.RidgeOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every estimator fits from a {@link Design}: {@code fit(Design.of(data, intercept))} is {@code fit(data)} to the
 * last bit; the IRLS GLM and Huber regression also fit from a view of rows inside a larger array (offset, leading
 * dimension) without copying them; a design the estimator cannot fit as given (another intercept, an affine map,
 * offsets it does not take) is refused, naming what it carries and what was expected.
 */
class FitFromDesignTest {
    private static final Backend B = Backends.named("scalar");

    /** m×3 regression data, y = 1 + x·(0.5, −1, 0.25) + noise, weights in [0.5, 1.5). */
    private static Dataset regression(int m, boolean weighted, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[m * 3];
        double[] y = new double[m];
        double[] w = weighted ? new double[m] : null;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = r.nextGaussian();
            }
            y[i] = 1 + 0.5 * x[i * 3] - x[i * 3 + 1] + 0.25 * x[i * 3 + 2] + 0.3 * r.nextGaussian();
            if (weighted) {
                w[i] = 0.5 + r.nextDouble();
            }
        }
        return Dataset.of(m, 3, x, y, w, List.of("a", "b", "c"), "y");
    }

    /** The same X with labels: 0/1 (binary) or 0/1/2 (classes). */
    private static Dataset labels(Dataset d, int classes) {
        double[] y = new double[d.rows()];
        for (int i = 0; i < y.length; i++) {
            double t = d.x(i, 0) - 0.5 * d.x(i, 1) + 0.3 * Math.sin(7 * i);
            y[i] = classes == 2 ? (t > 0 ? 1 : 0) : (t < -0.5 ? 0 : t < 0.5 ? 1 : 2);
        }
        return Dataset.of(d.rows(), d.cols(), d.copyX(), y, d.weightsUnsafe(), d.featureNames(), "label");
    }

    private static Dataset counts(Dataset d) {
        double[] y = new double[d.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.floor(Math.exp(0.3 * d.x(i, 0) - 0.2 * d.x(i, 2)) * (1 + (i % 3)));
        }
        return Dataset.of(d.rows(), d.cols(), d.copyX(), y, d.weightsUnsafe(), d.featureNames(), "count");
    }

    @Test
    void everyEstimatorFitsFromADesignAsFromItsDataset() {
        for (boolean weighted : new boolean[] {false, true}) {
            Dataset d = regression(200, weighted, 7);
            Design design = Design.of(d, true);
            assertThat(new LinearRegression(OlsOptions.defaults(), B).fit(design).model().coefficients())
                    .containsExactly(new LinearRegression(OlsOptions.defaults(), B).fit(d).model().coefficients());
            assertThat(new Ridge(RidgeOptions.defaults(), B).fit(design).model().coefficients())
                    .containsExactly(new Ridge(RidgeOptions.defaults(), B).fit(d).model().coefficients());
            assertThat(new RidgeCV(RidgeCVOptions.defaults(), B).fit(design).model().coefficients())
                    .containsExactly(new RidgeCV(RidgeCVOptions.defaults(), B).fit(d).model().coefficients());
            assertThat(new ElasticNet(ElasticNetOptions.lasso(), B).fit(design).coefficients(5))
                    .containsExactly(new ElasticNet(ElasticNetOptions.lasso(), B).fit(d).coefficients(5));
            assertThat(new ElasticNetCV(ElasticNetOptions.lasso(), 3, 1, B).fit(design).lambdaMin())
                    .isEqualTo(new ElasticNetCV(ElasticNetOptions.lasso(), 3, 1, B).fit(d).lambdaMin());
            assertThat(new GradientDescent(GradientDescentOptions.defaults(), B).fit(design).model().coefficients())
                    .containsExactly(new GradientDescent(GradientDescentOptions.defaults(), B).fit(d).model()
                            .coefficients());
            HuberResult hd = new HuberRegression(HuberOptions.defaults(), B).fit(design);
            assertThat(hd.model().coefficients())
                    .containsExactly(new HuberRegression(HuberOptions.defaults(), B).fit(d).model().coefficients());
            Dataset bin = labels(d, 2);
            assertThat(new LogisticRegression(LogisticOptions.defaults(), B).fit(Design.of(bin, true)).model()
                    .coefficients()).containsExactly(new LogisticRegression(LogisticOptions.defaults(), B).fit(bin)
                    .model().coefficients());
            Dataset three = labels(d, 3);
            assertThat(new SoftmaxRegression(SoftmaxOptions.defaults(), B).fit(Design.of(three, true)).model()
                    .intercepts()).containsExactly(new SoftmaxRegression(SoftmaxOptions.defaults(), B).fit(three)
                    .model().intercepts());
            Dataset c = counts(d);
            GlmResult g = new GeneralizedLinearModel(GlmOptions.of(new Poisson()), B).fit(Design.of(c, true));
            assertThat(g.params()).containsExactly(
                    new GeneralizedLinearModel(GlmOptions.of(new Poisson()), B).fit(c).params());
            assertThat(g.deviance()).isEqualTo(
                    new GeneralizedLinearModel(GlmOptions.of(new Poisson()), B).fit(c).deviance());
        }
    }

    @Test
    void glmAndHuberFitFromRowsInsideALargerArray() {
        Dataset d = counts(regression(150, false, 11));
        int m = d.rows();
        int n = d.cols();
        int ld = n + 2;
        int off = 5;
        double[] big = new double[off + m * ld];
        java.util.Arrays.fill(big, Double.NaN); // any value read outside the view would poison the fit
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                big[off + i * ld + j] = d.x(i, j);
            }
        }
        double[] offsets = new double[m];
        for (int i = 0; i < m; i++) {
            offsets[i] = 0.1 * (i % 4);
        }
        Design view = Design.ofRows(m, n, big, off, ld, d.yUnsafe(), null, true).withOffsets(offsets);
        GlmResult fromView = new GeneralizedLinearModel(GlmOptions.of(new Poisson()), B).fit(view);
        GlmResult fromData = new GeneralizedLinearModel(GlmOptions.of(new Poisson()), B).fit(d, offsets);
        double[] pv = fromView.params();
        double[] pd = fromData.params();
        for (int j = 0; j < pd.length; j++) {
            assertThat(pv[j]).isCloseTo(pd[j], within(1e-12 * Math.max(1, Math.abs(pd[j]))));
        }
        assertThat(fromView.nullDeviance()).isCloseTo(fromData.nullDeviance(), within(1e-9));

        Design plain = Design.ofRows(m, n, big, off, ld, d.yUnsafe(), null, true);
        double[] hv = new HuberRegression(HuberOptions.defaults(), B).fit(plain).model().coefficients();
        double[] hd = new HuberRegression(HuberOptions.defaults(), B).fit(d).model().coefficients();
        for (int j = 0; j < hd.length; j++) {
            assertThat(hv[j]).isCloseTo(hd[j], within(1e-12 * Math.max(1, Math.abs(hd[j]))));
        }
    }

    @Test
    void logisticInferenceFromADesignIsThatOfItsDataset() {
        Dataset bin = labels(regression(300, true, 3), 2);
        LogisticOptions o = LogisticOptions.defaults();
        LogisticResult r = new LogisticRegression(o, B).fit(bin);
        LogisticInference fromData = LogisticInference.of(bin, r.model(), o, B, 0.05);
        LogisticInference fromDesign = LogisticInference.of(Design.of(bin, true), r.model(), o, B, 0.05);
        assertThat(fromDesign.standardErrors()).containsExactly(fromData.standardErrors());
        assertThat(fromDesign.logLikelihood()).isEqualTo(fromData.logLikelihood());
        assertThatThrownBy(() -> LogisticInference.of(Design.of(bin, false), r.model(), o, B, 0.05))
                .hasMessageContaining("the design has intercept = false, expected intercept = true");
    }

    @Test
    void theScalerMapsADesignWithoutACopy() {
        Dataset d = regression(120, true, 5);
        StandardScaler scaler = StandardScaler.fit(d);
        Design mapped = scaler.apply(Design.of(d, true));
        assertThat(mapped.xUnsafe()).isSameAs(d.xUnsafe());
        Dataset z = scaler.transform(d);
        double[] viaMap = new double[9];
        double[] viaCopy = new double[9];
        mapped.gram(B, viaMap, 0, 3);
        Design.of(z, true).gram(B, viaCopy, 0, 3);
        for (int i = 0; i < 9; i++) {
            assertThat(viaMap[i]).isCloseTo(viaCopy[i], within(1e-12 * d.rows()));
        }
        assertThatThrownBy(() -> scaler.apply(mapped))
                .hasMessageContaining("the design already carries an affine map, expected none");
    }

    @Test
    void aDesignTheEstimatorCannotFitAsGivenIsRefused() {
        Dataset d = regression(50, false, 9);
        assertThatThrownBy(() -> new Ridge(RidgeOptions.defaults(), B).fit(Design.of(d, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the design has intercept = false, expected true (the fitIntercept of the "
                        + "ridge regression's options)");
        assertThatThrownBy(() -> new LinearRegression(OlsOptions.defaults(), B).fit(Design.of(d, true).centred()))
                .hasMessageContaining("the design carries an affine map (centre or scale), expected none");
        assertThatThrownBy(() -> new LinearRegression(OlsOptions.defaults(), B).fit(Design.of(d, true)
                .withOffsets(new double[50])))
                .hasMessageContaining("the design carries offsets, expected none: the linear regression takes no "
                        + "offsets");
        assertThatThrownBy(() -> new HuberRegression(HuberOptions.defaults(), B).fit(Design.of(d, true)
                .withOffsets(new double[50])))
                .hasMessageContaining("the design carries offsets, expected none");
        assertThatThrownBy(() -> new GeneralizedLinearModel(GlmOptions.of(new Poisson()), B)
                .fit(Design.of(counts(d), true).centred()))
                .hasMessageContaining("the design carries an affine map (centre or scale), expected none");
        double[] big = new double[3 + 50 * 4];
        assertThatThrownBy(() -> new Ridge(RidgeOptions.defaults(), B)
                .fit(Design.ofRows(50, 3, big, 3, 4, d.yUnsafe(), null, true)))
                .hasMessageContaining("the design's X starts at offset 3 with leading dimension 4, expected offset 0"
                        + " and leading dimension 3");
    }
}
