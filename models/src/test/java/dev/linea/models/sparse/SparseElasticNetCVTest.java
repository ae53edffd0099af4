package dev.linea.models.sparse;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.Dataset;
import dev.linea.models.SparseDesign;
import dev.linea.models.lasso.ElasticNetCV;
import dev.linea.models.lasso.ElasticNetCVResult;
import dev.linea.models.lasso.ElasticNetOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The lasso / elastic-net path cross-validation on a sparse design ({@link ElasticNetCV#fit(SparseDesign, int[])}):
 * equal to the dense cross-validation of the densified data (same folds, same λ grid: the same per-λ errors and
 * the same λ_min and λ_1se), on every backend; and equal to cv.glmnet 4.1-6 on a dgCMatrix with a fixed foldid
 * (golden/sparse/glmnet_cv*.csv, src/test/goldens/make_sparse_cv_goldens.R).
 */
class SparseElasticNetCVTest {

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void equalsTheDenseCrossValidationOfTheDensifiedData(String name) {
        Backend b = Backends.named(name);
        for (double alpha : new double[] {1, 0.5}) {
            for (boolean weighted : new boolean[] {false, true}) {
                for (boolean standardize : new boolean[] {true, false}) {
                    SparseDesign s = SparseData.design(160, 30, 0.2, "gaussian", weighted, 5);
                    ElasticNetOptions o = ElasticNetOptions.elasticNet(alpha).withPath(25, 1e-3)
                            .withStandardize(standardize).withThreshold(1e-20, 10_000_000);
                    ElasticNetCVResult sp = new ElasticNetCV(o, 4, 17, b).fit(s);
                    Dataset d = Dataset.wrap(s.rows(), s.cols(), s.matrix().toDense(), s.yUnsafe(),
                            s.weightsUnsafe(), null, null);
                    ElasticNetCVResult de = new ElasticNetCV(o.withMode(ElasticNetOptions.Mode.NAIVE), 4, 17, b)
                            .fit(d);
                    String what = name + " alpha=" + alpha + " weighted=" + weighted + " standardize="
                            + standardize;
                    assertThat(sp.converged()).as(what).isTrue();
                    assertThat(sp.foldIds()).as(what).containsExactly(de.foldIds());
                    assertThat(sp.path().lambdas()).as(what).containsExactly(de.path().lambdas(),
                            within(1e-13 * de.path().lambda(0)));
                    double[] em = de.meanError();
                    double[] es = de.standardError();
                    assertThat(sp.meanError()).as(what + " cvm").containsExactly(em, within(1e-8 * em[0]));
                    assertThat(sp.standardError()).as(what + " cvsd").containsExactly(es, within(1e-8 * em[0]));
                    assertThat(sp.lambdaMinIndex()).as(what).isEqualTo(de.lambdaMinIndex());
                    assertThat(sp.lambda1seIndex()).as(what).isEqualTo(de.lambda1seIndex());
                    assertThat(sp.modelMin().coefficients()).as(what)
                            .containsExactly(de.modelMin().coefficients(), within(1e-8));
                    // the choice is not the path's end or start on this design: the test compares a real choice
                    assertThat(sp.lambdaMinIndex()).as(what).isBetween(1, 23);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void matchesCvGlmnetOnADgCMatrix(String name) {
        CsrMatrix x = SparseGoldenTest.readLibSvm("sparse/sparse.libsvm", 80);
        double[] y = SparseGoldenTest.readTargets("sparse/targets.csv")[0];
        int[] foldIds = SparseGoldenTest.lines("sparse/glmnet_cv_foldid.txt").stream()
                .mapToInt(l -> Integer.parseInt(l.trim()) - 1).toArray();
        for (boolean weighted : new boolean[] {false, true}) {
            double[] w = null;
            if (weighted) {
                w = new double[x.rows()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = 0.5 + (i % 4) / 2.0;
                }
            }
            String file = weighted ? "sparse/glmnet_cv_weights" : "sparse/glmnet_cv";
            List<String> rows = SparseGoldenTest.lines(file + ".csv");
            double[] choice = SparseGoldenTest.lines(file + "_choice.csv").stream()
                    .mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
            SparseDesign s = SparseDesign.of(x, y, w, null, null, true);
            ElasticNetCVResult r = new ElasticNetCV(ElasticNetOptions.lasso().withThreshold(1e-22, 10_000_000), 5,
                    1, Backends.named(name)).fit(s, foldIds);
            assertThat(r.converged()).isTrue();
            assertThat(r.path().size()).as(file).isEqualTo(rows.size() - 1);
            double[] m = r.meanError();
            double[] sd = r.standardError();
            for (int k = 0; k < m.length; k++) {
                String[] g = rows.get(k + 1).split(",");
                double lambda = Double.parseDouble(g[0]);
                double cvm = Double.parseDouble(g[1]);
                double cvsd = Double.parseDouble(g[2]);
                assertThat(r.path().lambda(k)).as(file + " lambda %d", k).isCloseTo(lambda, within(1e-12 * lambda));
                assertThat(m[k]).as(file + " cvm %d", k).isCloseTo(cvm, within(1e-8 * cvm));
                assertThat(sd[k]).as(file + " cvsd %d", k).isCloseTo(cvsd, within(1e-7 * cvsd));
            }
            assertThat(r.lambdaMin()).as(file).isCloseTo(choice[0], within(1e-12 * choice[0]));
            assertThat(r.lambda1se()).as(file).isCloseTo(choice[1], within(1e-12 * choice[1]));
        }
    }

    @Test
    void refusesBadFoldsAndAFoldOfZeroWeight() {
        SparseDesign s = SparseData.design(20, 5, 0.4, "gaussian", false, 3);
        ElasticNetCV cv = new ElasticNetCV(ElasticNetOptions.lasso(), 3, 1);
        assertThatThrownBy(() -> cv.fit(s, new int[19])).hasMessageContaining("foldIds has 19 values, expected 20");
        assertThatThrownBy(() -> new ElasticNetCV(ElasticNetOptions.lasso(), 21, 1).fit(s))
                .hasMessageContaining("folds is 21, expected at most the 20 rows");
        double[] w = new double[20];
        int[] folds = new int[20];
        for (int i = 0; i < 20; i++) {
            folds[i] = i % 3;
            w[i] = i % 3 == 2 ? 0 : 1;
        }
        SparseDesign zero = SparseDesign.of(s.matrix(), s.yUnsafe(), w, null, null, true);
        // fold 2 holds the zero-weight rows: when held out, its error has no weight to average over
        assertThatThrownBy(() -> cv.fit(zero, folds)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fold 2's held-out rows weigh 0.0 in all, expected a positive weight");
    }
}
