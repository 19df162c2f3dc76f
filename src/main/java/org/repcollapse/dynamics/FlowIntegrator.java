package org.repcollapse.dynamics;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * An integration algorithm for a flow: from {@code z(0) = z0} to {@code t = tEnd}, handing each
 * accepted step to a {@link GridRecorder}. Hipparchus' integrators ({@link HipparchusIntegrator}),
 * the flat-array Dormand-Prince 8(5,3) ({@link FlatDormandPrince853}), the Rosenbrock-W method
 * ({@link Ros34pw2Integrator}) for stiff flows, or {@link AutoIntegrator} (the first, then the second
 * once the flow is found stiff).
 */
public interface FlowIntegrator {

    /**
     * @return the state at tEnd
     * @throws NumericalFailure on NaN, blow-up or step-size underflow, with the time it happened;
     *                          the recorder keeps what was delivered before
     */
    double[] integrate(OrdinaryDifferentialEquation flow, double[] z0, double tEnd, GridRecorder recorder);

    /** What the last integration ran and why (methods, switch, counts), or null if not tracked. */
    default IntegrationReport report() {
        return null;
    }
}
