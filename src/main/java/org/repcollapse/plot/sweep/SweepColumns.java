package org.repcollapse.plot.sweep;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The column dictionary of {@code sweep.csv} as the plots use it: each column's axis label (in
 * {@link org.repcollapse.plot.MathText} markup), meaning and unit, and the theory column that
 * predicts a measured one ({@code slow_fitted} against {@code theory_slow_rate}, ...). Times
 * and rates are in model time (the flow's t); the README's column dictionary says the same.
 */
public final class SweepColumns {

    /** One column: axis label, meaning, unit ("" if none). */
    public record Column(String label, String meaning, String unit) {
    }

    private static final Map<String, Column> COLUMNS = new LinkedHashMap<>();
    private static final Map<String, String> KEYS = new LinkedHashMap<>();
    private static final Map<String, String> THEORY = Map.of(
            "slow_fitted", "theory_slow_rate",
            "fast_fitted", "theory_fast_rate",
            "clusters", "theory_clusters",
            "head_separation_eig", "theory_head_separation_eig");

    static {
        put("point", "grid point", "grid point index (first --param varies slowest)", "");
        put("seed", "seed", "the run's seed", "");
        put("status", "status", "complete or failed", "");
        put("failure_time", "failure time t", "model time of a numerical failure (empty if complete)", "time");
        put("collapse", "collapse type", "none, cluster, complete or dimensional", "");
        put("clusters", "label clusters", "number of label clusters at the end", "count");
        put("t", "t", "final time reached", "time");
        put("loss", "loss L", "final loss", "");
        put("accuracy", "accuracy", "nearest-label accuracy at the end (empty once labels are closer than the integration resolves)", "fraction");
        put("min_label_distance", "min label distance", "smallest distance between two labels at the end", "length");
        put("mean_label_distance", "mean label distance", "mean distance between labels at the end", "length");
        put("effective_rank", "effective rank", "effective rank of the centred sample embeddings", "");
        put("head_eig_min", "head eigenvalue |μ|_{min}", "smallest eigenvalue modulus of the head P", "");
        put("head_eig_max", "head eigenvalue |μ|_{max}", "largest eigenvalue modulus of the head P", "");
        put("mismatch", "mismatch", "distance to the slow manifold, ½ Σᵢ n(Sᵢ) ‖P xᵢ − mean of the labels in Sᵢ‖²", "length²");
        put("alignment", "alignment", "Wang–Isola alignment: mean over edges of ‖x̂ᵢ − ŷ_c‖², unit-normalised", "");
        put("uniformity", "uniformity", "Wang–Isola uniformity: log mean over pairs of exp(−2‖x̂ᵢ − x̂ⱼ‖²), at most 256 samples", "");
        put("dim_variance_min", "min per-dimension variance", "smallest per-dimension variance of the embeddings",
                "length²");
        put("dim_variance_mean", "mean per-dimension variance", "mean per-dimension variance of the embeddings",
                "length²");
        put("initial_min_label_distance", "initial min label distance", "min label distance at t = 0", "length");
        put("fast_fitted", "fast rate λ_f (fitted)", "fast rate fitted to the mismatch decay", "1/time");
        put("slow_fitted", "slow rate λ_s (fitted)", "slow rate fitted to the late label-separation decay",
                "1/time");
        put("theory_frustrated", "frustrated", "whether some sample carries two labels (1 or 0)", "");
        put("theory_components", "frustration components", "connected components of the frustration graph", "count");
        put("theory_collapse", "predicted collapse", "predicted collapse type (embedding-only theory)", "");
        put("theory_clusters", "predicted clusters", "predicted number of label clusters", "count");
        put("theory_fast_rate", "fast rate λ_f (theory)", "predicted fast rate", "1/time");
        put("theory_slow_rate", "slow rate λ_s (theory)", "predicted slow rate", "1/time");
        put("theory_collapse_time", "collapse time t_c (theory)", "predicted collapse time", "time");
        put("theory_two_class_r", "r = 2φ/(1+φ)", "two-class coupling r", "");
        put("theory_regime", "regime", "teacher–student regime (R9)", "");
        put("theory_head_critical_fraction", "critical fraction φ_c", "head model's critical frustration fraction",
                "");
        put("theory_head_separation_eig", "head separation eigenvalue (theory)", "predicted head eigenvalue of the "
                + "label-separation mode", "");
        put("head_separation_eig", "head separation eigenvalue", "measured head eigenvalue of the label-separation "
                + "mode", "");
        put("head_self_consistency_residual", "self-consistency residual", "residual of the head's stationary "
                + "equations", "");
        put("rhs_evaluations", "RHS evaluations", "right-hand-side evaluations of the integration", "count");
        KEYS.put("frustration.fraction", "frustration fraction φ");
        KEYS.put("samples", "samples N");
        KEYS.put("classes", "classes K");
        KEYS.put("dim", "dimension d");
        KEYS.put("rates.samples", "sample rate η_x");
        KEYS.put("rates.labels", "label rate γ");
        KEYS.put("rates.head", "head rate η_P");
        KEYS.put("init.samples", "initial scale s_x");
        KEYS.put("init.labels", "initial scale s_y");
        KEYS.put("init.head", "initial scale s_P");
        KEYS.put("integrator.tEnd", "t_{end}");
        KEYS.put("teacher.noise", "teacher noise σ");
        KEYS.put("teacher.prototypeScale", "prototype scale κ");
        KEYS.put("teacher.inputDim", "input dimension D");
    }

    private SweepColumns() {
    }

    private static void put(String name, String label, String meaning, String unit) {
        COLUMNS.put(name, new Column(label, meaning, unit));
    }

    /** Every documented column, in sweep.csv order (swept keys go after seed). */
    public static Map<String, Column> all() {
        return COLUMNS;
    }

    /** The axis label of a column or swept key (the name itself when undocumented). */
    public static String label(String name) {
        if (KEYS.containsKey(name)) {
            return KEYS.get(name);
        }
        Column c = COLUMNS.get(name);
        return c == null ? name : c.label();
    }

    /** The theory column predicting a measured column, if sweep.csv has one; null otherwise. */
    public static String theoryOf(String column) {
        return THEORY.get(column);
    }

    /** Whether a column is itself a theory prediction. */
    public static boolean isTheory(String column) {
        return column.startsWith("theory_");
    }
}
