package org.repcollapse.experiment;

import org.repcollapse.dynamics.FlowSystem;

/**
 * What every {@link Model} holds the same way: the experiment it was built from and the system S it
 * integrates, built once by the model's constructor.
 */
public abstract class AbstractModel<S extends FlowSystem> implements Model {

    private final Experiment experiment;
    private final S system;

    protected AbstractModel(Experiment experiment, S system) {
        this.experiment = experiment;
        this.system = system;
    }

    @Override
    public final Experiment experiment() {
        return experiment;
    }

    @Override
    public final S system() {
        return system;
    }
}
