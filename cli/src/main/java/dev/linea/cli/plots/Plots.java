package dev.linea.cli.plots;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The diagnostic plots of the command line, drawn with XChart and written as PNG and SVG: loss curve,
 * regularization path, cross-validation curve, residuals against fitted values, normal Q-Q plot and reliability
 * diagram. Each method takes plain arrays, so any estimator can feed it.
 */
public final class Plots {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 560;

    private Plots() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Loss per epoch, one line per named run (log scale when the losses span more than two decades). */
    public static XYChart lossCurve(String title, java.util.Map<String, double[]> runs) {
        XYChart c = chart(title, "epoch", "loss");
        boolean positive = true;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (java.util.Map.Entry<String, double[]> e : runs.entrySet()) {
            double[] loss = e.getValue();
            double[] epochs = new double[loss.length];
            for (int i = 0; i < loss.length; i++) {
                epochs[i] = i + 1;
                positive &= loss[i] > 0;
                min = Math.min(min, loss[i]);
                max = Math.max(max, loss[i]);
            }
            if (loss.length > 0) {
                line(c, e.getKey(), epochs, loss);
            }
        }
        c.getStyler().setYAxisLogarithmic(positive && max / min > 100);
        return c;
    }

    /**
     * Coefficients against log10 λ, one line per feature, with vertical markers at the chosen λ values.
     *
     * @param coefficients coefficients[k][j] at lambdas[k]
     * @param marks        λ values to mark (e.g. lambda.min, lambda.1se), may be empty
     */
    public static XYChart regularizationPath(String title, double[] lambdas, double[][] coefficients,
                                             List<String> names, double[] marks, List<String> markNames) {
        XYChart c = chart(title, "log10(λ)", "coefficient");
        double[] x = log10(lambdas);
        for (int j = 0; j < names.size(); j++) {
            double[] y = new double[lambdas.length];
            for (int k = 0; k < lambdas.length; k++) {
                y[k] = coefficients[k][j];
            }
            line(c, names.get(j), x, y);
        }
        markVertical(c, coefficients, marks, markNames);
        return c;
    }

    /** Cross-validated error with ±1 standard-error bars against log10 λ, the choices marked. */
    public static XYChart cvCurve(String title, double[] lambdas, double[] mean, double[] se, double[] marks,
                                  List<String> markNames) {
        XYChart c = chart(title, "log10(λ)", "cross-validated MSE");
        XYSeries s = c.addSeries("mean ± SE", log10(lambdas), mean, se);
        s.setMarker(SeriesMarkers.CIRCLE);
        double[][] asMatrix = new double[mean.length][2];
        for (int k = 0; k < mean.length; k++) {
            asMatrix[k][0] = mean[k] - se[k];
            asMatrix[k][1] = mean[k] + se[k];
        }
        markVertical(c, asMatrix, marks, markNames);
        return c;
    }

    /** Residuals against fitted values, with the zero line. */
    public static XYChart residuals(String title, double[] fitted, double[] residuals) {
        XYChart c = chart(title, "fitted", "residual");
        XYSeries s = c.addSeries("residuals", fitted, residuals);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        double lo = Arrays.stream(fitted).min().orElse(0);
        double hi = Arrays.stream(fitted).max().orElse(1);
        line(c, "0", new double[] {lo, hi}, new double[] {0, 0});
        return c;
    }

    /**
     * Normal Q-Q plot of standardized residuals: sorted values against the normal quantiles at
     * {@code (i − 0.375)/(n + 0.25)} (Blom), with the identity line.
     */
    public static XYChart normalQq(String title, double[] residuals) {
        int n = residuals.length;
        double[] z = residuals.clone();
        double mean = Arrays.stream(z).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(z).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, n - 1));
        for (int i = 0; i < n; i++) {
            z[i] = sd > 0 ? (z[i] - mean) / sd : 0;
        }
        Arrays.sort(z);
        double[] q = new double[n];
        NormalDistribution normal = NormalDistribution.of(0, 1);
        for (int i = 0; i < n; i++) {
            q[i] = normal.inverseCumulativeProbability((i + 1 - 0.375) / (n + 0.25));
        }
        XYChart c = chart(title, "normal quantile", "standardized residual");
        XYSeries s = c.addSeries("residuals", q, z);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        double lim = n == 0 ? 1 : Math.max(Math.abs(q[0]), Math.abs(q[n - 1]));
        line(c, "y = x", new double[] {-lim, lim}, new double[] {-lim, lim});
        return c;
    }

    /** Observed positive rate against mean predicted probability per bin, with the diagonal of perfect calibration. */
    public static XYChart reliability(String title, double[] meanPredicted, double[] observedRate) {
        XYChart c = chart(title, "mean predicted probability", "observed rate");
        XYSeries s = c.addSeries("model", meanPredicted, observedRate);
        s.setMarker(SeriesMarkers.CIRCLE);
        line(c, "perfect", new double[] {0, 1}, new double[] {0, 1});
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(1.0);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        return c;
    }

    /**
     * Writes {@code name}.png and {@code name}.svg into {@code dir} (created if needed).
     *
     * @return the two files written
     */
    public static List<Path> write(XYChart chart, Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path png = dir.resolve(name + ".png");
            Path svg = dir.resolve(name + ".svg");
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg.toString(),
                    VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return List.of(png, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + name + " into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setLegendVisible(true);
        c.getStyler().setMarkerSize(4);
        return c;
    }

    private static void line(XYChart c, String name, double[] x, double[] y) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    }

    private static void markVertical(XYChart c, double[][] values, double[] marks, List<String> markNames) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(lo < hi)) {
            lo -= 1;
            hi += 1;
        }
        List<String> used = new ArrayList<>();
        for (int i = 0; i < marks.length; i++) {
            String name = markNames.get(i);
            if (used.contains(name)) {
                continue;
            }
            used.add(name);
            double x = Math.log10(marks[i]);
            XYSeries s = c.addSeries(name, new double[] {x, x}, new double[] {lo, hi});
            s.setMarker(SeriesMarkers.NONE);
        }
    }

    private static double[] log10(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.log10(v[i]);
        }
        return out;
    }
}
