package org.repcollapse.dynamics;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * {@code integrator.method: auto}: DOP853 ({@link FlatDormandPrince853}) while the flow is not
 * stiff, with the same bits as {@code dop853}; when Hairer's test ({@link StiffnessDetector}) flags
 * stiffness and the flow offers a structured solve ({@link StiffOde#shiftedSystem()} not null), the
 * Rosenbrock-W method {@link Ros34pw2Integrator} takes over at the current (t, z, h) and continues
 * the same {@link GridRecorder} to tEnd. A linear flow (no head) with its exact solution
 * ({@link #withLinearFlow}) switches to that instead: {@code z(t) = exp(-A (t - t_s)) z(t_s)} at every
 * recorded time, no steps at all. A stiff flow without a structured solve stays explicit, and the
 * report says so. No switch back: the flows' stiffness does not go away.
 */
public final class AutoIntegrator implements FlowIntegrator {

    private final FlatDormandPrince853 explicit;
    private final Ros34pw2Integrator implicit;
    private IntegrationReport report;
    private java.util.function.Supplier<LinearFlow> linear;

    public AutoIntegrator(double rtol, double atol, double minStep) {
        explicit = new FlatDormandPrince853(rtol, atol, minStep);
        implicit = new Ros34pw2Integrator(rtol, atol, minStep);
    }

    /** The flow's exact solution, used after a switch when present (built only then). */
    public AutoIntegrator withLinearFlow(java.util.function.Supplier<LinearFlow> exact) {
        this.linear = exact;
        return this;
    }

    public AutoIntegrator useWorkers(Workers w) {
        explicit.useWorkers(w);
        implicit.useWorkers(w);
        return this;
    }

    @Override
    public double[] integrate(OrdinaryDifferentialEquation flow, double[] z0, double tEnd, GridRecorder recorder) {
        ShiftedSystem[] solver = {null};
        boolean[] asked = {false};
        LinearFlow[] exact = {null};
        explicit.stopWhenStiff(t -> {
            if (!asked[0]) {
                asked[0] = true;
                exact[0] = linear == null ? null : linear.get();
                solver[0] = exact[0] != null ? null : Ros34pw2Integrator.solverOf(flow);
            }
            return exact[0] != null || solver[0] != null;
        });
        List<IntegrationReport.Phase> phases = new ArrayList<>();
        report = null;
        double[] end;
        try {
            end = explicit.integrate(flow, z0, tEnd, recorder);
        } finally {
            phases.add(explicit.phase());
            double at = explicit.stiffness().detectedAt();
            report = new IntegrationReport(IntegratorMethod.AUTO.key(), phases, Double.NaN,
                    Double.isNaN(at) ? "not stiff: dop853 throughout"
                            : String.format("stiff from t = %.6g", at) + " (h*lambda > " + StiffnessDetector.BOUNDARY + " in "
                            + StiffnessDetector.STIFF_STEPS + " consecutive steps), but the flow has no structured"
                            + " implicit solve: stayed with dop853", at);
        }
        FlatDormandPrince853.Handover hand = explicit.handover();
        if (hand == null) {
            return end;
        }
        String reason = String.format("stiff at t = %.6g: h*lambda = %.3g > %s in %d consecutive dop853 steps;"
                        + " switched to %s", hand.t(), hand.hLambda(), StiffnessDetector.BOUNDARY,
                StiffnessDetector.STIFF_STEPS, exact[0] != null ? "the exact propagator of the linear flow" : "ros34pw2");
        if (exact[0] != null) {
            return propagate(exact[0], hand, tEnd, recorder, phases, reason);
        }
        try {
            return implicit.continueFrom(flow, solver[0], hand.t(), hand.y(), hand.f(), hand.h(), tEnd, recorder);
        } finally {
            phases.add(implicit.phase());
            report = new IntegrationReport(IntegratorMethod.AUTO.key(), phases, hand.t(), reason, hand.t());
        }
    }

    /** The rest of the run from the exact solution started at the handover state. */
    private double[] propagate(LinearFlow flow, FlatDormandPrince853.Handover hand, double tEnd, GridRecorder recorder,
                               List<IntegrationReport.Phase> phases, String reason) {
        double t0 = hand.t();
        double[] z0 = hand.y().clone();
        LinearFlow.Solution solution = flow.solve(z0);
        long[] states = {1};
        double[] end = new double[z0.length];
        solution.state(tEnd - t0, end);
        try {
            recorder.step(tEnd, end, t -> {
                double[] z = new double[z0.length];
                solution.state(t - t0, z);
                states[0]++;
                return z;
            });
        } finally {
            phases.add(new IntegrationReport.Phase("exact", t0, tEnd, 0, 0, 0, 0, 0));
            java.util.Map<String, Object> extra = new java.util.LinkedHashMap<>();
            extra.put("decompositions", flow.decompositions());
            extra.put("operator_dim", flow.operatorSize());
            extra.put("exact_states", states[0]);
            report = new IntegrationReport(IntegratorMethod.AUTO.key(), phases, t0, reason, t0, extra);
        }
        return end;
    }

    @Override
    public IntegrationReport report() {
        return report;
    }
}
