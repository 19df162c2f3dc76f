package org.repcollapse.dynamics;

/**
 * A {@link LossTerm} that gives the derivative of its drive along a direction, {@code (dG/dz) v}:
 * its block of the flow's Jacobian {@code J = -R dG/dz} as a product, and through
 * {@link ColumnJacobian} densely ({@link FlowJacobian}).
 */
public interface LinearisedLossTerm extends LossTerm {

    /** Adds {@code (dG/dz)(z) v} into {@code out} (same layout as z). */
    void addDriveDerivative(double[] z, double[] v, double[] out);

    @Override
    default DriveJacobian driveJacobian() {
        return new ColumnJacobian(this);
    }
}
