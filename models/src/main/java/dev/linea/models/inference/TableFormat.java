package dev.linea.models.inference;

import java.util.Locale;

/** Number formats shared by the statsmodels-style summary tables (OLS here, GLM in {@code models.glm}). */
public final class TableFormat {
    private TableFormat() {
    }

    /** A coefficient-table cell: four decimals, or scientific notation outside [1e-3, 1e7); "nan" when not finite. */
    public static String cell(double v) {
        if (!Double.isFinite(v)) {
            return "nan";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e7 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Three decimals (t or z statistics, p-values); "nan" when not finite. */
    public static String threeDecimals(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "nan";
    }
}
