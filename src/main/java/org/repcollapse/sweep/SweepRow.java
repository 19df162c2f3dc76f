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
 * t = 0, fitted rates, the theory predictions of {@link #THEORY} and the right-hand-side
 * evaluations. Every entry is a deterministic function of the experiment (no wall time), so a
 * row is the same whichever thread or process computed it. Numbers are written with
 * {@link Double#toString} (exact round trip); an entry that does not apply is empty.
 */
public final class SweepRow {

    /**
     * Theory columns: name in the CSV, dotted path in {@link RunResult#theory()} (a number
     * indexes a list; a list at the end gives its size), and whether it is a prediction of the embedding-only dynamics (left empty for
     * a model with a head, as summary.json does) rather than a property of the data.
     */
    public static final List<String[]> THEORY = List.of(
            new String[] {"theory_frustrated", "frustrated", "data"},
            new String[] {"theory_components", "frustration_graph_components", "data"},
            new String[] {"theory_collapse", "predicted_collapse", "eom"},
            new String[] {"theory_clusters", "predicted_clusters", "eom"},
            new String[] {"theory_fast_rate", "fast_rate", "eom"},
            new String[] {"theory_slow_rate", "slow_rate", "eom"},
            new String[] {"theory_collapse_time", "collapse_time", "eom"},
            new String[] {"theory_two_class_r", "two_class.r", "data"},
            new String[] {"theory_regime", "regime", "data"},
            new String[] {"theory_head_critical_fraction", "head.critical_fraction", "data"},
            new String[] {"theory_head_separation_eig", "head.final.modes.1.predicted", "data"},
            new String[] {"head_separation_eig", "head.final.modes.1.measured", "data"},
            new String[] {"head_self_consistency_residual", "head.final.self_consistency_residual", "data"});

    private SweepRow() {
    }

    public static List<String> columns(List<String> parameterKeys) {
        List<String> c = new ArrayList<>(List.of("point", "seed"));
        c.addAll(parameterKeys);
        c.addAll(List.of("status", "failure_time", "collapse", "clusters"));
        c.addAll(Metrics.columns(0));
        c.addAll(List.of("initial_min_label_distance", "fast_fitted", "slow_fitted"));
        for (String[] t : THEORY) {
            c.add(t[0]);
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
        for (String[] t : THEORY) {
            boolean applies = !(r.experiment().hasHead() && t[2].equals("eom"));
            v.add(applies ? theory(r.theory(), t[1]) : "");
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
