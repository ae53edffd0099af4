package dev.linea.models.inference;

import java.util.Locale;

/**
 * Renders {@link OlsInference} as a fixed-width text table in the spirit of statsmodels' {@code OLS.summary()}:
 * model statistics, the coefficient table with confidence intervals, then residual diagnostics.
 */
final class SummaryTable {
    private static final int WIDTH = 78;

    private SummaryTable() {
    }

    static String render(OlsInference s, String target) {
        StringBuilder b = new StringBuilder();
        String rule = "=".repeat(WIDTH) + "\n";
        String thin = "-".repeat(WIDTH) + "\n";
        b.append(center("Least Squares Regression Results")).append(rule);
        pair(b, "Dep. Variable:", target, "R-squared:", f(s.rSquared()));
        pair(b, "No. Observations:", Integer.toString(s.nobs()), "Adj. R-squared:", f(s.adjustedRSquared()));
        pair(b, "Df Residuals:", g(s.dfResid()), "F-statistic:", f(s.fStatistic()));
        pair(b, "Df Model:", g(s.dfModel()), "Prob (F-statistic):", e(s.fPValue()));
        pair(b, "Residual Std. Err.:", f(s.residualStdError()), "Log-Likelihood:", f(s.logLikelihood()));
        pair(b, "Rank:", Integer.toString(s.rank()), "AIC:", f(s.aic()));
        pair(b, "", "", "BIC:", f(s.bic()));
        b.append(rule);
        int level = (int) Math.round(100 * (1 - s.alpha()));
        b.append(String.format(Locale.ROOT, "%-16s %12s %11s %9s %9s %12s %12s%n", "", "coef", "std err", "t",
                "P>|t|", "[" + lowerPct(s.alpha()), upperPct(s.alpha()) + "]"));
        b.append(thin);
        for (CoefficientStats c : s.coefficients()) {
            String name = c.name().length() > 16 ? c.name().substring(0, 15) + "…" : c.name();
            if (!c.estimated()) {
                b.append(String.format(Locale.ROOT, "%-16s %12s   dropped: linearly dependent on the others%n",
                        name, "0"));
                continue;
            }
            b.append(String.format(Locale.ROOT, "%-16s %12s %11s %9s %9s %12s %12s%n", name, f(c.estimate()),
                    f(c.stdError()), fs(c.t()), fs(c.pValue()), f(c.lower()), f(c.upper())));
        }
        b.append(rule);
        pair(b, "Omnibus:", f(s.omnibus()), "Durbin-Watson:", f(s.durbinWatson()));
        pair(b, "Prob(Omnibus):", fs(s.omnibusPValue()), "Jarque-Bera (JB):", f(s.jarqueBera()));
        pair(b, "Skew:", f(s.skew()), "Prob(JB):", e(s.jarqueBeraPValue()));
        pair(b, "Kurtosis:", f(s.kurtosis()), "Cond. No.:", e(s.conditionNumber()));
        b.append(rule);
        b.append("Notes:\n[1] Standard errors assume that the covariance matrix of the errors is correctly specified.\n");
        b.append("[2] ").append(level).append("% confidence intervals from Student's t with ").append(g(s.dfResid()))
                .append(" degrees of freedom.\n");
        b.append("[3] Cond. No.: ").append(s.conditionMethod()).append(".\n");
        if (!(s.dfResid() > 0)) {
            b.append("[4] No residual degrees of freedom: standard errors and tests are undefined (nan).\n");
        }
        return b.toString();
    }

    private static String lowerPct(double alpha) {
        return g(alpha / 2);
    }

    private static String upperPct(double alpha) {
        return g(1 - alpha / 2);
    }

    private static void pair(StringBuilder b, String k1, String v1, String k2, String v2) {
        b.append(String.format(Locale.ROOT, "%-20s %17s   %-20s %16s%n", k1, v1, k2, v2));
    }

    private static String center(String t) {
        int pad = Math.max(0, (WIDTH - t.length()) / 2);
        return " ".repeat(pad) + t + "\n";
    }

    private static String f(double v) {
        return TableFormat.cell(v);
    }

    private static String fs(double v) {
        return TableFormat.threeDecimals(v);
    }

    private static String e(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "nan";
    }

    /** Integers as integers (degrees of freedom), other numbers with up to 4 decimals, trailing zeros dropped. */
    private static String g(double v) {
        if (!Double.isFinite(v)) {
            return "nan";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).setScale(4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
    }
}
