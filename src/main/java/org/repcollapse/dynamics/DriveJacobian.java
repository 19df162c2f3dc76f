package org.repcollapse.dynamics;

/**
 * The linearisation {@code dG/dz} of one loss term's drive G ({@link LossTerm}) at a state: the
 * block that term contributes to the flow's Jacobian {@code J = -R dG/dz} ({@link FlowJacobian}).
 * For a term without stop-gradient {@code dG/dz} is the Hessian of its value.
 */
public interface DriveJacobian {

    /** Adds {@code dG/dz} at z into the dense n x n matrix h. */
    void addTo(double[] z, double[][] h);

    /** Adds {@code (dG/dz) v} at z into out, without forming the matrix. */
    void addTimes(double[] z, double[] v, double[] out);
}
