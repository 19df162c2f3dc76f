package org.repcollapse.dynamics;

import java.util.List;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/** The flow of a loss as an ODE: its right-hand side, the loss it descends and the evaluations so far. */
public interface LossFlow extends OrdinaryDifferentialEquation {

    /** The loss at state z. */
    double loss(double[] z);

    /** Number of right-hand-side evaluations so far. */
    long evaluations();

    /** The loss terms whose drives sum into the flow; empty when it is not written as a sum of terms. */
    default List<LossTerm> terms() {
        return List.of();
    }
}
