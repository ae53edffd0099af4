package dev.linea.cli;

import dev.linea.models.FitReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fit reports as JSON-friendly maps. */
final class Reports {
    private Reports() {
    }

    static Map<String, Object> toMap(FitReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("estimator", r.estimator());
        m.put("backend", r.backend());
        m.put("solver", r.solver());
        m.put("iterations", r.iterations());
        m.put("converged", r.converged());
        m.put("status", r.status());
        if (r.certificate() != null) {
            m.put("certificate", certificate(r.certificate()));
        }
        m.put("wall_time_ms", r.wallTime().toNanos() / 1e6);
        m.put("notes", r.notes());
        List<Object> loss = new ArrayList<>();
        for (double v : r.lossHistory()) {
            loss.add(Double.isFinite(v) ? v : null);
        }
        m.put("loss_history", loss);
        return m;
    }

    /** kind, value, tolerance, met, distance_bound (null when strong convexity gives none). */
    static Map<String, Object> certificate(dev.linea.models.Certificate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", c.kind().label());
        m.put("value", Double.isFinite(c.value()) ? c.value() : null);
        m.put("tolerance", c.tolerance());
        m.put("met", c.met());
        m.put("distance_bound", Double.isFinite(c.distanceBound()) ? c.distanceBound() : null);
        return m;
    }
}
