package org.repcollapse.dynamics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * {@code integrator.method: exact}: a linear flow's exact solution ({@link LinearFlow}) in place of
 * an integration. The whole interval [0, tEnd] is one step whose dense output is the exact
 * propagator, so the {@link GridRecorder} receives {@code z(t) = exp(-A t) z0} at each recorded
 * time; no right-hand-side evaluation, one decomposition of A.
 */
public final class ExactIntegrator implements FlowIntegrator {

    private final LinearFlow linear;
    private long states;
    private double tEnd;

    public ExactIntegrator(LinearFlow linear) {
        this.linear = linear;
    }

    @Override
    public double[] integrate(OrdinaryDifferentialEquation flow, double[] z0, double tEnd, GridRecorder recorder) {
        this.tEnd = tEnd;
        LinearFlow.Solution solution = linear.solve(z0);
        recorder.start(0.0, z0);
        double[] end = new double[z0.length];
        solution.state(tEnd, end);
        states = 1;
        recorder.step(tEnd, end, t -> {
            double[] z = new double[z0.length];
            solution.state(t, z);
            states++;
            return z;
        });
        return end;
    }

    /** One exact phase, no steps; the work done: decompositions, operator size and exact states computed. */
    @Override
    public IntegrationReport report() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decompositions", linear.decompositions());
        m.put("operator_dim", linear.operatorSize());
        m.put("exact_states", states);
        return new IntegrationReport("exact", List.of(new IntegrationReport.Phase("exact", 0.0, tEnd, 0, 0, 0, 0, 0)),
                Double.NaN, "exact propagator of the linear flow", Double.NaN, m);
    }
}
