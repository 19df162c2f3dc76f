package org.repcollapse.dynamics;

import java.util.List;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * The flow of a loss as an ODE: its right-hand side, the loss it descends, its dimension and the count
 * of right-hand-side evaluations (each evaluation calls {@link #countEvaluation}).
 */
public abstract class LossFlow implements OrdinaryDifferentialEquation {

    private final int dimension;
    private long evaluations;

    protected LossFlow(int dimension) {
        this.dimension = dimension;
    }

    /** The loss at state z. */
    public abstract double loss(double[] z);

    /** The loss terms whose drives sum into the flow; empty when it is not written as a sum of terms. */
    public List<LossTerm> terms() {
        return List.of();
    }

    @Override
    public final int getDimension() {
        return dimension;
    }

    /** Number of right-hand-side evaluations so far. */
    public final long evaluations() {
        return evaluations;
    }

    /** Counts one right-hand-side evaluation. */
    protected final void countEvaluation() {
        evaluations++;
    }
}
