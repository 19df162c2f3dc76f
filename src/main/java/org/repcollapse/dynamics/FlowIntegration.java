package org.repcollapse.dynamics;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;

/** Integrates a flow from t = 0 to tEnd, the recorder observing on its grid. */
public final class FlowIntegration {

    private FlowIntegration() {
    }

    /**
     * @return the final state
     * @throws NumericalFailure on NaN, blow-up or step-size underflow, with the time
     */
    public static double[] integrate(org.hipparchus.ode.OrdinaryDifferentialEquation flow, double[] z0, double tEnd,
                                     ODEIntegrator integrator, GridRecorder recorder) {
        integrator.clearStepHandlers();
        integrator.addStepHandler(recorder);
        try {
            ODEStateAndDerivative end = integrator.integrate(flow, new ODEState(0.0, z0.clone()), tEnd);
            return end.getPrimaryState();
        } catch (MathIllegalStateException e) {
            throw new NumericalFailure(recorder.lastGoodTime(), "integration failed (" + e.getMessage() + ")", e);
        }
    }
}
