package org.repcollapse.dynamics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which method ran and why: the phases of an integration (one per method, in time order) with
 * their step and cost counts, the switch (time and reason) when {@code auto} changed method, and
 * the time stiffness was first detected (DOP853's test, also when no switch followed).
 *
 * @param method             the method asked for ({@code integrator.method})
 * @param phases             what ran, in order
 * @param switchTime         when auto first switched to the implicit method (NaN: it did not)
 * @param reason             why each method ran, in order ("; "-separated sentences)
 * @param stiffDetectedAt    first detection of stiffness (NaN: none)
 * @param extra              method-specific counts (e.g. the exact propagator's decompositions)
 */
public record IntegrationReport(String method, List<Phase> phases, double switchTime, String reason,
                                double stiffDetectedAt, Map<String, Object> extra) {

    /**
     * One method's share: its time interval and counts. Evaluations include the initial-step
     * selection; linearisations and factorisations are zero for explicit methods.
     */
    public record Phase(String method, double from, double to, long accepted, long rejected, long evaluations,
                        long linearisations, long factorisations) {

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", method);
            m.put("from", from);
            m.put("to", to);
            m.put("steps_accepted", accepted);
            m.put("steps_rejected", rejected);
            m.put("evaluations", evaluations);
            m.put("linearisations", linearisations);
            m.put("factorisations", factorisations);
            return m;
        }
    }

    public IntegrationReport {
        phases = List.copyOf(phases);
        extra = Map.copyOf(extra);
    }

    public IntegrationReport(String method, List<Phase> phases, double switchTime, String reason,
                             double stiffDetectedAt) {
        this(method, phases, switchTime, reason, stiffDetectedAt, Map.of());
    }

    public boolean switched() {
        return !Double.isNaN(switchTime);
    }

    public long accepted() {
        return phases.stream().mapToLong(Phase::accepted).sum();
    }

    public long rejected() {
        return phases.stream().mapToLong(Phase::rejected).sum();
    }

    public long evaluations() {
        return phases.stream().mapToLong(Phase::evaluations).sum();
    }

    public long linearisations() {
        return phases.stream().mapToLong(Phase::linearisations).sum();
    }

    public long factorisations() {
        return phases.stream().mapToLong(Phase::factorisations).sum();
    }

    /** The methods that ran, in order. */
    public List<String> methodsUsed() {
        List<String> used = new ArrayList<>();
        for (Phase p : phases) {
            used.add(p.method());
        }
        return used;
    }

    /** For {@code summary.json} (NaN as null). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("methods_used", methodsUsed());
        m.put("switch_time", Double.isFinite(switchTime) ? switchTime : null);
        m.put("reason", reason);
        m.put("stiffness_detected_at", Double.isFinite(stiffDetectedAt) ? stiffDetectedAt : null);
        m.put("steps_accepted", accepted());
        m.put("steps_rejected", rejected());
        m.put("evaluations", evaluations());
        m.put("linearisations", linearisations());
        m.put("factorisations", factorisations());
        List<Map<String, Object>> ps = new ArrayList<>();
        for (Phase p : phases) {
            ps.add(p.toMap());
        }
        m.put("phases", ps);
        m.putAll(extra);
        return m;
    }
}
