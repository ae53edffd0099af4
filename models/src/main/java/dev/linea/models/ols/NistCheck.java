package dev.linea.models.ols;

import dev.linea.models.inference.CoefficientStats;
import dev.linea.models.inference.OlsInference;

import java.util.List;

/**
 * The accuracy of one fit on one {@link NistDataset}: the smallest LRE over the certified estimates, over their
 * standard deviations, and the LREs of the residual standard deviation and of R².
 *
 * @param dataset       the dataset's name
 * @param solver        the solver the fit used (after AUTO's choice)
 * @param backend       the backend's name
 * @param coefficients  min over j of LRE(β_j)
 * @param stdErrors     min over j of LRE(se_j)
 * @param residualSd    LRE of s
 * @param rSquared      LRE of R²
 */
public record NistCheck(String dataset, String solver, String backend, double coefficients, double stdErrors,
                        double residualSd, double rSquared) {

    /** Fits the dataset with {@code ols} (its intercept option is set from the dataset) and measures the LREs. */
    public static NistCheck run(NistDataset d, OlsOptions options, dev.linea.kernels.Backend backend) {
        LinearRegression ols = new LinearRegression(options.withIntercept(d.intercept()), backend);
        OlsResult r = ols.fit(d.data());
        OlsInference inf = r.inference();
        List<CoefficientStats> c = inf.coefficients();
        double minB = NistDataset.CERTIFIED_DIGITS;
        double minSd = NistDataset.CERTIFIED_DIGITS;
        for (int j = 0; j < d.certified().length; j++) {
            minB = Math.min(minB, NistDataset.lre(c.get(j).estimate(), d.certified()[j]));
            minSd = Math.min(minSd, NistDataset.lre(c.get(j).stdError(), d.certifiedSd()[j]));
        }
        return new NistCheck(d.name(), r.report().solver(), backend.name(), minB, minSd,
                NistDataset.lre(inf.residualStdError(), d.residualSd()), NistDataset.lre(inf.rSquared(), d.rSquared()));
    }

    /** @return the smallest of the four LREs. */
    public double min() {
        return Math.min(Math.min(coefficients, stdErrors), Math.min(residualSd, rSquared));
    }
}
