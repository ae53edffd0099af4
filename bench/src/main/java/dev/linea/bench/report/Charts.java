package dev.linea.bench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PNG charts of a run, written next to {@code report.md} (XChart, headless: no display is needed):
 * <ul>
 *   <li>per benchmark, {@code chart-<Class>-<method>.png}: the rate ({@link BenchReport#rate}, GB/s or GFLOP/s)
 *       against the shape, one series per backend. Numeric shapes (n, p, gemmN, cholN) go on a log x axis;
 *       m×n shapes are categories, as grouped bars. Benchmarks without a rate (the mixed workloads) get none.</li>
 *   <li>{@code roofline.png}: achieved GFLOP/s against arithmetic intensity ({@link WorkModel#intensity}) for
 *       every kernel where it is known, one series per backend, under the memory roof (read GB/s × intensity)
 *       and the compute roof (peak FMA GFLOP/s), both measured by MachineLimitsBench in the same run.</li>
 * </ul>
 */
public final class Charts {
    /** File name of the roofline chart. */
    public static final String ROOFLINE = "roofline.png";
    /** Key of the roofline chart in the map {@link #write} returns. */
    public static final String ROOFLINE_KEY = "roofline";

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    private Charts() {
    }

    /**
     * Writes every chart the run supports into {@code dir}.
     *
     * @return benchmark name (or {@link #ROOFLINE_KEY}) → file name relative to {@code dir}, in report order
     */
    public static Map<String, String> write(BenchReport report, Path dir) throws IOException {
        // Set before the first AWT class loads: the benchmark machines have no display.
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        Map<String, String> files = new LinkedHashMap<>();
        XYChart roof = roofline(report);
        if (roof != null) {
            save(roof, dir.resolve(ROOFLINE));
            files.put(ROOFLINE_KEY, ROOFLINE);
        }
        Map<String, List<Measurement>> byBench = new LinkedHashMap<>();
        for (Measurement m : report.rows()) {
            if (!m.benchmark().startsWith("MachineLimitsBench")) {
                byBench.computeIfAbsent(m.benchmark(), k -> new ArrayList<>()).add(m);
            }
        }
        for (Map.Entry<String, List<Measurement>> e : byBench.entrySet()) {
            Chart<?, ?> c = throughput(report, e.getKey(), e.getValue());
            if (c != null) {
                String name = "chart-" + e.getKey().replace('.', '-') + ".png";
                save(c, dir.resolve(name));
                files.put(e.getKey(), name);
            }
        }
        return files;
    }

    private static void save(Chart<?, ?> chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** Backend name as a series label: benchmarks that take no backend (LinearModel.predict) run plain Java. */
    private static String series(Measurement m) {
        return m.backend().isEmpty() ? "no backend" : m.backend();
    }

    /** One colour per backend in every chart, so the charts read alike; other series take XChart's defaults. */
    private static final Map<String, Color> COLOURS = Map.of(
            "scalar", new Color(0x7f7f7f), "vector", new Color(0xff7f0e), "native", new Color(0x1f77b4),
            "auto", new Color(0x2ca02c), "no backend", new Color(0x9467bd));

    private static void colour(XYSeries s, String name) {
        Color c = COLOURS.get(name);
        if (c != null) {
            s.setLineColor(c);
            s.setMarkerColor(c);
        }
    }

    private static boolean usable(double v) {
        return Double.isFinite(v) && v > 0;
    }

    /** Rate against shape for one benchmark; null when no measurement has a rate. */
    static Chart<?, ?> throughput(BenchReport report, String benchmark, List<Measurement> rows) {
        List<Measurement> ok = rows.stream().filter(m -> usable(report.rate(m))).toList();
        if (ok.isEmpty()) {
            return null;
        }
        String unit = WorkModel.memoryBound(benchmark) ? "GB/s" : "GFLOP/s";
        String param = ok.getFirst().params().keySet().stream().filter(k -> !k.equals("backend")).findFirst()
                .orElse("shape");
        boolean numeric = ok.stream().allMatch(m -> m.shape().matches("[0-9.eE+]+"));
        List<String> shapes = ok.stream().map(Measurement::shape).distinct()
                .sorted(Comparator.comparingDouble(Charts::size)).toList();
        Map<String, List<Measurement>> bySeries = new LinkedHashMap<>();
        for (Measurement m : ok) {
            bySeries.computeIfAbsent(series(m), k -> new ArrayList<>()).add(m);
        }
        String title = benchmark + ": " + unit + " by " + param;
        if (numeric && shapes.size() > 1) {
            XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(param + " (log)")
                    .yAxisTitle(unit).build();
            c.getStyler().setXAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.OutsideE);
            for (Map.Entry<String, List<Measurement>> e : bySeries.entrySet()) {
                List<Measurement> s = e.getValue().stream().sorted(Comparator.comparingDouble(m -> size(m.shape())))
                        .toList();
                colour(c.addSeries(e.getKey(), s.stream().map(m -> size(m.shape())).toList(),
                        s.stream().map(report::rate).toList()), e.getKey());
            }
            return c;
        }
        // m×n shapes (or a single numeric one): grouped bars, one group per shape, smallest matrix first.
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(param)
                .yAxisTitle(unit).build();
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar)
                .setLegendPosition(Styler.LegendPosition.OutsideE);
        for (Map.Entry<String, List<Measurement>> e : bySeries.entrySet()) {
            // Every series gets every category (XChart lays out bars by position); a missing cell is 0.
            List<Double> y = new ArrayList<>();
            for (String shape : shapes) {
                y.add(e.getValue().stream().filter(m -> m.shape().equals(shape)).findFirst().map(report::rate)
                        .orElse(0.0));
            }
            Color colour = COLOURS.get(e.getKey());
            CategorySeries s = c.addSeries(e.getKey(), shapes, y);
            if (colour != null) {
                s.setFillColor(colour);
            }
        }
        return c;
    }

    /** Elements of a shape: n, or m·n for "m x n"; used to order shapes and as the numeric x. */
    static double size(String shape) {
        try {
            if (shape.contains("x")) {
                String[] p = shape.split("x");
                return Double.parseDouble(p[0]) * Double.parseDouble(p[1]);
            }
            return Double.parseDouble(shape);
        } catch (NumberFormatException e) {
            return Double.MAX_VALUE;
        }
    }

    /** The roofline; null when there is neither a kernel with a known intensity nor a measured limit. */
    static XYChart roofline(BenchReport report) {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Measurement m : report.rows()) {
            double x = WorkModel.intensity(m.benchmark(), m.shape());
            double y = report.gflops(m);
            if (usable(x) && usable(y)) {
                points.computeIfAbsent(series(m), k -> new ArrayList<>()).add(new double[]{x, y});
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        double read = report.limits().get("read_GBps");
        double peak = report.limits().get("peak_fma_GFLOPps");
        if (points.isEmpty() && !(usable(read) && usable(peak))) {
            return null;
        }
        double ridge = peak / read; // the intensity where the two roofs meet
        if (usable(ridge)) {
            lo = Math.min(lo, ridge);
            hi = Math.max(hi, ridge);
        }
        if (points.isEmpty() && !usable(ridge)) {
            return null;
        }
        lo /= 2;
        hi *= 2;
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Roofline: achieved GFLOP/s against arithmetic intensity").xAxisTitle("flops per byte (log)")
                .yAxisTitle("GFLOP/s (log)").build();
        c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true)
                .setLegendPosition(Styler.LegendPosition.OutsideE);
        if (usable(read)) {
            double end = usable(peak) ? Math.min(ridge, hi) : hi;
            line(c, String.format(java.util.Locale.ROOT, "memory roof (read %.1f GB/s)", read),
                    lo, read * lo, end, read * end, false);
        }
        if (usable(peak)) {
            double start = usable(read) ? Math.max(ridge, lo) : lo;
            line(c, String.format(java.util.Locale.ROOT, "compute roof (FMA %.1f GFLOP/s)", peak),
                    start, peak, hi, peak, true);
        }
        for (Map.Entry<String, List<double[]>> e : points.entrySet()) {
            XYSeries s = c.addSeries(e.getKey(), e.getValue().stream().map(p -> p[0]).toList(),
                    e.getValue().stream().map(p -> p[1]).toList());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            colour(s, e.getKey());
        }
        return c;
    }

    private static void line(XYChart c, String name, double x0, double y0, double x1, double y1, boolean dashed) {
        XYSeries s = c.addSeries(name, new double[]{x0, x1}, new double[]{y0, y1});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Color.BLACK); // roofs in black: the backends' colours stay for the points
        if (dashed) {
            s.setLineStyle(SeriesLines.DASH_DASH);
        }
    }
}
