package dev.linea.models.io;

import dev.linea.models.Dataset;
import dev.linea.models.Distribution;
import dev.linea.models.FittedModel;
import dev.linea.models.LinearPredictor;
import dev.linea.models.Predictor;
import dev.linea.models.SoftmaxPredictor;
import dev.linea.models.gd.GradientDescent;
import dev.linea.models.gd.GradientDescentOptions;
import dev.linea.models.glm.Gamma;
import dev.linea.models.glm.GeneralizedLinearModel;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.GlmResult;
import dev.linea.models.glm.Link;
import dev.linea.models.glm.Poisson;
import dev.linea.models.glm.Tweedie;
import dev.linea.models.huber.HuberRegression;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetCV;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.SoftmaxRegression;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.preprocessing.PolynomialFeatures;
import dev.linea.models.preprocessing.Preprocessing;
import dev.linea.models.preprocessing.StandardScaler;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeCV;
import dev.linea.models.scoring.Scorer;
import dev.linea.models.scoring.SoftmaxScorer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every model type: fit → {@code predictor()} → save → load → score gives the in-memory predictions, with no
 * rebuilding (no LinearModel made by hand, no link spelled as a string).
 */
class ModelRoundTripTest {
    private static final int M = 240;
    private static final List<String> NAMES = List.of("a", "b", "c");

    /** Rows of three features; the target depends on the link under test. */
    private static double[] features(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[M * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-1, 1) * (1 + i % 3);
        }
        return x;
    }

    private static Dataset data(String kind) {
        double[] x = features(17);
        double[] y = new double[M];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < M; i++) {
            double eta = 0.3 + 0.5 * x[3 * i] - 0.2 * x[3 * i + 1] + 0.1 * x[3 * i + 2];
            y[i] = switch (kind) {
                case "gaussian" -> eta + 0.1 * r.nextGaussian();
                case "counts" -> Math.floor(Math.exp(eta) + r.nextDouble() * 2);
                case "positive" -> Math.exp(eta) * (0.5 + r.nextDouble());
                case "binary" -> r.nextDouble() < 1 / (1 + Math.exp(-2 * eta)) ? 1 : 0;
                case "classes" -> eta < 0 ? 0 : eta < 0.6 ? 1 : 2;
                default -> throw new IllegalArgumentException(kind);
            };
        }
        return Dataset.of(M, 3, x, y, null, NAMES, "y");
    }

    private static Map<String, FittedModel> fits() {
        Dataset g = data("gaussian");
        Map<String, FittedModel> fits = new LinkedHashMap<>();
        fits.put("ols", new LinearRegression().fit(g));
        fits.put("ridge", new Ridge().fit(g));
        fits.put("ridgecv", new RidgeCV().fit(g));
        fits.put("lasso at one λ", new ElasticNet(ElasticNetOptions.lasso().withLambdas(new double[] {0.01})).fit(g));
        fits.put("elastic net CV", new ElasticNetCV(ElasticNetOptions.elasticNet(0.5), 5, 1).fit(g));
        fits.put("huber", new HuberRegression().fit(g));
        fits.put("gd", new GradientDescent(GradientDescentOptions.defaults()).fit(g));
        fits.put("poisson", new GeneralizedLinearModel(GlmOptions.of(new Poisson())).fit(data("counts")));
        fits.put("gamma (inverse link)", new GeneralizedLinearModel(GlmOptions.of(new Gamma())).fit(data("positive")));
        fits.put("gamma (log link)", new GeneralizedLinearModel(GlmOptions.of(new Gamma()).withLink(Link.LOG))
                .fit(data("positive")));
        fits.put("tweedie", new GeneralizedLinearModel(GlmOptions.of(new Tweedie(1.5))).fit(data("positive")));
        fits.put("logistic", new LogisticRegression().fit(data("binary")));
        fits.put("softmax", new SoftmaxRegression().fit(data("classes")));
        return fits;
    }

    @Test
    void everyFitSavesLoadsAndScoresItsOwnPredictions(@TempDir Path dir) {
        double[] x = features(99);
        for (Map.Entry<String, FittedModel> e : fits().entrySet()) {
            Predictor p = e.getValue().predictor();
            assertThat(e.getValue().report()).as(e.getKey()).isNotNull();
            Path file = dir.resolve(e.getKey().replaceAll("\\W", "_") + ".json");
            ModelFiles.save(p, "y", M, file);
            ModelFiles.Loaded loaded = ModelFiles.load(file);
            assertThat(loaded.version()).isEqualTo(ModelFiles.VERSION);
            assertThat(loaded.inputs()).isEqualTo(NAMES);
            switch (p) {
                case LinearPredictor lp -> {
                    assertThat(loaded.linear().link()).as(e.getKey()).isEqualTo(lp.link());
                    assertThat(loaded.linear().family()).as(e.getKey()).isEqualTo(lp.family());
                    Scorer fromFile = Scorer.of(loaded);
                    Scorer inMemory = Scorer.of(lp);
                    for (int i = 0; i < 20; i++) {
                        double[] row = java.util.Arrays.copyOfRange(x, 3 * i, 3 * i + 3);
                        double want = lp.predict(row);
                        assertThat(fromFile.score(row)).as(e.getKey() + " row " + i).isEqualTo(inMemory.score(row))
                                .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-12 * (1 + Math.abs(want))));
                    }
                }
                case SoftmaxPredictor sp -> {
                    SoftmaxScorer s = SoftmaxScorer.of(loaded);
                    double[] got = new double[sp.classCount()];
                    for (int i = 0; i < 20; i++) {
                        double[] row = java.util.Arrays.copyOfRange(x, 3 * i, 3 * i + 3);
                        double[] want = sp.model().predictProbabilities(row);
                        s.probabilities(row, got);
                        for (int c = 0; c < got.length; c++) {
                            assertThat(got[c]).as("softmax row %d class %d", i, c)
                                    .isCloseTo(want[c], org.assertj.core.data.Offset.offset(1e-13));
                        }
                    }
                }
            }
        }
    }

    @Test
    void theLinkAndFamilyComeFromTheFit() {
        Map<String, FittedModel> fits = fits();
        assertThat(((LinearPredictor) fits.get("ols").predictor()).link()).isEqualTo(Link.IDENTITY);
        assertThat(((LinearPredictor) fits.get("logistic").predictor()).link()).isEqualTo(Link.LOGIT);
        assertThat(((LinearPredictor) fits.get("logistic").predictor()).family()).isEqualTo(Distribution.BINOMIAL);
        assertThat(((LinearPredictor) fits.get("poisson").predictor()).link()).isEqualTo(Link.LOG);
        assertThat(((LinearPredictor) fits.get("gamma (inverse link)").predictor()).link()).isEqualTo(Link.INVERSE);
        assertThat(((LinearPredictor) fits.get("tweedie").predictor()).family()).isEqualTo(Distribution.TWEEDIE);
        assertThat(fits.get("ols").coefficientTable()).isPresent();
        assertThat(fits.get("poisson").coefficientTable()).isPresent();
        assertThat(fits.get("ridge").coefficientTable()).isEmpty();
        assertThatThrownBy(() -> new ElasticNet(ElasticNetOptions.lasso()).fit(data("gaussian")).predictor())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("predictor(k)");
    }

    @Test
    void aPoissonFitWithAnOffsetScoresFromTheFileWithTheOffset(@TempDir Path dir) {
        Dataset d = data("counts");
        double[] offset = new double[M];
        for (int i = 0; i < M; i++) {
            offset[i] = Math.log(1 + i % 4);
        }
        GlmResult fit = new GeneralizedLinearModel(GlmOptions.of(new Poisson())).fit(d, offset);
        Path file = dir.resolve("poisson.json");
        ModelFiles.save(fit.predictor(), Preprocessing.none(NAMES).withOffset("log_exposure"), "y", M, file);
        Scorer s = Scorer.of(ModelFiles.load(file));
        assertThat(s.offsetColumn()).isEqualTo("log_exposure");
        double[] fitted = fit.fittedValues();
        for (int i = 0; i < 10; i++) {
            double[] row = {d.x(i, 0), d.x(i, 1), d.x(i, 2)};
            assertThat(s.score(row, offset[i])).isCloseTo(fitted[i], org.assertj.core.data.Offset.offset(1e-10 * fitted[i]));
        }
    }

    /**
     * Polynomial expansion then standardization, as {@code fit --poly 2 --standardize} runs them: the file holds the
     * coefficients the solver found on the standardized features and both steps; the scorer replays them on raw
     * rows and gives what the in-memory model gives on the transformed rows, and exactly (bit for bit) what the
     * model mapped back to the original scale gives.
     */
    @Test
    void polynomialThenStandardizationIsReplayedFromTheSteps(@TempDir Path dir) {
        Dataset raw = data("binary");
        PolynomialFeatures pf = new PolynomialFeatures(2);
        Dataset expanded = pf.transform(raw);
        StandardScaler scaler = StandardScaler.fit(expanded);
        var fit = new LogisticRegression().fit(scaler.transform(expanded));
        Preprocessing pre = Preprocessing.none(NAMES).then(new Preprocessing.Polynomial(pf))
                .then(Preprocessing.Standardization.of(scaler));
        Path file = dir.resolve("poly.json");
        ModelFiles.save(fit.predictor(), pre, "y", M, file);
        ModelFiles.Loaded loaded = ModelFiles.load(file);
        assertThat(loaded.preprocessing()).isEqualTo(pre);
        Scorer fromFile = Scorer.of(loaded);
        Scorer original = Scorer.of(fit.predictor().withModel(scaler.toOriginalScale(fit.model().predictor().model())),
                Preprocessing.none(NAMES).then(new Preprocessing.Polynomial(pf)));
        double[] x = features(3);
        for (int i = 0; i < 30; i++) {
            double[] row = java.util.Arrays.copyOfRange(x, 3 * i, 3 * i + 3);
            double want = fit.model().predictProbability(scaler.transformRow(pf.transformRow(row), null));
            assertThat(fromFile.score(row)).isEqualTo(original.score(row))
                    .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(pre.apply(row)).containsExactly(scaler.transformRow(pf.transformRow(row), null));
        }
    }

    @Test
    void aSoftmaxFitWithStandardizationScoresFromTheFile(@TempDir Path dir) {
        Dataset d = data("classes");
        StandardScaler scaler = StandardScaler.fit(d);
        var fit = new SoftmaxRegression().fit(scaler.transform(d));
        Path file = dir.resolve("softmax.json");
        ModelFiles.save(fit.predictor(), Preprocessing.none(NAMES).then(Preprocessing.Standardization.of(scaler)),
                "y", M, file);
        SoftmaxScorer s = SoftmaxScorer.of(ModelFiles.load(file));
        double[] got = new double[3];
        double[] x = features(4);
        for (int i = 0; i < 20; i++) {
            double[] row = java.util.Arrays.copyOfRange(x, 3 * i, 3 * i + 3);
            double[] want = fit.model().predictProbabilities(scaler.transformRow(row, null));
            s.probabilities(row, got);
            for (int c = 0; c < 3; c++) {
                assertThat(got[c]).isCloseTo(want[c], org.assertj.core.data.Offset.offset(1e-12));
            }
        }
        assertThatThrownBy(() -> ModelFiles.save(fit.predictor(), Preprocessing.none(NAMES)
                .then(new Preprocessing.Polynomial(new PolynomialFeatures(1))).withOffset("o"), "y", M, file))
                .hasMessageContaining("softmax");
    }

    @Test
    void implausibleStepsAreRefused() {
        String json = ModelFiles.toJson(LinearPredictor.identity(new dev.linea.models.LinearModel(1,
                        new double[] {1, 2, 3}, NAMES, null)),
                Preprocessing.none(NAMES).then(new Preprocessing.Standardization(new double[] {0, 1, 2},
                        new double[] {1, 2, 3})), "y", 3);
        assertThat(json).contains("\"step\" : \"standardize\"");
        assertThat(ModelFiles.parse(json, "m.json").preprocessing().standardization()).isPresent();
        assertThatThrownBy(() -> ModelFiles.parse(json.replace("\"scales\" : [ 1.0", "\"scales\" : [ 0.0"), "m.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m.json: 'preprocessing[0].scales[0]' is 0.0, expected a number > 0");
        assertThatThrownBy(() -> ModelFiles.parse(json.replace("\"means\" : [ 0.0, 1.0, 2.0 ]", "\"means\" : [ 0.0 ]"),
                "m.json")).hasMessageContaining("'means' and 'scales' arrays of one number per feature");
        assertThatThrownBy(() -> ModelFiles.parse(json.replace("\"standardize\"", "\"whiten\""), "m.json"))
                .hasMessageContaining("'preprocessing[0]' is").hasMessageContaining("expected a step");
        assertThatThrownBy(() -> ModelFiles.parse(json.replace("\"inputs\" : [ \"a\", \"b\", \"c\" ]",
                "\"inputs\" : [ \"a\", \"b\" ]"), "m.json")).hasMessageContaining("expected 2 (one per feature");
        assertThatThrownBy(() -> ModelFiles.parse(json.replace("\"inputs\" : [ \"a\", \"b\", \"c\" ]",
                "\"inputs\" : [ \"a\", \"a\", \"c\" ]"), "m.json")).hasMessageContaining("'inputs' has 'a' twice");
        assertThatThrownBy(() -> new Preprocessing(NAMES, List.of(new Preprocessing.Standardization(new double[3],
                new double[] {1, 1, 1}), new Preprocessing.Polynomial(new PolynomialFeatures(2))), null))
                .hasMessageContaining("a polynomial step after the standardization");
    }
}
