package dev.linea.models;

import dev.linea.kernels.Backends;
import dev.linea.models.gd.GradientDescent;
import dev.linea.models.gd.GradientDescentMode;
import dev.linea.models.gd.GradientDescentOptions;
import dev.linea.models.gd.GradientDescentResult;
import dev.linea.models.glm.GeneralizedLinearModel;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.Link;
import dev.linea.models.glm.Poisson;
import dev.linea.models.io.CsvDatasets;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.SoftmaxRegression;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.preprocessing.Preprocessing;
import dev.linea.models.logistic.SoftmaxModel;
import dev.linea.models.metrics.RegressionReport;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.scoring.NonFiniteScoreException;
import dev.linea.models.glm.Link;
import dev.linea.models.scoring.Scorer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/**
 * The models half of issue 13 ("no silent wrong answers"): one test per row of the "M" table in docs/errors.md
 * (the display name starts with the id). Each failed before its fix: a wrong answer with a success status, or a
 * misleading message.
 */
class WrongAnswerCatalogueTest {

    /** y = 1 + 2·x1 + 0.5·x2 + small noise, 40 rows. */
    private static Dataset line(double yScale) {
        int m = 40;
        double[] x = new double[2 * m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[2 * i] = i + 1;
            x[2 * i + 1] = (i * i) % 7;
            y[i] = yScale * (1 + 2 * (i + 1) + 0.5 * ((i * i) % 7) + (i % 3 == 0 ? 0.3 : -0.2));
        }
        return Dataset.of(m, 2, x, y);
    }

    @Test
    @DisplayName("M01 gradient descent with a tiny learning rate is not converged, in every mode, with advice")
    void m01() {
        for (GradientDescentMode mode : GradientDescentMode.values()) {
            GradientDescentResult r = new GradientDescent(GradientDescentOptions.defaults().withMode(mode)
                    .withLearningRate(1e-12).withMaxEpochs(50), Backends.named("scalar")).fit(line(1));
            assertThat(r.report().converged()).as(mode.name()).isFalse();
            assertThat(r.report().status()).as(mode.name())
                    .contains("without converging", "the learning rate η0 = 1e-12 is too small",
                            "of its starting value", "steps up to 1/L ≈", "raise it");
        }
        // the certificate is relative: a target of 1e-9 (gradient far below any absolute tolerance) converges to OLS
        Dataset small = line(1e-9);
        GradientDescentResult r = new GradientDescent(GradientDescentOptions.defaults().withMaxEpochs(100_000),
                Backends.named("scalar")).fit(small);
        assertThat(r.report().converged()).isTrue();
        assertThat(r.report().iterations()).isGreaterThan(1);
        double ols = new LinearRegression().fit(small).model().coefficient(0);
        assertThat(r.model().coefficient(0)).isCloseTo(ols, offset(1e-6 * Math.abs(ols)));
    }

    @Test
    @DisplayName("M02 duplicate column names are rejected when the data are read, naming both positions")
    void m02() {
        assertThatThrownBy(() -> CsvDatasets.read(new java.io.StringReader("x1,x1,y\n1,2,3\n4,5,5\n"),
                CsvDatasets.Spec.target("y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("columns 1 and 2 of the header are both named 'x1', expected distinct");
        // the target twice is not "one target and one feature"
        assertThatThrownBy(() -> CsvDatasets.read(new java.io.StringReader("x1,y,y\n1,2,3\n4,5,5\n"),
                CsvDatasets.Spec.target("y")))
                .hasMessageContaining("columns 2 and 3 of the header are both named 'y'");
        // one column, two roles
        assertThatThrownBy(() -> CsvDatasets.read(new java.io.StringReader("x1,y\n1,2\n"),
                new CsvDatasets.Spec("y", "y", List.of())))
                .hasMessageContaining("the weights column 'y' is the target column, expected another column");
        assertThatThrownBy(() -> CsvDatasets.read(new java.io.StringReader("x1,y\n1,2\n"),
                new CsvDatasets.Spec("y", null, List.of("y"))))
                .hasMessageContaining("column 'y' is both excluded and the target column");
        // scoring reads columns by name too
        assertThatThrownBy(() -> CsvDatasets.readFeatures(new java.io.StringReader("a, a\n1,2\n"), List.of("a"),
                "p.csv")).hasMessageContaining("p.csv: columns 1 and 2 of the header are both named 'a'");
        assertThatThrownBy(() -> Dataset.of(2, 2, new double[] {1, 2, 3, 4}, new double[] {1, 2}, null,
                List.of("a", "a"), "y"))
                .hasMessageContaining("features 1 and 2 (1-based) are both named 'a', expected distinct");
    }

    private static final String MODEL = ModelFiles.toJson(new LinearModel(1, new double[] {2, 3},
            List.of("a", "b"), null), "y", 3);

    @Test
    @DisplayName("M03 implausible model files: a family/link pair no estimator fits, duplicate features, bad classes")
    void m03() {
        assertThatThrownBy(() -> ModelFiles.parse(MODEL.replace("\"gaussian\"", "\"binomial\""), "m.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m.json: 'link' is 'identity' for the binomial family, expected 'logit'");
        assertThatThrownBy(() -> ModelFiles.parse(MODEL.replace("\"identity\"", "\"logit\""), "m.json"))
                .hasMessageContaining("'link' is 'logit' for the gaussian family, expected one of [identity, log,"
                        + " inverse]");
        assertThatThrownBy(() -> ModelFiles.parse(MODEL.replace("\"b\" ]", "\"a\" ]"), "m.json"))
                .hasMessageContaining("'features' has 'a' twice, at features[0] and features[1], expected distinct");
        String soft = ModelFiles.toJson(new SoftmaxPredictor(new SoftmaxModel(new double[][] {{1, 2}, {3, 4}, {5, 6}},
                new double[] {0, 1, 2}, List.of("a", "b"), null)), Preprocessing.none(List.of("a", "b")), "y", 9);
        assertThat(((SoftmaxPredictor) ModelFiles.parse(soft, "s.json").predictor()).classCount()).isEqualTo(3);
        assertThatThrownBy(() -> ModelFiles.parse(soft.replace("\"classes\" : 3", "\"classes\" : 5"), "s.json"))
                .hasMessageContaining("s.json: 'classes' is 5, expected 3 (one per row of 'intercepts'");
        assertThatThrownBy(() -> ModelFiles.parse(soft.replace("\"b\" ]", "\"a\" ]"), "s.json"))
                .hasMessageContaining("'features' has 'a' twice");
        // non-finite numbers: a NaN token (Jackson's hint about its parser features must not leak) and 1e400
        assertThatThrownBy(() -> ModelFiles.parse(MODEL.replace("\"intercept\" : 1.0", "\"intercept\" : NaN"),
                "m.json"))
                .hasMessageContaining("line 9, column").hasMessageContaining("'NaN' is not a JSON number, expected a"
                        + " finite number")
                .hasMessageNotContaining("ALLOW_NON_NUMERIC_NUMBERS").hasMessageNotContaining("Source");
        assertThatThrownBy(() -> ModelFiles.parse(MODEL.replace("2.0,", "1e400,"), "m.json"))
                .hasMessageContaining("'coefficients[0]' is a number beyond the double range (|x| > 1.8e308), expected a"
                        + " finite number");
    }

    @Test
    @DisplayName("M04 a valid model whose inverse link overflows on a finite row names the row instead of scoring ∞")
    void m04() {
        LinearModel poisson = new LinearModel(0, new double[] {1}, List.of("x"), null);
        Scorer scorer = Scorer.of(new LinearPredictor(poisson, Link.LOG, Distribution.POISSON));
        double[] out = new double[3];
        scorer.scoreFinite(new double[] {1, 2, 3}, 0, 3, out, 0);
        assertThat(out[2]).isCloseTo(Math.exp(3), offset(1e-12));
        assertThatThrownBy(() -> scorer.scoreFinite(new double[] {1, 800, 3}, 0, 3, out, 0))
                .isInstanceOf(NonFiniteScoreException.class).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("row 2 (1-based) scores Infinity: the linear predictor η = 800.0 gives e^η = "
                        + "Infinity");
        assertThatThrownBy(() -> Scorer.of(new LinearModel(0, new double[] {1e300}, List.of("x"), null))
                .scoreFinite(new double[] {1e10}, 0, 1, out, 0))
                .hasMessageContaining("row 1 (1-based) scores Infinity: its linear predictor b + xᵀβ is Infinity");
    }

    @Test
    @DisplayName("M05 R² of a constant target is NaN on every path; targets of 1e-310 and 1e300 get their true R²")
    void m05() {
        Dataset constant = Dataset.of(4, 1, new double[] {1, 2, 3, 4}, new double[] {5, 5, 5, 5});
        var ols = new LinearRegression().fit(constant);
        assertThat(RegressionReport.of(constant.copyY(), fitted(ols.model(), constant), null, 1).r2()).isNaN();
        assertThat(RegressionReport.of(constant.copyY(), fitted(ols.model(), constant), null, 1).adjustedR2())
                .isNaN();
        assertThat(ols.inference().rSquared()).isNaN();

        // halves and integers: exact at every power-of-two scale, subnormal included, so R² must not move
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        double[] y = {3, 5.5, 6, 9.5, 11, 12, 15.5, 16};
        double expected = squaredCorrelation(x, y);
        assertThat(expected).isCloseTo(0.98, offset(0.02)).isLessThan(1);
        for (int e : new int[] {0, -1030, 1000, 1015}) {
            double[] ys = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                ys[i] = Math.scalb(y[i], e);
            }
            Dataset d = Dataset.of(8, 1, x, ys);
            var fit = new LinearRegression().fit(d);
            assertThat(fit.inference().rSquared()).as("inference R² at 2^%d", e).isCloseTo(expected, offset(1e-12));
            RegressionReport rep = RegressionReport.of(ys, fitted(fit.model(), d), null, 1);
            assertThat(rep.r2()).as("metrics R² at 2^%d", e).isCloseTo(expected, offset(1e-12));
            assertThat(Math.scalb(rep.rmse(), -e)).as("RMSE at 2^%d", e).isCloseTo(
                    RegressionReport.of(y, fitted(new LinearRegression().fit(Dataset.of(8, 1, x, y)).model(),
                            Dataset.of(8, 1, x, y)), null, 1).rmse(), offset(1e-12));
        }
    }

    private static double[] fitted(LinearModel model, Dataset d) {
        double[] out = new double[d.rows()];
        model.predict(d.rows(), d.copyX(), 0, d.cols(), out, 0);
        return out;
    }

    /** r² = (Σ(x − x̄)(y − ȳ))² / (Σ(x − x̄)²·Σ(y − ȳ)²): R² of a one-feature fit with intercept, in closed form. */
    private static double squaredCorrelation(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy * sxy / (sxx * syy);
    }

    @Test
    @DisplayName("M06 messages: the l1 ratio by its name, label rows 1-based, the classes found listed")
    void m06() {
        assertThatThrownBy(() -> ElasticNetOptions.elasticNet(2))
                .hasMessage("l1_ratio is 2.0 (the l1 share of the penalty: --l1-ratio, glmnet's alpha), expected a"
                        + " value in [0, 1]");
        Dataset labels = Dataset.of(4, 1, new double[] {1, 2, 3, 4}, new double[] {0, 1, 2, 1});
        assertThatThrownBy(() -> new LogisticRegression().fit(labels))
                .hasMessage("y has 2.0 at row 3 (1-based), expected a binary label 0 or 1");
        Dataset onlyOne = Dataset.of(4, 1, new double[] {1, 2, 3, 4}, new double[] {1, 1, 1, 1});
        assertThatThrownBy(() -> new LogisticRegression().fit(onlyOne))
                .hasMessage("y has no row of class 0: the classes found are 1 (4 rows), expected every class 0 to 1"
                        + " to occur (binary logistic regression needs rows of both 0 and 1)");
        Dataset gap = Dataset.of(4, 1, new double[] {1, 2, 3, 4}, new double[] {0, 1, 1, 3});
        assertThatThrownBy(() -> new SoftmaxRegression().fit(gap))
                .hasMessage("y has no row of class 2: the classes found are 0 (1 row), 1 (2 rows), 3 (1 row), expected"
                        + " every class 0 to 3 to occur (K = 4 classes, from the largest label 3)");
        assertThatThrownBy(() -> new GeneralizedLinearModel(GlmOptions.of(new Poisson()))
                .fit(Dataset.of(3, 1, new double[] {1, 2, 3}, new double[] {1, -1, 2})))
                .hasMessageContaining("y has -1.0 at row 2 (1-based), expected a count >= 0");
    }

    @Test
    @DisplayName("M07 Poisson with the identity link: the mean at the domain's edge is the cause, not a column")
    void m07() {
        double[] x = {0, 1, 1, 0, 2, 3, 3, 1, 4, 2, 5, 0, 6, 1, 7, 1};
        double[] y = {0, 0, 0, 1, 10, 20, 30, 0};
        Dataset d = Dataset.of(8, 2, x, y);
        assertThatThrownBy(() -> new GeneralizedLinearModel(GlmOptions.of(new Poisson()).withLink(Link.IDENTITY))
                .fit(d))
                .isInstanceOf(FitException.class)
                .hasMessageContaining("has reached the edge of the Poisson family's domain: with the identity link the"
                        + " best fit wants a mean μ <= 0 there")
                .hasMessageContaining("(not a dependent column); use the Poisson family's own link, log")
                .hasMessageNotContaining("is a combination of the earlier ones");
        // the log link fits the same data
        assertThat(new GeneralizedLinearModel(GlmOptions.of(new Poisson())).fit(d).report().converged()).isTrue();
    }
}
