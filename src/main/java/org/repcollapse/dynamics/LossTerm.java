package org.repcollapse.dynamics;

/**
 * One contribution to the loss, summed into the flow the way force models are summed by a
 * numerical propagator. A term adds its <em>drive</em> {@code G} into a shared array laid out
 * like the state; the flow is then {@code dz/dt = -R G} with the per-block rates R
 * ({@link BlockRates}). For an ordinary loss G is the gradient; a term with stop-gradient
 * omits the parts that would flow into its targets, so G need not be a gradient.
 */
public interface LossTerm {

    /** The value of this term at state z. */
    double value(double[] z);

    /** Adds this term's drive at state z into {@code drive} (same layout as z). */
    void addDrive(double[] z, double[] drive);

    /**
     * The linearisation of this term's drive ({@code dG/dz}), for the analytic Jacobian of the flow
     * ({@link FlowJacobian}: fixed points, stiff solves, tests); null when the term has none.
     */
    default DriveJacobian driveJacobian() {
        return null;
    }
}
