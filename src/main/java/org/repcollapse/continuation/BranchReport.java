package org.repcollapse.continuation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.repcollapse.experiment.ContinuationSettings;
import org.repcollapse.experiment.Experiment;

/**
 * The table and the summary of a continued branch (README "Head, stop-gradient and fixed points",
 * papers/continuation.md). One row per point of {@code branch.csv}: {@code point}, the continued key
 * (named exactly as the key), {@code arclength}, {@code event} (fold / branch_point, empty for an
 * ordinary point), {@code residual} (|F|), {@code iterations}, {@code stable}, {@code stable_count},
 * {@code unstable_count} (eigenvalues modulo the family with real part below -eps / above eps),
 * {@code family_dimension}, {@code largest_real_part} (outside the family), {@code spectral_scale},
 * {@code uncertainty} (eps), {@code bordered_sign}, {@code dlambda_ds}, {@code min_label_distance},
 * {@code separation_a_b} per class pair, then per label mode k: {@code tau_k},
 * {@code head_eig_k} (measured), {@code head_eig_k_predicted} (sqrt(tau_k)),
 * {@code head_eig_k_relative_difference}.
 */
public final class BranchReport {

    private final MeanFieldProblem problem;
    private final PseudoArclength.Result result;
    private final List<BranchMeasures> measures = new ArrayList<>();
    private final double[] critical;
    private final double[] criticalBranch;

    public BranchReport(MeanFieldProblem problem, PseudoArclength.Result result, double from, double to) {
        this.problem = problem;
        this.result = result;
        List<Double> lambdas = new ArrayList<>();
        for (BranchPoint p : result.points()) {
            measures.add(BranchMeasures.of(problem.flow(p.lambda()), p.z()));
            lambdas.add(p.lambda());
        }
        boolean fraction = problem.key().equals("frustration.fraction");
        Experiment e = problem.experiment();
        critical = fraction && e.hasHead() ? CriticalFrustration.closedForm(e, Math.min(from, to), Math.max(from, to))
                : null;
        criticalBranch = fraction && e.hasHead() && e.stopGradient() ? CriticalFrustration.fromBranch(lambdas, measures)
                : null;
    }

    public List<BranchMeasures> measures() {
        return measures;
    }

    /** The uncertainty of a real part at point p ({@link BranchPoint#uncertainty()}). */
    public static double uncertainty(BranchPoint p) {
        return p.uncertainty();
    }

    public static boolean stable(BranchPoint p) {
        double eps = uncertainty(p);
        return p.spectrum().largestRealPart() < -eps;
    }

    /** [phi_c, mode] in closed form (null if no mode is lost in the interval or not a fraction continuation). */
    public double[] criticalClosedForm() {
        return critical;
    }

    /** [phi_c, mode] extrapolated from the branch (null if unavailable). */
    public double[] criticalFromBranch() {
        return criticalBranch;
    }

    public List<String> header() {
        return header(problem.key(), problem.experiment().classes());
    }

    /** The columns of a branch.csv continued in {@code key} with K = k classes (both branch kinds). */
    static List<String> header(String key, int k) {
        List<String> h = new ArrayList<>(List.of("point", key, "arclength", "event", "residual", "iterations",
                "stable", "stable_count", "unstable_count", "family_dimension", "largest_real_part", "spectral_scale",
                "uncertainty", "bordered_sign", "dlambda_ds", "min_label_distance"));
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                h.add("separation_" + a + "_" + b);
            }
        }
        for (int m = 0; m < k; m++) {
            h.addAll(List.of("tau_" + m, "head_eig_" + m, "head_eig_" + m + "_predicted",
                    "head_eig_" + m + "_relative_difference"));
        }
        return h;
    }

    /** The rows of branch.csv as strings (empty for NaN). */
    public List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < result.points().size(); i++) {
            BranchPoint p = result.points().get(i);
            BranchMeasures m = measures.get(i);
            double eps = uncertainty(p);
            List<String> r = new ArrayList<>(List.of(Integer.toString(i), num(p.lambda()), num(p.arclength()),
                    p.event() == null ? "" : p.event().name().toLowerCase(Locale.ROOT), num(p.residual()),
                    Integer.toString(p.iterations()), Boolean.toString(stable(p)),
                    Integer.toString(p.spectrum().stable(eps)), Integer.toString(p.spectrum().unstable(eps)),
                    Integer.toString(result.family()), num(p.spectrum().largestRealPart()), num(p.spectrum().scale()),
                    num(eps), Integer.toString(p.borderedSign()), num(p.parameterTangent()), num(m.minSeparation())));
            for (double s : m.separations()) {
                r.add(num(s));
            }
            for (int k = 0; k < m.tau().length; k++) {
                r.add(num(m.tau()[k]));
                r.add(num(m.measured()[k]));
                r.add(num(m.predicted()[k]));
                r.add(num(m.relativeDifference(k)));
            }
            rows.add(r);
        }
        return rows;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    /** The JSON summary: settings, family, stop reason, special points, critical frustration. */
    public Map<String, Object> summary(double from, double to, int steps, double tol) {
        Experiment e = problem.experiment();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        new ContinuationSettings(problem.key(), from, to, steps, tol).putInto(m);
        m.put("system", "group-mean flow with real group weights (mean-field limit; scatter dropped:"
                + " at a fixed point it has decayed or lies in ker P)");
        m.put("state_dimension", problem.dimension());
        m.put("family_dimension", result.family());
        m.put("family_dimension_predicted", e.hasHead() && e.stopGradient() ? e.dim() * e.dim() : null);
        m.put("phase_conditions", "K^T (z - z_prev) = 0, K the family's tangent space at the previous point");
        m.put("points", result.points().size());
        m.put("reached_end", result.reachedEnd());
        m.put("stop", result.stop());
        double worstResidual = 0;
        double worstHead = 0;
        int stableCount = 0;
        for (int i = 0; i < result.points().size(); i++) {
            worstResidual = Math.max(worstResidual, result.points().get(i).residual());
            stableCount += stable(result.points().get(i)) ? 1 : 0;
            BranchMeasures bm = measures.get(i);
            for (int k = 0; k < bm.tau().length; k++) {
                double d = bm.relativeDifference(k);
                if (Double.isFinite(d)) {
                    worstHead = Math.max(worstHead, d);
                }
            }
        }
        m.put("max_residual", worstResidual);
        m.put("stable_points", stableCount);
        m.put("max_head_eig_relative_difference", e.hasHead() && e.stopGradient() ? worstHead : null);
        List<Map<String, Object>> events = new ArrayList<>();
        for (SpecialPoint s : result.events()) {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("type", s.typeName());
            ev.put(problem.key(), s.lambda());
            ev.put("arclength", s.arclength());
            ev.put("min_label_distance", BranchMeasures.of(problem.flow(s.lambda()), s.z()).minSeparation());
            ev.put("note", s.note());
            events.add(ev);
        }
        if (critical != null) {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("type", "critical_frustration");
            ev.put(problem.key(), critical[0]);
            ev.put("mode", (int) critical[1]);
            ev.put("source", "closed form: tau_k of the mean-field weights reaches 0");
            ev.put("from_branch", criticalBranch == null ? null : criticalBranch[0]);
            ev.put("reached_by_branch", result.points().stream().anyMatch(p -> Math.abs(p.lambda() - critical[0]) < 1.0e-9));
            events.add(ev);
        }
        m.put("events", events);
        Map<String, Object> crit = new LinkedHashMap<>();
        crit.put("closed_form", critical == null ? null : critical[0]);
        Integer mode = null;
        if (critical != null) {
            mode = (int) critical[1];
        } else if (criticalBranch != null) {
            mode = (int) criticalBranch[1];
        }
        crit.put("mode", mode);
        crit.put("from_branch", criticalBranch == null ? null : criticalBranch[0]);
        m.put("critical_frustration", crit);
        m.put("columns", header());
        return m;
    }
}
