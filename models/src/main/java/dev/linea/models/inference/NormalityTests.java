package dev.linea.models.inference;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Moment-based normality statistics of residuals, as statsmodels' OLS summary reports them (population moments
 * about the mean, m_k = Σ(e − ē)^k / n):
 * <pre>
 *   skew S = m3 / m2^{3/2},   kurtosis K = m4 / m2²   (Pearson: 3 for a normal sample)
 *   Jarque–Bera JB = n/6·(S² + (K − 3)²/4),  p = P(χ²₂ &gt; JB)
 *   Omnibus K² = Z_S² + Z_K² (D'Agostino–Pearson, Z's from D'Agostino's skew test and Anscombe–Glynn's kurtosis
 *   test),  p = P(χ²₂ &gt; K²); needs n ≥ 8, else NaN
 * </pre>
 */
final class NormalityTests {
    private NormalityTests() {
    }

    record Result(double skew, double kurtosis, double jarqueBera, double jarqueBeraP, double omnibus,
                  double omnibusP) {
    }

    static Result of(double[] e) {
        int n = e.length;
        double mean = 0;
        for (double v : e) {
            mean += v;
        }
        mean /= n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double v : e) {
            double d = v - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        double s = m3 / Math.pow(m2, 1.5);
        double k = m4 / (m2 * m2);
        double jb = n / 6.0 * (s * s + (k - 3) * (k - 3) / 4);
        ChiSquaredDistribution chi2 = ChiSquaredDistribution.of(2);
        double jbp = Double.isFinite(jb) ? chi2.survivalProbability(jb) : Double.NaN;
        double omni = Double.NaN;
        double omniP = Double.NaN;
        if (n >= 8 && m2 > 0) {
            omni = square(skewZ(s, n)) + square(kurtosisZ(k, n));
            omniP = chi2.survivalProbability(omni);
        }
        return new Result(s, k, jb, jbp, omni, omniP);
    }

    /** D'Agostino's transformation of the sample skew to a standard normal Z. */
    private static double skewZ(double b2, double n) {
        double y = b2 * Math.sqrt((n + 1) * (n + 3) / (6.0 * (n - 2)));
        double beta2 = 3.0 * (n * n + 27 * n - 70) * (n + 1) * (n + 3) / ((n - 2.0) * (n + 5) * (n + 7) * (n + 9));
        double w2 = -1 + Math.sqrt(2 * (beta2 - 1));
        double delta = 1 / Math.sqrt(0.5 * Math.log(w2));
        double alpha = Math.sqrt(2.0 / (w2 - 1));
        if (y == 0) {
            y = 1;
        }
        double q = y / alpha;
        return delta * Math.log(q + Math.sqrt(q * q + 1));
    }

    /** Anscombe &amp; Glynn's transformation of the sample (Pearson) kurtosis to a standard normal Z. */
    private static double kurtosisZ(double b2, double n) {
        double e = 3.0 * (n - 1) / (n + 1);
        double varb2 = 24.0 * n * (n - 2) * (n - 3) / ((n + 1) * (n + 1) * (n + 3) * (n + 5));
        double x = (b2 - e) / Math.sqrt(varb2);
        double sqrtbeta1 = 6.0 * (n * n - 5 * n + 2) / ((n + 7) * (n + 9))
                * Math.sqrt(6.0 * (n + 3) * (n + 5) / (n * (n - 2) * (n - 3)));
        double a = 6.0 + 8.0 / sqrtbeta1 * (2.0 / sqrtbeta1 + Math.sqrt(1 + 4.0 / (sqrtbeta1 * sqrtbeta1)));
        double term1 = 1 - 2 / (9.0 * a);
        double denom = 1 + x * Math.sqrt(2 / (a - 4.0));
        if (denom == 0) {
            return Double.NaN;
        }
        double term2 = Math.signum(denom) * Math.cbrt((1 - 2.0 / a) / Math.abs(denom));
        return (term1 - term2) / Math.sqrt(2 / (9.0 * a));
    }

    private static double square(double v) {
        return v * v;
    }
}
