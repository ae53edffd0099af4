package dev.linea.cli;

import dev.linea.cli.plots.Plots;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.logistic.LogisticModel;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.SoftmaxModel;
import dev.linea.models.logistic.SoftmaxOptions;
import dev.linea.models.logistic.SoftmaxRegression;
import dev.linea.models.metrics.ClassificationMetrics;
import dev.linea.models.metrics.ReliabilityBin;
import dev.linea.models.preprocessing.StandardScaler;

import java.nio.file.Path;
import java.util.List;

/**
 * The demo's classification fits and plots: L2 logistic regression on the standardized breast-cancer data and
 * softmax regression on the standardized iris data (standardized because their raw columns differ in scale by
 * four orders of magnitude, which only slows L-BFGS down), and the reliability diagram of the logistic fit.
 */
final class ClassifierTasks {
    private ClassifierTasks() {
    }

    static Dataset standardized(String name) {
        Dataset raw = DataOptions.embedded(name);
        return StandardScaler.fit(raw).transform(raw);
    }

    static List<DemoCommand.Task> tasks() {
        Dataset bc = standardized("breast_cancer");
        Dataset iris = standardized("iris");
        return List.of(
                new DemoCommand.Task("logistic L2 (L-BFGS)", "breast_cancer", b -> params(
                        new LogisticRegression(LogisticOptions.defaults(), b).fit(bc).model())),
                new DemoCommand.Task("softmax L2 (L-BFGS)", "iris", b -> params(
                        new SoftmaxRegression(SoftmaxOptions.defaults(), b).fit(iris).model())));
    }

    static double[] params(LogisticModel m) {
        return DemoCommand.params(new dev.linea.models.LinearModel(m.intercept(), m.coefficients(), null, null));
    }

    static double[] params(SoftmaxModel m) {
        double[][] c = m.coefficients();
        double[] icpt = m.intercepts();
        int n = m.featureCount();
        double[] all = new double[c.length * (n + 1)];
        for (int k = 0; k < c.length; k++) {
            all[k * (n + 1)] = icpt[k];
            System.arraycopy(c[k], 0, all, k * (n + 1) + 1, n);
        }
        return all;
    }

    /** The reliability diagram of the logistic fit on breast cancer (10 bins of predicted probability). */
    static List<Path> plots(Path dir) {
        Dataset bc = standardized("breast_cancer");
        LogisticModel m = new LogisticRegression(LogisticOptions.defaults(), Backends.defaultBackend()).fit(bc).model();
        double[] p = new double[bc.rows()];
        double[] row = new double[bc.cols()];
        for (int i = 0; i < bc.rows(); i++) {
            for (int j = 0; j < bc.cols(); j++) {
                row[j] = bc.x(i, j);
            }
            p[i] = m.predictProbability(row);
        }
        List<ReliabilityBin> bins = ClassificationMetrics.reliability(bc.copyY(), p, 10).stream()
                .filter(bin -> bin.count() > 0).toList();
        double[] mean = bins.stream().mapToDouble(ReliabilityBin::meanPredicted).toArray();
        double[] observed = bins.stream().mapToDouble(ReliabilityBin::observedRate).toArray();
        return Plots.write(Plots.reliability("Reliability: logistic L2 on breast_cancer (training data)", mean,
                observed), dir, "logistic-reliability");
    }
}
