package org.repcollapse.dynamics;

import java.util.List;

import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.repcollapse.model.BlockLayout;

/**
 * What every {@link FlowSystem} holds the same way: its state layout L, its flow F (the ODE with its
 * loss and evaluation count), its seeded initial state and whether the head's targets are held fixed.
 * A model adds its structure, its views of a state and its theory hooks.
 */
public abstract class AbstractFlowSystem<L extends BlockLayout, F extends LossFlow> implements FlowSystem {

    private final L layout;
    private final double[] z0;
    private final boolean stopGradient;

    /** @param stopGradient whether the head's targets are held fixed (false without a head) */
    protected AbstractFlowSystem(L layout, double[] z0, boolean stopGradient) {
        this.layout = layout;
        this.z0 = z0;
        this.stopGradient = stopGradient;
    }

    /** The flow, built once by the model. */
    public abstract F flow();

    @Override
    public L layout() {
        return layout;
    }

    @Override
    public boolean stopGradient() {
        return stopGradient;
    }

    @Override
    public List<LossTerm> lossTerms() {
        return flow().terms();
    }

    @Override
    public OrdinaryDifferentialEquation ode() {
        return flow();
    }

    @Override
    public double[] initialState() {
        return z0.clone();
    }

    @Override
    public double loss(double[] z) {
        return flow().loss(z);
    }

    @Override
    public long evaluations() {
        return flow().evaluations();
    }
}
