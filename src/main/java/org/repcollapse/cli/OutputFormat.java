package org.repcollapse.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.experiment.SummaryJson;
import org.repcollapse.sweep.SweepCsv;

/**
 * How a command prints its numbers ({@code --format}): {@code text} for reading, {@code json}
 * (one object, NaN and infinities as null) or {@code csv} (tidy: one row per number,
 * {@code quantity,value}, the quantity a dotted path into the JSON object, list entries by
 * index; an empty field for null/NaN).
 */
public enum OutputFormat {
    TEXT, JSON, CSV;

    public static OutputFormat of(String name, boolean textAllowed) {
        for (OutputFormat f : values()) {
            if (f.name().equalsIgnoreCase(name) && (f != TEXT || textAllowed)) {
                return f;
            }
        }
        throw ExperimentException.of("--format", name, "must be " + (textAllowed ? "text, json or csv" : "json or csv"));
    }

    /** The object in this format (JSON or CSV). */
    public String render(Map<String, Object> object) {
        Object clean = SummaryJson.sanitize(object);
        if (this == JSON) {
            return SummaryJson.toJson(clean);
        }
        StringBuilder b = new StringBuilder(SweepCsv.line(List.of("quantity", "value"))).append('\n');
        List<String[]> rows = new ArrayList<>();
        flatten("", clean, rows);
        rows.forEach(r -> b.append(SweepCsv.line(List.of(r))).append('\n'));
        return b.toString();
    }

    private static void flatten(String path, Object o, List<String[]> rows) {
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> flatten(path.isEmpty() ? k.toString() : path + "." + k, v, rows));
        } else if (o instanceof List<?> l) {
            for (int k = 0; k < l.size(); k++) {
                flatten(path + "." + k, l.get(k), rows);
            }
        } else if (o instanceof Object[] a) {
            for (int k = 0; k < a.length; k++) {
                flatten(path + "." + k, a[k], rows);
            }
        } else if (o instanceof double[] a) {
            for (int k = 0; k < a.length; k++) {
                flatten(path + "." + k, a[k], rows);
            }
        } else if (o instanceof int[] a) {
            for (int k = 0; k < a.length; k++) {
                flatten(path + "." + k, a[k], rows);
            }
        } else {
            String v = o == null || (o instanceof Double d && !Double.isFinite(d)) ? "" : o.toString();
            rows.add(new String[] {path, v});
        }
    }
}
