package org.repcollapse.dynamics;

/**
 * A {@link LossTerm} that also gives the derivative of its drive along a direction,
 * {@code (dG/dz) v}: its block of the flow's Jacobian {@code J = -R dG/dz} as a product
 * ({@link FlowJacobian#times}), and, column by column, densely ({@link FlowJacobian#at}).
 */
public interface LinearisedLossTerm extends LossTerm {

    /** Adds {@code (dG/dz)(z) v} into {@code out} (same layout as z). */
    void addDriveDerivative(double[] z, double[] v, double[] out);
}
