package org.repcollapse.dynamics;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/** Integrates a flow from t = 0 to tEnd, the recorder observing on its grid. */
public final class FlowIntegration {

    private FlowIntegration() {
    }

    /**
     * @return the final state
     * @throws NumericalFailure on NaN, blow-up or step-size underflow, with the time it happened
     *                          (see {@link FlowIntegrator#integrate})
     */
    public static double[] integrate(OrdinaryDifferentialEquation flow, double[] z0, double tEnd,
                                     FlowIntegrator integrator, GridRecorder recorder) {
        return integrator.integrate(flow, z0, tEnd, recorder);
    }
}
