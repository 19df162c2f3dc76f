package org.repcollapse.dynamics;

import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.LocalizedODEFormats;
import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;

/** Integrates a flow from t = 0 to tEnd, the recorder observing on its grid. */
public final class FlowIntegration {

    private FlowIntegration() {
    }

    /**
     * @return the final state
     * @throws NumericalFailure on NaN, blow-up or step-size underflow, with the time: the end
     *                          of the step where a NaN or blow-up appeared (the recorder's check,
     *                          or Hipparchus' own NaN check), or the time the integration reached
     *                          when its step size underflowed
     */
    public static double[] integrate(org.hipparchus.ode.OrdinaryDifferentialEquation flow, double[] z0, double tEnd,
                                     ODEIntegrator integrator, GridRecorder recorder) {
        integrator.clearStepHandlers();
        integrator.addStepHandler(recorder);
        try {
            ODEStateAndDerivative end = integrator.integrate(flow, new ODEState(0.0, z0.clone()), tEnd);
            return end.getPrimaryState();
        } catch (MathIllegalStateException e) {
            double good = recorder.lastGoodTime();
            if (e.getSpecifier() == LocalizedODEFormats.NAN_APPEARING_DURING_INTEGRATION
                    && e.getParts().length > 0 && e.getParts()[0] instanceof Number t) {
                throw new NumericalFailure(t.doubleValue(), "non-finite state (NaN) in the step from t = " + good, e);
            }
            throw new NumericalFailure(good, "integration failed (" + e.getMessage() + ")", e);
        } catch (MathIllegalArgumentException e) {
            if (e.getSpecifier() != LocalizedODEFormats.MINIMAL_STEPSIZE_REACHED_DURING_INTEGRATION) {
                throw e;
            }
            throw new NumericalFailure(recorder.lastGoodTime(), "step size underflow (" + e.getMessage() + ")", e);
        }
    }
}
