package org.repcollapse.dynamics;

import java.util.Arrays;
import java.util.List;

import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.repcollapse.model.StateLayout;

/**
 * The training dynamics as an ODE: {@code dz/dt = -R sum_terms G_term(z)}, R the per-block
 * rates ({@link BlockRates}), each {@link LossTerm} adding its drive into one shared array.
 *
 * <p>The returned derivative array is reused between calls (Hipparchus copies it into its
 * own state), so a right-hand-side call allocates nothing; an instance serves one
 * integration at a time.
 */
public final class GradientFlow implements OrdinaryDifferentialEquation {

    private final StateLayout layout;
    private final List<LossTerm> terms;
    private final double[] rate;
    private final double[] drive;
    private long evaluations;

    public GradientFlow(StateLayout layout, BlockRates rates, List<LossTerm> terms) {
        this.layout = layout;
        this.terms = List.copyOf(terms);
        this.rate = rates.perCoordinate(layout);
        this.drive = new double[layout.dimension()];
    }

    /**
     * A flow on a state that is not laid out as sample and label embeddings (e.g. the
     * teacher-student state, {@link org.repcollapse.model.StudentLayout}); {@link #layout()} is
     * then null. {@code rate} is the rate of each state coordinate.
     */
    public GradientFlow(double[] rate, List<LossTerm> terms) {
        this.layout = null;
        this.terms = List.copyOf(terms);
        this.rate = rate.clone();
        this.drive = new double[rate.length];
    }

    public StateLayout layout() {
        return layout;
    }

    public List<LossTerm> terms() {
        return terms;
    }

    @Override
    public int getDimension() {
        return drive.length;
    }

    @Override
    public double[] computeDerivatives(double t, double[] z) {
        evaluations++;
        Arrays.fill(drive, 0.0);
        for (LossTerm term : terms) {
            term.addDrive(z, drive);
        }
        for (int k = 0; k < drive.length; k++) {
            drive[k] *= -rate[k];
        }
        return drive;
    }

    /** Writes dz/dt into {@code out} (a fresh copy, for callers that keep it). */
    public double[] derivative(double[] z) {
        return computeDerivatives(0.0, z).clone();
    }

    /** Sum of the loss terms at z. */
    public double loss(double[] z) {
        double sum = 0;
        for (LossTerm term : terms) {
            sum += term.value(z);
        }
        return sum;
    }

    /** The rate of every state coordinate (the diagonal of R), a copy. */
    public double[] rates() {
        return rate.clone();
    }

    /** Number of right-hand-side evaluations so far. */
    public long evaluations() {
        return evaluations;
    }
}
