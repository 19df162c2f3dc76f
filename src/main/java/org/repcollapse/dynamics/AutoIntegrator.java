package org.repcollapse.dynamics;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * {@code integrator.method: auto}: DOP853 ({@link FlatDormandPrince853}) while the flow is not
 * stiff, with the same bits as {@code dop853}; when Hairer's test ({@link StiffnessDetector}) flags
 * stiffness and the flow offers a structured solve ({@link StiffOde#shiftedSystem()} not null), the
 * Rosenbrock-W method {@link Ros34pw2Integrator} takes over at the current (t, z, h) and continues
 * the same {@link GridRecorder} to tEnd. A stiff flow without a structured solve stays explicit, and
 * the report says so. No switch back: the flows' stiffness does not go away.
 */
public final class AutoIntegrator implements FlowIntegrator {

    private final FlatDormandPrince853 explicit;
    private final Ros34pw2Integrator implicit;
    private IntegrationReport report;

    public AutoIntegrator(double rtol, double atol, double minStep) {
        explicit = new FlatDormandPrince853(rtol, atol, minStep);
        implicit = new Ros34pw2Integrator(rtol, atol, minStep);
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
        explicit.stopWhenStiff(t -> {
            if (!asked[0]) {
                asked[0] = true;
                solver[0] = Ros34pw2Integrator.solverOf(flow);
            }
            return solver[0] != null;
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
                        + " switched to ros34pw2", hand.t(), hand.hLambda(), StiffnessDetector.BOUNDARY,
                StiffnessDetector.STIFF_STEPS);
        try {
            return implicit.continueFrom(flow, solver[0], hand.t(), hand.y(), hand.f(), hand.h(), tEnd, recorder);
        } finally {
            phases.add(implicit.phase());
            report = new IntegrationReport(IntegratorMethod.AUTO.key(), phases, hand.t(), reason, hand.t());
        }
    }

    @Override
    public IntegrationReport report() {
        return report;
    }
}
