package dev.linea.models.ols;

import dev.linea.models.Dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One NIST StRD linear least-squares dataset (https://www.itl.nist.gov/div898/strd/lls/lls.shtml), parsed from
 * NIST's original text: the certified estimates B_j and their standard deviations, the residual standard
 * deviation, R² and the data. The model follows the header: with one predictor and P &gt; 1 parameters it is the
 * polynomial {@code B0 + B1·x + … + B_{P−1}·x^{P−1}} (Norris, Pontius, Filip, Wampler1–5); with one predictor and
 * one parameter B1 it is {@code B1·x} without intercept (NoInt1, NoInt2); with several predictors it is linear with
 * intercept (Longley). The predictors are kept in double-double ({@link Dataset#withLowParts}): each decimal is
 * split into its nearest double and the rest, and polynomial columns x^k are formed in double-double, so the
 * design is NIST's to about 30 digits. (Stored as plain doubles, Filip's design is perturbed enough that its exact
 * least-squares solution agrees with the certified one to only 7.7 digits.)
 *
 * @param name        e.g. "Filip"
 * @param certified   certified estimates in parameter order ([B0,] B1, …)
 * @param certifiedSd certified standard deviations of the estimates
 * @param residualSd  certified residual standard deviation
 * @param rSquared    certified R²
 * @param intercept   whether the model has B0
 * @param data        the design (polynomial or linear columns) and y
 */
public record NistDataset(String name, double[] certified, double[] certifiedSd, double residualSd, double rSquared,
                          boolean intercept, Dataset data) {

    /** The 11 datasets, from easiest to hardest as NIST ranks them. */
    public static final List<String> NAMES = List.of("Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
            "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5");

    /** Significant digits of NIST's certified values: the cap of an LRE. */
    public static final double CERTIFIED_DIGITS = 15;

    private static final Pattern PARAM = Pattern.compile("^\\s*B(\\d+)\\s+(\\S+)\\s+(\\S+)\\s*$");
    private static final Pattern RESID_SD = Pattern.compile("^\\s*Standard Deviation\\s+(\\S+)\\s*$");
    private static final Pattern R2 = Pattern.compile("^\\s*R-Squared\\s+(\\S+)\\s*$");
    private static final Pattern DATA_LINES = Pattern.compile("Data\\s+\\(lines\\s+(\\d+)\\s+to\\s+(\\d+)\\)");

    /**
     * Loads {@code <prefix><name>.dat} from the class path of {@code anchor}.
     *
     * @param resourcePrefix e.g. "/nist/"
     */
    public static NistDataset load(Class<?> anchor, String resourcePrefix, String name) {
        try (InputStream in = anchor.getResourceAsStream(resourcePrefix + name + ".dat")) {
            if (in == null) {
                throw new IllegalArgumentException("no NIST file " + resourcePrefix + name + ".dat on the class path"
                        + " of " + anchor.getName() + "; expected one of " + NAMES);
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses NIST's text (CRLF or LF line ends). */
    public static NistDataset parse(String name, String text) {
        String[] lines = text.split("\r?\n", -1);
        List<Double> est = new ArrayList<>();
        List<Double> sd = new ArrayList<>();
        int firstB = -1;
        double residSd = Double.NaN;
        double r2 = Double.NaN;
        int dataFrom = -1;
        int dataTo = -1;
        boolean inResidual = false;
        for (String line : lines) {
            Matcher dm = DATA_LINES.matcher(line);
            if (dm.find()) {
                dataFrom = Integer.parseInt(dm.group(1));
                dataTo = Integer.parseInt(dm.group(2));
                break;
            }
        }
        int headerEnd = dataFrom < 1 ? 0 : Math.min(lines.length, dataFrom - 1);
        for (int li = 0; li < headerEnd; li++) {
            String line = lines[li];
            Matcher pm = PARAM.matcher(line);
            if (pm.matches()) {
                if (firstB < 0) {
                    firstB = Integer.parseInt(pm.group(1));
                }
                est.add(number(pm.group(2)));
                sd.add(number(pm.group(3)));
                continue;
            }
            if (line.trim().equals("Residual")) {
                inResidual = true;
                continue;
            }
            Matcher rm = RESID_SD.matcher(line);
            if (inResidual && rm.matches()) {
                residSd = number(rm.group(1));
                inResidual = false;
                continue;
            }
            Matcher r2m = R2.matcher(line);
            if (r2m.matches()) {
                r2 = number(r2m.group(1));
            }
        }
        if (est.isEmpty() || Double.isNaN(residSd) || Double.isNaN(r2) || dataFrom < 1 || dataTo < dataFrom) {
            throw new IllegalArgumentException(name + ": not a NIST StRD linear least-squares file (certified values"
                    + " or data range missing)");
        }
        int rows = dataTo - dataFrom + 1;
        int cols = -1;
        double[][] raw = new double[rows][];
        double[][] rawLow = new double[rows][];
        for (int i = 0; i < rows; i++) {
            String[] f = lines[dataFrom - 1 + i].trim().split("\\s+");
            if (cols < 0) {
                cols = f.length;
            } else if (f.length != cols) {
                throw new IllegalArgumentException(name + ": data line " + (dataFrom + i) + " has " + f.length
                        + " fields, expected " + cols);
            }
            raw[i] = new double[cols];
            rawLow[i] = new double[cols];
            for (int j = 0; j < cols; j++) {
                raw[i][j] = number(f[j]);
                rawLow[i][j] = new BigDecimal(f[j]).subtract(new BigDecimal(raw[i][j])).doubleValue();
            }
        }
        int predictors = cols - 1;
        int p = est.size();
        boolean intercept = firstB == 0;
        int features;
        List<String> names = new ArrayList<>();
        boolean polynomial = predictors == 1 && p > 1;
        if (polynomial) {
            features = p - 1;
            for (int k = 1; k <= features; k++) {
                names.add(k == 1 ? "x" : "x^" + k);
            }
        } else {
            features = predictors;
            for (int k = 1; k <= features; k++) {
                names.add(predictors == 1 ? "x" : "x" + k);
            }
        }
        if (features + (intercept ? 1 : 0) != p) {
            throw new IllegalArgumentException(name + ": " + p + " certified parameters do not match " + predictors
                    + " predictor(s)" + (intercept ? " with" : " without") + " intercept");
        }
        double[] x = new double[rows * features];
        double[] xLow = new double[rows * features];
        double[] y = new double[rows];
        double[] dd = new double[2];
        for (int i = 0; i < rows; i++) {
            y[i] = raw[i][0];
            for (int k = 0; k < features; k++) {
                if (polynomial) {
                    power(raw[i][1], rawLow[i][1], k + 1, dd);
                } else {
                    dd[0] = raw[i][k + 1];
                    dd[1] = rawLow[i][k + 1];
                }
                x[i * features + k] = dd[0];
                xLow[i * features + k] = dd[1];
            }
        }
        Dataset data = Dataset.of(rows, features, x, y, null, names, "y").withLowParts(xLow);
        return new NistDataset(name, unbox(est), unbox(sd), residSd, r2, intercept, data);
    }

    /**
     * @return the same dataset with the design rounded to plain doubles (no {@link Dataset#withLowParts low parts}):
     *         the problem as a CSV of doubles would state it, for comparison
     */
    public NistDataset roundedToDoubles() {
        Dataset plain = Dataset.of(data.rows(), data.cols(), data.copyX(), data.copyY(), null, data.featureNames(),
                data.targetName());
        return new NistDataset(name, certified, certifiedSd, residualSd, rSquared, intercept, plain);
    }

    /** (xh + xl)^k in double-double (about 2^-100 relative): out[0] + out[1]. */
    static void power(double xh, double xl, int k, double[] out) {
        double hi = xh;
        double lo = xl;
        for (int i = 1; i < k; i++) {
            double p = hi * xh;
            double e = Math.fma(hi, xh, -p) + (hi * xl + lo * xh);
            hi = p + e;
            lo = e - (hi - p);
        }
        out[0] = hi;
        out[1] = lo;
    }

    private static double number(String s) {
        return Double.parseDouble(s.toUpperCase(Locale.ROOT).replace('D', 'E'));
    }

    private static double[] unbox(List<Double> v) {
        double[] a = new double[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        return a;
    }

    /**
     * Log relative error, the number of correct significant digits:
     * <pre>  LRE = −log10(|est − cert| / |cert|),  or −log10|est| when cert = 0</pre>
     * capped at {@link #CERTIFIED_DIGITS} (and 0 from below; NaN when est is NaN).
     */
    public static double lre(double est, double cert) {
        if (Double.isNaN(est)) {
            return Double.NaN;
        }
        double err = cert == 0 ? Math.abs(est) : Math.abs(est - cert) / Math.abs(cert);
        if (err == 0) {
            return CERTIFIED_DIGITS;
        }
        return Math.max(0, Math.min(CERTIFIED_DIGITS, -Math.log10(err)));
    }
}
