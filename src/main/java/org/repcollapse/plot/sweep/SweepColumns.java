package org.repcollapse.plot.sweep;

import java.util.LinkedHashMap;
import java.util.Map;

import org.repcollapse.sweep.ColumnDictionary;

/**
 * The column dictionary of {@code sweep.csv} ({@link ColumnDictionary}) as the plots use it: each column's
 * axis label (in {@link org.repcollapse.plot.MathText} markup), meaning and unit, the swept keys' labels,
 * and the theory column that predicts a measured one ({@code slow_fitted} against {@code theory_slow_rate}, ...). Times
 * and rates are in model time (the flow's t); the README's column dictionary says the same.
 */
public final class SweepColumns {

    private static final Map<String, ColumnDictionary.Entry> COLUMNS = new LinkedHashMap<>();
    private static final Map<String, String> KEYS = new LinkedHashMap<>();
    private static final Map<String, String> THEORY = Map.of(
            "slow_fitted", "theory_slow_rate",
            "fast_fitted", "theory_fast_rate",
            "clusters", "theory_clusters",
            "head_separation_eig", "theory_head_separation_eig");

    static {
        for (ColumnDictionary.Entry e : ColumnDictionary.all()) {
            COLUMNS.put(e.name(), e);
        }
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

    /** Every documented column, in sweep.csv order (swept keys go after seed). */
    public static Map<String, ColumnDictionary.Entry> all() {
        return COLUMNS;
    }

    /** The axis label of a column or swept key (the name itself when undocumented). */
    public static String label(String name) {
        if (KEYS.containsKey(name)) {
            return KEYS.get(name);
        }
        ColumnDictionary.Entry c = COLUMNS.get(name);
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
