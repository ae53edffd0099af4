package dev.linea.cli;

import dev.linea.models.Dataset;

import java.util.LinkedHashMap;
import java.util.Map;

/** In-sample R², RMSE and MAE (sample weights applied when the data have them). */
record TrainingMetrics(double r2, double rmse, double mae) {

    static TrainingMetrics of(Dataset d, double[] pred) {
        double sw = 0;
        double mean = 0;
        for (int i = 0; i < d.rows(); i++) {
            sw += d.weight(i);
            mean += d.weight(i) * d.y(i);
        }
        mean /= sw;
        double sse = 0;
        double sst = 0;
        double sae = 0;
        for (int i = 0; i < d.rows(); i++) {
            double w = d.weight(i);
            double r = d.y(i) - pred[i];
            sse += w * r * r;
            sae += w * Math.abs(r);
            double c = d.y(i) - mean;
            sst += w * c * c;
        }
        return new TrainingMetrics(sst == 0 ? Double.NaN : 1 - sse / sst, Math.sqrt(sse / sw), sae / sw);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("r_squared", Double.isFinite(r2) ? r2 : null);
        m.put("rmse", rmse);
        m.put("mae", mae);
        return m;
    }
}
