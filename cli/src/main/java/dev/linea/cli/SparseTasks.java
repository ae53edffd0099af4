package dev.linea.cli;

import dev.linea.models.SparseDesign;
import dev.linea.models.io.HashedCsvFiles;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.lasso.ElasticNetPath;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.preprocessing.FeatureHashing;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

/**
 * The demo's sparse case (issue 19), end to end: the embedded click log read by the hashed-CSV reader (its site, ad,
 * device and hour columns feature-hashed into 5 157 signed features, straight into CSR), then L2 logistic regression
 * and a lasso at one λ on the sparse design, never densified — on every backend, like the dense fits.
 */
final class SparseTasks {
    /** The demo's hashing: the same as {@code fit clicks --hash site:10,ad:12,device:2,hour:5}. */
    static final String HASH = "site:10,ad:12,device:2,hour:5";
    /** The lasso's λ: 576 non-zero coefficients of the 5 157. */
    static final double LAMBDA = 0.004;

    private SparseTasks() {
    }

    /** The embedded click log, hashed: 4000 rows, 1 + 2^10 + 2^12 + 2^2 + 2^5 features. */
    static SparseDesign clicks() {
        FeatureHashing h = FeatureHashing.parse(Arrays.asList(HASH.split(",")), 0);
        HashedCsvFiles.Data d = HashedCsvFiles.read(new StringReader(SparseFit.embeddedText("clicks")), "clicks",
                "clicked", null, h, List.of());
        return SparseDesign.of(d.x(), d.y(), null, d.preprocessing().features(), "clicked", true);
    }

    static List<DemoCommand.Task> tasks() {
        SparseDesign clicks = clicks();
        return List.of(
                new DemoCommand.Task("logistic L2, hashed", "clicks", b -> ClassifierTasks.params(
                        new LogisticRegression(LogisticOptions.defaults().withTol(1e-10), b).fit(clicks).model())),
                new DemoCommand.Task("lasso λ=" + LAMBDA + ", hashed", "clicks", b -> {
                    ElasticNetPath p = new ElasticNet(ElasticNetOptions.lasso()
                            .withLambdas(new double[] {LAMBDA}), b).fit(clicks);
                    double[] c = p.coefficients(0);
                    double[] all = new double[c.length + 1];
                    all[0] = p.intercept(0);
                    System.arraycopy(c, 0, all, 1, c.length);
                    return all;
                }));
    }
}
