package org.repcollapse.dynamics;

/**
 * A flow that offers a linearly implicit integrator the solves it needs ({@link ShiftedSystem}),
 * built on the structure of its Jacobian rather than on a dense LU of the state.
 */
public interface StiffOde extends InPlaceOde {

    /**
     * A new solver for this flow (one per integration; it holds its own work arrays). May return
     * null when this instance has no structured solve, in which case stiff methods are refused.
     */
    ShiftedSystem shiftedSystem();
}
