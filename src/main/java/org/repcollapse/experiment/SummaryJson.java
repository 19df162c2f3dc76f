package org.repcollapse.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.repcollapse.analysis.Metrics;

/**
 * {@code summary.json}: status (complete, or failed with the time), the resolved experiment,
 * the metrics at t = 0 and at the end, the collapse type, the fitted rates next to the
 * predicted ones, and the theory that applies. Non-finite numbers are written as null.
 */
public final class SummaryJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private SummaryJson() {
    }

    public static Map<String, Object> build(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.experiment().name());
        m.put("model", r.experiment().model());
        m.put("solver", r.solver());
        m.put("status", r.complete() ? "complete" : "failed");
        if (!r.complete()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("time", r.failure().time());
            f.put("message", r.failure().getMessage());
            f.put("recorded_points", r.trajectory().size());
            m.put("failure", f);
        }
        m.put("final", row(r.trajectory().columns(), r.trajectory().isEmpty() ? r.initial() : r.trajectory().last()));
        m.put("initial", row(r.trajectory().columns(), r.initial()));
        Map<String, Object> c = new LinkedHashMap<>();
        // a failed run gets no verdict: its last state says nothing about collapse (null = not applicable)
        c.put("type", r.complete() ? r.verdict().type().key() : null);
        c.put("clusters", r.complete() ? r.verdict().clusters() : null);
        c.put("cluster_count", r.complete() ? r.verdict().clusters().size() : null);
        c.put("threshold", r.verdict().threshold());
        m.put("collapse", c);
        Map<String, Object> rates = new LinkedHashMap<>();
        rates.put("fast_fitted", num(r.fastRateFitted()));
        rates.put("fast_predicted", r.experiment().linearTheory() ? sanitize(r.theory().get("fast_rate")) : null);
        rates.put("slow_fitted", num(r.slowRateFitted()));
        rates.put("slow_predicted", r.experiment().linearTheory() ? sanitize(r.theory().get("slow_rate")) : null);
        m.put("rates", rates);
        m.put("theory", sanitize(r.theory()));
        Map<String, Object> integ = new LinkedHashMap<>();
        integ.put("method", r.experiment().integrator().method());
        integ.put("rtol", r.experiment().integrator().rtol());
        integ.put("atol", r.experiment().integrator().atol());
        integ.put("rhs_evaluations", r.evaluations());
        integ.put("wall_seconds", r.wallSeconds());
        if (r.integration() != null) {
            integ.putAll(r.integration().toMap());
        }
        m.put("integration", integ);
        m.put("experiment", r.experiment());
        return m;
    }

    private static Map<String, Object> row(List<String> columns, double[] row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < row.length && k <= Metrics.DIM_VARIANCE_MEAN; k++) {
            m.put(columns.get(k), num(row[k]));
        }
        return m;
    }

    static Object num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    @SuppressWarnings("unchecked")
    public static Object sanitize(Object o) {
        if (o instanceof Double d) {
            return num(d);
        }
        if (o instanceof double[] a) {
            Object[] out = new Object[a.length];
            for (int k = 0; k < a.length; k++) {
                out[k] = num(a[k]);
            }
            return out;
        }
        if (o instanceof List<?> list) {
            return list.stream().map(SummaryJson::sanitize).toList();
        }
        if (o instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, sanitize(v)));
            return out;
        }
        return o;
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(Path file, RunResult r) throws IOException {
        AtomicFiles.writeString(file, toJson(build(r)));
    }
}
