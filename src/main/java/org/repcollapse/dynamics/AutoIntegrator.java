package org.repcollapse.dynamics;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * {@code integrator.method: auto}: DOP853 ({@link FlatDormandPrince853}) while the flow is not
 * stiff, with the same bits as {@code dop853}; when Hairer's test ({@link StiffnessDetector}) flags
 * stiffness and the flow offers a structured solve ({@link StiffOde#shiftedSystem()} not null), a
 * Rosenbrock method takes over at the current (t, z, h) and continues the same {@link GridRecorder}:
 * RODAS ({@link Rodas4Tableau}, order 4) when the solve uses the exact Jacobian
 * ({@link ShiftedSystem#exact()}), otherwise the W-method ROS34PW2 (order 3 with any approximation). A linear flow (no head) with its exact solution
 * ({@link #withLinearFlow}) switches to that instead: {@code z(t) = exp(-A (t - t_s)) z(t_s)} at every
 * recorded time, no steps at all. A stiff flow without a structured solve stays explicit, and the
 * report says so.
 *
 * <p>Stiff is not always cheaper implicitly: at tight tolerances and a moderate stiffness ratio the
 * order-3 method's accuracy-limited step can be shorter than DOP853's stability-limited one per unit
 * of cost. So after {@link #TRIAL_STEPS} implicit steps the costs per unit time are compared,
 * {@code ROS_STEP_COST / h_ros} (or {@code RODAS_STEP_COST / h_rodas}) against
 * {@code DOP_STEP_COST / h_dop} (h_dop: DOP853's step when it
 * was found stiff), and the integration goes back to DOP853 if the implicit one is dearer; a further
 * try then waits for {@code 100 * 2^k} more explicit steps after the k-th return, so the trials cost
 * a bounded fraction of the run.
 */
public final class AutoIntegrator implements RestartableIntegrator {

    /** Implicit steps before the cost comparison (the step size has grown from DOP853's by then). */
    static final int TRIAL_STEPS = 20;
    /** Cost of a DOP853 step in evaluations (12 per accepted step). */
    static final double DOP_STEP_COST = 12;
    /**
     * Cost of a ROS34PW2 step in evaluation units: 4 evaluations, a linearisation and a factorisation
     * (each assumed to cost about an evaluation with the flows' structured solves) and 4 solves
     * (assumed a quarter each).
     */
    static final double ROS_STEP_COST = 7;
    /** Cost of a RODAS step in the same units: 6 evaluations, a linearisation, a factorisation, 6 solves. */
    static final double RODAS_STEP_COST = 9.5;
    /** Explicit steps required before the first retry after a return to DOP853 (doubled each time). */
    static final long FIRST_BACKOFF = 100;

    private final FlatDormandPrince853 explicit;
    private final Ros34pw2Integrator wMethod;
    private final Ros34pw2Integrator rodas;
    private IntegrationReport report;
    private java.util.function.Supplier<LinearFlow> linear;

    public AutoIntegrator(double rtol, double atol, double minStep) {
        explicit = new FlatDormandPrince853(rtol, atol, minStep);
        wMethod = new Ros34pw2Integrator(rtol, atol, minStep);
        rodas = new Ros34pw2Integrator(Rodas4Tableau.TABLEAU, rtol, atol, minStep);
    }

    /** The flow's exact solution, used after a switch when present (built only then). */
    public AutoIntegrator withLinearFlow(java.util.function.Supplier<LinearFlow> exact) {
        this.linear = exact;
        return this;
    }

    public AutoIntegrator useWorkers(Workers w) {
        explicit.useWorkers(w);
        wMethod.useWorkers(w);
        rodas.useWorkers(w);
        return this;
    }

    /**
     * {@inheritDoc} Restart points are offered during the explicit phase only, where the stiffness
     * test is not counting a run of stiff steps (so a restart switches at the same step); after a
     * switch to a Rosenbrock method none are offered, and an exact phase needs none.
     */
    @Override
    public double[] integrate(OrdinaryDifferentialEquation flow, double[] z0, double t0, double step, double tEnd,
                              GridRecorder recorder, StepListener listener) {
        ShiftedSystem[] solver = {null};
        Ros34pw2Integrator[] implicitOf = {wMethod};
        LinearFlow[] exact = {null};
        boolean[] asked = {false};
        long[] backoff = {0};
        explicit.stopWhenStiff(t -> {
            if (!asked[0]) {
                asked[0] = true;
                exact[0] = linear == null ? null : linear.get();
                solver[0] = exact[0] != null ? null : Ros34pw2Integrator.solverOf(flow);
                implicitOf[0] = solver[0] != null && solver[0].exact() ? rodas : wMethod;
                if (exact[0] == null && solver[0] == null) {
                    explicit.stopWhenStiff(null);   // nothing to switch to: the test no longer matters
                }
            }
            return exact[0] != null || solver[0] != null && explicit.acceptedSteps() >= backoff[0];
        });
        List<IntegrationReport.Phase> phases = new ArrayList<>();
        List<String> events = new ArrayList<>();
        double firstSwitch = Double.NaN;
        double detected = Double.NaN;
        report = null;
        boolean completed = false;
        java.util.Map<String, Object> extra = new java.util.LinkedHashMap<>();
        try {
            double[] end = explicit.integrate(flow, z0, t0, step, tEnd, recorder, listener);
            phases.add(explicit.phase());
            detected = explicit.stiffness().detectedAt();
            while (true) {
                FlatDormandPrince853.Handover hand = explicit.handover();
                if (hand == null) {
                    if (phases.size() == 1) {
                        events.add(Double.isNaN(detected) ? "not stiff: dop853 throughout"
                                : String.format("stiff from t = %.6g (h*lambda > %s in %d consecutive steps), but the"
                                        + " flow has no structured implicit solve: stayed with dop853", detected,
                                StiffnessDetector.BOUNDARY, StiffnessDetector.STIFF_STEPS));
                    }
                    completed = true;
                    return end;
                }
                if (Double.isNaN(firstSwitch)) {
                    firstSwitch = hand.t();
                }
                if (exact[0] != null) {
                    events.add(String.format("stiff at t = %.6g: h*lambda = %.3g > %s in %d consecutive dop853 steps;"
                            + " switched to the exact propagator of the linear flow", hand.t(), hand.hLambda(),
                            StiffnessDetector.BOUNDARY, StiffnessDetector.STIFF_STEPS));
                    end = propagate(exact[0], hand, tEnd, recorder, phases, extra);
                    completed = true;
                    return end;
                }
                Ros34pw2Integrator implicit = implicitOf[0];
                boolean order4 = implicit == rodas;
                events.add(String.format("stiff at t = %.6g: h*lambda = %.3g > %s in %d consecutive dop853 steps;"
                        + " switched to %s", hand.t(), hand.hLambda(), StiffnessDetector.BOUNDARY,
                        StiffnessDetector.STIFF_STEPS, order4 ? "rodas4 (the implicit solve has the exact Jacobian)"
                                : "ros34pw2"));
                double hExplicit = hand.h();
                double stepCost = order4 ? RODAS_STEP_COST : ROS_STEP_COST;
                implicit.stopWhen((steps, h) -> steps == TRIAL_STEPS
                        && stepCost / h > DOP_STEP_COST / hExplicit);
                end = implicit.continueFrom(flow, solver[0], hand.t(), hand.y(), hand.f(), hand.h(), tEnd, recorder);
                phases.add(implicit.phase());
                Ros34pw2Integrator.Handover back = implicit.handover();
                if (back == null) {
                    completed = true;
                    return end;
                }
                events.add(String.format("at t = %.6g %s's step %.3g costs more per unit time than dop853's %.3g:"
                        + " back to dop853", back.t(), order4 ? "rodas4" : "ros34pw2", back.h(), hExplicit));
                backoff[0] = backoff[0] == 0 ? FIRST_BACKOFF : 2 * backoff[0];
                end = explicit.continueFrom(flow, back.t(), back.y(), back.f(), back.h(), tEnd, recorder);
                phases.add(explicit.phase());
            }
        } finally {
            if (!completed && extra.isEmpty()) {
                // a failure inside a phase (explicit phases have even indices): as far as it got
                phases.add(phases.size() % 2 == 0 ? explicit.phase() : implicitOf[0].phase());
            }
            if (Double.isNaN(detected)) {
                detected = explicit.stiffness().detectedAt();
            }
            report = new IntegrationReport(IntegratorMethod.AUTO.key(), phases, firstSwitch,
                    events.isEmpty() ? "failed before any decision" : String.join("; ", events), detected, extra);
        }
    }

    /** The rest of the run from the exact solution started at the handover state (one phase, no steps). */
    private static double[] propagate(LinearFlow flow, FlatDormandPrince853.Handover hand, double tEnd,
                                      GridRecorder recorder, List<IntegrationReport.Phase> phases,
                                      java.util.Map<String, Object> extra) {
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
            extra.put("decompositions", flow.decompositions());
            extra.put("operator_dim", flow.operatorSize());
            extra.put("exact_states", states[0]);
        }
        return end;
    }

    @Override
    public IntegrationReport report() {
        return report;
    }
}
