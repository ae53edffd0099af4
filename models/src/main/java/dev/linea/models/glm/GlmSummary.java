package dev.linea.models.glm;

import dev.linea.models.inference.CoefficientStats;
import dev.linea.models.inference.TableFormat;
import java.util.Locale;

/**
 * Renders a {@link GlmResult} as a fixed-width text table in the layout of statsmodels' GLM {@code summary()}
 * (without the date and time, so that the text is reproducible).
 */
final class GlmSummary {
    private static final int WIDTH = 78;
    /** Width of the coefficient table's rows. */
    private static final int TABLE = 87;

    private GlmSummary() {
    }

    static String render(GlmResult r) {
        StringBuilder b = new StringBuilder();
        String rule = "=".repeat(WIDTH) + "\n";
        String wide = "=".repeat(TABLE) + "\n";
        String thin = "-".repeat(TABLE) + "\n";
        b.append(center("Generalized Linear Model Regression Results")).append(rule);
        String family = r.family().name() + (r.family() instanceof Tweedie t ? "(" + g(t.power()) + ")" : "");
        pair(b, "Dep. Variable:", r.targetName(), "No. Observations:", Integer.toString(r.nobs()));
        pair(b, "Model:", "GLM", "Df Residuals:", g(r.dfResid()));
        pair(b, "Model Family:", family, "Df Model:", g(r.dfModel()));
        pair(b, "Link Function:", r.link().label(), "Scale:", h(r.dispersion()));
        pair(b, "Method:", "IRLS", "Log-Likelihood:", h(r.logLikelihood()));
        pair(b, "Converged:", r.converged() ? "yes" : "NO", "Deviance:", h(r.deviance()));
        pair(b, "No. Iterations:", Integer.toString(r.iterations()), "Pearson chi2:", h(r.pearsonChi2()));
        pair(b, "Penalty alpha:", g(r.options().alpha()), "AIC:", h(r.aic()));
        pair(b, "Covariance Type:", "nonrobust", "Null Deviance:", h(r.nullDeviance()));
        b.append(wide);
        b.append(String.format(Locale.ROOT, "%-16s %12s %11s %9s %9s %12s %12s%n", "", "coef", "std err", "z",
                "P>|z|", "[0.025", "0.975]"));
        b.append(thin);
        for (CoefficientStats c : r.coefficients()) {
            String name = c.name().length() > 16 ? c.name().substring(0, 15) + "…" : c.name();
            b.append(String.format(Locale.ROOT, "%-16s %12s %11s %9s %9s %12s %12s%n", name, f(c.estimate()),
                    f(c.stdError()), fs(c.t()), fs(c.pValue()), f(c.lower()), f(c.upper())));
        }
        b.append(wide);
        if (r.options().alpha() > 0) {
            b.append("Notes:\n[1] Penalized fit (alpha > 0): no standard errors, tests or intervals.\n");
        }
        return b.toString();
    }

    private static void pair(StringBuilder b, String k1, String v1, String k2, String v2) {
        b.append(String.format(Locale.ROOT, "%-20s %17s   %-20s %16s%n", k1, v1, k2, v2));
    }

    private static String center(String t) {
        return " ".repeat(Math.max(0, (WIDTH - t.length()) / 2)) + t + "\n";
    }

    private static String f(double v) {
        return TableFormat.cell(v);
    }

    /** Model statistics: six significant digits, as statsmodels' header. */
    private static String h(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "nan";
    }

    private static String fs(double v) {
        return TableFormat.threeDecimals(v);
    }

    private static String g(double v) {
        if (!Double.isFinite(v)) {
            return "nan";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
