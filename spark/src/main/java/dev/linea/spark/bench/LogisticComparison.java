package dev.linea.spark.bench;

import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticSolver;
import dev.linea.models.logistic.Penalty;
import dev.linea.spark.DistributedData;
import dev.linea.spark.DistributedLogisticRegression;
import dev.linea.spark.DistributedLogisticResult;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * The logistic half of {@link MllibComparison}: MLlib's {@code LogisticRegression} (no penalty, its defaults: L-BFGS,
 * tol 1e-6 on the relative loss change, 100 iterations at most) against Linea's distributed L-BFGS and Newton/IRLS
 * (no penalty; converged when the max-abs gradient of the mean loss is ≤ 1e-6), on the label column of the same
 * generated data. Both estimators cache their blocks for the fit and release them after.
 */
final class LogisticComparison {
    private LogisticComparison() {
    }

    static void run(Dataset<Row> source, int repeats, List<String> lines) {
        DistributedData data = DistributedData.fromVectorColumn(source, "features", "label");
        MllibComparison.Timed<LogisticRegressionModel> mllib = MllibComparison.time(repeats,
                () -> new org.apache.spark.ml.classification.LogisticRegression().setRegParam(0)
                        .setFeaturesCol("features").setLabelCol("label").fit(source));
        double[] mllibCoef = MllibComparison.concat(mllib.value().intercept(), mllib.value().coefficients().toArray());
        LogisticOptions base = LogisticOptions.defaults().withPenalty(Penalty.NONE).withTol(1e-6);
        MllibComparison.Timed<DistributedLogisticResult> newton = MllibComparison.time(repeats,
                () -> new DistributedLogisticRegression(base.withSolver(LogisticSolver.NEWTON)).fit(data));
        double[] newtonCoef = coef(newton.value());
        MllibComparison.Timed<DistributedLogisticResult> lbfgs = MllibComparison.time(repeats,
                () -> new DistributedLogisticRegression(base.withSolver(LogisticSolver.LBFGS)).fit(data));
        int mllibIterations = mllib.value().summary().totalIterations();
        lines.add(MllibComparison.row("MLlib LogisticRegression (L-BFGS, " + mllibIterations + " iterations)", mllib,
                "≥ " + mllibIterations, mllibCoef, mllibCoef, newtonCoef));
        lines.add(MllibComparison.row("Linea logistic L-BFGS (" + lbfgs.value().report().iterations()
                        + " iterations)", lbfgs, "" + lbfgs.value().passes(), coef(lbfgs.value()), mllibCoef,
                newtonCoef));
        lines.add(MllibComparison.row("Linea logistic Newton/IRLS (" + newton.value().report().iterations()
                        + " iterations)", newton, "" + newton.value().passes(), newtonCoef, mllibCoef, newtonCoef));
    }

    private static double[] coef(DistributedLogisticResult r) {
        return MllibComparison.concat(r.model().intercept(), r.model().coefficients());
    }
}
