package org.repcollapse.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.repcollapse.analysis.Metrics;
import org.repcollapse.experiment.RunResult;

/**
 * The columns of sweep.csv and one run's row: point index and seed, the swept values, status
 * (complete or failed, with the failure time), collapse type and cluster count, the final
 * metrics (spec section 6, up to {@code dim_variance_mean}), the minimum label distance at
 * t = 0, fitted rates, the theory predictions ({@link ColumnDictionary#theory()}) and the right-hand-side
 * evaluations. Every entry is a deterministic function of the experiment (no wall time), so a
 * row is the same whichever thread or process computed it. Numbers are written with
 * {@link Double#toString} (exact round trip); an entry that does not apply is empty.
 */
public final class SweepRow {

    private SweepRow() {
    }

    public static List<String> columns(List<String> parameterKeys) {
        List<String> c = new ArrayList<>(List.of("point", "seed"));
        c.addAll(parameterKeys);
        c.addAll(List.of("status", "failure_time", "collapse", "clusters"));
        c.addAll(Metrics.columns(0));
        c.addAll(List.of("initial_min_label_distance", "fast_fitted", "slow_fitted"));
        for (ColumnDictionary.Entry t : ColumnDictionary.theory()) {
            c.add(t.name());
        }
        c.add("rhs_evaluations");
        return c;
    }

    public static List<String> values(RunKey key, List<String> parameterValues, RunResult r) {
        List<String> v = new ArrayList<>();
        v.add(Integer.toString(key.point()));
        v.add(Long.toString(key.seed()));
        v.addAll(parameterValues);
        v.add(r.complete() ? "complete" : "failed");
        v.add(r.complete() ? "" : num(r.failure().time()));
        v.add(r.complete() ? r.verdict().type().key() : "");            // no verdict on a failed run
        v.add(r.complete() ? Integer.toString(r.verdict().clusters().size()) : "");
        double[] last = r.trajectory().isEmpty() ? r.initial() : r.trajectory().last();
        for (int k = 0; k <= Metrics.DIM_VARIANCE_MEAN; k++) {
            v.add(num(last[k]));
        }
        v.add(num(r.initial()[Metrics.MIN_LABEL_DISTANCE]));
        v.add(num(r.fastRateFitted()));
        v.add(num(r.slowRateFitted()));
        for (ColumnDictionary.Entry t : ColumnDictionary.theory()) {
            boolean applies = !(r.experiment().hasHead() && t.embeddingOnly());
            v.add(applies ? theory(r.theory(), t.theoryPath()) : "");
        }
        v.add(Long.toString(r.evaluations()));
        return v;
    }

    private static String theory(Map<String, Object> theory, String path) {
        Object o = theory;
        for (String part : path.split("\\.")) {
            if (o instanceof List<?> l && part.matches("\\d+")) {
                int k = Integer.parseInt(part);
                o = k < l.size() ? l.get(k) : null;
            } else {
                o = o instanceof Map<?, ?> m ? m.get(part) : null;
            }
        }
        if (o == null) {
            return "";
        }
        if (o instanceof List<?> l) {
            return Integer.toString(l.size());
        }
        if (o instanceof Double d) {
            return num(d);
        }
        return o.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
