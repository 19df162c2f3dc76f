package org.repcollapse.dynamics;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * An integration algorithm for a flow: from {@code z(0) = z0} to {@code t = tEnd}, handing each
 * accepted step to a {@link GridRecorder}. Either Hipparchus' integrators
 * ({@link HipparchusIntegrator}) or the flat-array Dormand-Prince 8(5,3) ({@link FlatDormandPrince853}).
 */
public interface FlowIntegrator {

    /**
     * @return the state at tEnd
     * @throws NumericalFailure on NaN, blow-up or step-size underflow, with the time it happened;
     *                          the recorder keeps what was delivered before
     */
    double[] integrate(OrdinaryDifferentialEquation flow, double[] z0, double tEnd, GridRecorder recorder);

    /** Work counts beyond the flow's right-hand-side evaluations, for summary.json (default: none). */
    default java.util.Map<String, Object> statistics() {
        return java.util.Map.of();
    }
}
