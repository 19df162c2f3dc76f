package org.repcollapse.dynamics;

import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.LocalizedODEFormats;
import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;

/** A Hipparchus {@link ODEIntegrator} as a {@link FlowIntegrator}, its failures mapped to {@link NumericalFailure}. */
public final class HipparchusIntegrator implements FlowIntegrator {

    private final ODEIntegrator integrator;

    public HipparchusIntegrator(ODEIntegrator integrator) {
        this.integrator = integrator;
    }

    public ODEIntegrator integrator() {
        return integrator;
    }

    /**
     * The failure time: the end of the step where a NaN or blow-up appeared (the recorder's check,
     * or Hipparchus' own NaN check), or the time reached when the step size underflowed.
     */
    @Override
    public double[] integrate(OrdinaryDifferentialEquation flow, double[] z0, double tEnd, GridRecorder recorder) {
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
