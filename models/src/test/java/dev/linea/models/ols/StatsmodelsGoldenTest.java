package dev.linea.models.ols;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.GoldenFiles;
import dev.linea.models.inference.CoefficientStats;
import dev.linea.models.inference.OlsInference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Linea's OLS/WLS inference against statsmodels 0.13.5 (files made by src/test/goldens/make_ols_goldens.py).
 *
 * <p>Tolerances: relative 1e-8 on everything (|a − b| ≤ 1e-8·max(|a|, |b|) + abs), where abs is 1e-12 for
 * quantities that can be near zero (p-values, skew) and, for residuals, 1e-9·max|y|; the condition number of
 * Longley (κ ≈ 4.9e9) is compared at 1e-5 relative, since any double-precision SVD of that design (statsmodels'
 * or ours) has σ_min only to about κ·2^-53 ≈ 5e-7 relative.
 */
class StatsmodelsGoldenTest {
    private static final double REL = 1e-8;

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Backend b : Backends.available()) {
            for (OlsSolver s : new OlsSolver[] {OlsSolver.AUTO, OlsSolver.QR, OlsSolver.PIVOTED_QR}) {
                list.add(Arguments.of("diabetes_ols", b.name(), s));
                list.add(Arguments.of("diabetes_wls", b.name(), s));
                list.add(Arguments.of("diabetes_ols_noconst", b.name(), s));
                list.add(Arguments.of("longley_ols", b.name(), s));
            }
            list.add(Arguments.of("diabetes_ols", b.name(), OlsSolver.NORMAL_EQUATIONS));
            list.add(Arguments.of("diabetes_wls", b.name(), OlsSolver.NORMAL_EQUATIONS));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} on {1} with {2}")
    @MethodSource("cases")
    void matchesStatsmodels(String file, String backend, OlsSolver solver) throws IOException {
        JsonNode g = new ObjectMapper().readTree(resource(file + ".json"));
        boolean longley = file.startsWith("longley");
        boolean noConst = file.endsWith("noconst");
        Dataset data = csv(longley ? "longley.csv" : "diabetes.csv", noConst ? 4 : -1);
        if (g.has("weights")) {
            data = data.withWeights(doubles(g.get("weights")));
        }
        OlsOptions opt = OlsOptions.defaults().withSolver(solver).withIntercept(!noConst);
        OlsResult r = new LinearRegression(opt, Backends.named(backend)).fit(data);
        OlsInference s = r.inference();
        List<CoefficientStats> c = s.coefficients();
        double[] params = doubles(g.get("params"));
        assertThat(c).hasSize(params.length);
        for (int j = 0; j < params.length; j++) {
            String what = file + " " + c.get(j).name();
            close(what + " param", c.get(j).estimate(), params[j], 0);
            close(what + " bse", c.get(j).stdError(), g.get("bse").get(j).asDouble(), 0);
            close(what + " t", c.get(j).t(), g.get("tvalues").get(j).asDouble(), 0);
            close(what + " p", c.get(j).pValue(), g.get("pvalues").get(j).asDouble(), 1e-12);
            close(what + " ci lower", c.get(j).lower(), g.get("conf_int").get(j).get(0).asDouble(), 0);
            close(what + " ci upper", c.get(j).upper(), g.get("conf_int").get(j).get(1).asDouble(), 0);
        }
        close("scale", s.scale(), g.get("scale").asDouble(), 0);
        close("ssr", s.ssr(), g.get("ssr").asDouble(), 0);
        close("rsquared", s.rSquared(), g.get("rsquared").asDouble(), 0);
        close("rsquared_adj", s.adjustedRSquared(), g.get("rsquared_adj").asDouble(), 0);
        close("fvalue", s.fStatistic(), g.get("fvalue").asDouble(), 0);
        close("f_pvalue", s.fPValue(), g.get("f_pvalue").asDouble(), 1e-300);
        close("llf", s.logLikelihood(), g.get("llf").asDouble(), 0);
        close("aic", s.aic(), g.get("aic").asDouble(), 0);
        close("bic", s.bic(), g.get("bic").asDouble(), 0);
        assertThat(s.dfModel()).isEqualTo(g.get("df_model").asDouble());
        assertThat(s.dfResid()).isEqualTo(g.get("df_resid").asDouble());
        double condTol = longley ? 1e-5 : REL;
        assertThat(Math.abs(s.conditionNumber() - g.get("condition_number").asDouble()))
                .as("condition number").isLessThanOrEqualTo(condTol * g.get("condition_number").asDouble());
        close("durbin_watson", s.durbinWatson(), g.get("durbin_watson").asDouble(), 0);
        close("jarque_bera", s.jarqueBera(), g.get("jarque_bera").asDouble(), 1e-12);
        close("jarque_bera_p", s.jarqueBeraPValue(), g.get("jarque_bera_pvalue").asDouble(), 1e-12);
        close("skew", s.skew(), g.get("skew").asDouble(), 1e-12);
        close("kurtosis", s.kurtosis(), g.get("kurtosis").asDouble(), 0);
        close("omnibus", s.omnibus(), g.get("omnibus").asDouble(), 1e-12);
        close("omnibus_p", s.omnibusPValue(), g.get("omnibus_pvalue").asDouble(), 1e-12);
        double[] vif = doubles(g.get(g.has("vif_weighted") ? "vif_weighted" : "vif"));
        double[] ours = s.vif();
        for (int j = 0; j < vif.length; j++) {
            close("vif " + j, ours[j], vif[j], 0);
        }
        double[] resid = doubles(g.get("resid"));
        double yMax = Arrays.stream(data.copyY()).map(Math::abs).max().orElse(1);
        double[] e = s.residuals();
        for (int i = 0; i < resid.length; i++) {
            close("resid " + i, e[i], resid[i], 1e-9 * yMax);
        }
        if (g.has("hat_diag")) {
            double[] h = doubles(g.get("hat_diag"));
            double[] cd = doubles(g.get("cooks_distance"));
            double[] oh = s.leverage();
            double[] ocd = s.cooksDistance();
            for (int i = 0; i < h.length; i++) {
                close("hat " + i, oh[i], h[i], 1e-14);
                close("cooks " + i, ocd[i], cd[i], 1e-14);
            }
        }
        assertThat(s.summary()).contains("R-squared:", "Durbin-Watson:", c.get(0).name());
    }

    private static void close(String what, double actual, double expected, double abs) {
        double tol = REL * Math.max(Math.abs(actual), Math.abs(expected)) + abs;
        assertThat(Math.abs(actual - expected)).as(what + ": linea " + actual + " vs statsmodels " + expected)
                .isLessThanOrEqualTo(tol);
    }

    private static double[] doubles(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    private static InputStream resource(String name) {
        InputStream in = StatsmodelsGoldenTest.class.getResourceAsStream("/golden/ols/" + name);
        assertThat(in).as(name).isNotNull();
        return in;
    }

    /** Reads a golden CSV of golden/ols/: the last column is the target; {@code keep} ≥ 0 keeps the first columns. */
    static Dataset csv(String name, int keep) {
        return GoldenFiles.csv("ols/" + name, keep);
    }
}
