package dev.linea.cli;

import dev.linea.kernels.Backends;
import dev.linea.models.LinearPredictor;
import dev.linea.models.inference.CoefficientStats;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsResult;
import dev.linea.models.preprocessing.TableEncoder;
import dev.linea.models.scoring.Scorer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's mixed-type table: OLS on the embedded airquality data (a text month, a yes/no weekend, NA cells in the
 * target and in solar radiation), as {@code linea fit airquality --exclude day --reference month=May
 * --missing median,mode --save …} fits it, then new days scored by the saved model through the named-values
 * {@link Scorer} (a missing solar radiation takes the training median, a month is given by name).
 */
final class MixedTypeDemo {
    private MixedTypeDemo() {
    }

    /** The command line that fits the same model. */
    static final String COMMAND = "linea fit airquality --exclude day --reference month=May --missing median,mode";

    /** New days to score: raw values as a service would receive them (null: missing). */
    static List<Map<String, Object>> newDays() {
        List<Map<String, Object>> days = new ArrayList<>();
        days.add(day("June", 12.0, 85.0, 250.0, "no"));
        days.add(day("August", 6.3, 92.0, null, "yes"));
        days.add(day("September", 14.9, 70.0, "NA", "no"));
        return days;
    }

    private static Map<String, Object> day(String month, double wind, double temp, Object solar, String weekend) {
        Map<String, Object> d = new HashMap<>();
        d.put("month", month);
        d.put("wind", wind);
        d.put("temp", temp);
        d.put("solar_r", solar);
        d.put("weekend", weekend);
        return d;
    }

    /**
     * Fits, saves the model into {@code out} and scores {@link #newDays()}.
     *
     * @return what to print: the coefficients with their standard errors, the coding and missing-value report,
     *         the model file and the predictions
     */
    static Map<String, Object> run(Path out) {
        DataOptions o = new DataOptions();
        o.data = "airquality";
        o.exclude = List.of("day");
        o.reference = List.of("month=May");
        o.missing = "median,mode";
        TableEncoder.Encoded e = o.load(false, true);
        OlsResult r = new LinearRegression(OlsOptions.defaults(), Backends.defaultBackend()).fit(e.data());
        Path model = out.resolve("airquality-ols.json");
        UserFiles.requireWritable(model, "--out");
        ModelFiles.save(LinearPredictor.identity(r.model()), DataOptions.preprocessing(e, null), "ozone",
                e.data().rows(), model);
        Scorer scorer = Scorer.of(ModelFiles.load(model));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", COMMAND);
        root.put("rows", e.data().rows());
        Map<String, Object> coefs = new LinkedHashMap<>();
        for (CoefficientStats c : r.inference().coefficients()) {
            coefs.put(c.name(), List.of(c.estimate(), c.stdError()));
        }
        root.put("coefficients_and_standard_errors", coefs);
        root.put("r_squared", r.inference().rSquared());
        root.put("encoding", DataOptions.describeJson(e));
        root.put("report", DataOptions.describe(e));
        root.put("model_file", model.toString());
        List<Map<String, Object>> scored = new ArrayList<>();
        for (Map<String, Object> d : newDays()) {
            Map<String, Object> s = new LinkedHashMap<>(new java.util.TreeMap<>(d));
            s.put("predicted_ozone", scorer.score(d));
            scored.add(s);
        }
        root.put("new_days", scored);
        return root;
    }

    /** Prints {@link #run}'s result as text. */
    @SuppressWarnings("unchecked")
    static void print(Map<String, Object> r) {
        System.out.println("\nmixed types: airquality (R's datasets: month as text, weekend yes/no, NA cells), OLS as");
        System.out.println("  " + r.get("command"));
        System.out.printf(Locale.ROOT, "  %d rows used; R² %.4f%n", (Integer) r.get("rows"), (Double) r.get("r_squared"));
        System.out.printf(Locale.ROOT, "  %-22s %12s %12s%n", "term", "coefficient", "std. error");
        ((Map<String, Object>) r.get("coefficients_and_standard_errors")).forEach((k, v) -> {
            List<Double> c = (List<Double>) v;
            System.out.printf(Locale.ROOT, "  %-22s %12.5f %12.5f%n", k, c.get(0), c.get(1));
        });
        for (String line : (List<String>) r.get("report")) {
            System.out.println("  " + line);
        }
        System.out.println("  model saved to " + r.get("model_file") + "; new days scored by name (Scorer.score(Map)):");
        for (Map<String, Object> d : (List<Map<String, Object>>) r.get("new_days")) {
            Map<String, Object> in = new LinkedHashMap<>(d);
            Object p = in.remove("predicted_ozone");
            System.out.printf(Locale.ROOT, "    %s -> ozone %.1f%n", in, (Double) p);
        }
    }
}
