package org.repcollapse.plot.paper;

import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.RunResult;
import org.repcollapse.model.Embeddings;

/** One integrated experiment: what was asked, the model, and what the run produced. */
public record Run(Experiment experiment, FlowSystem system, RunResult result) {

    /** The embeddings at the last recorded state. */
    public Embeddings last() {
        return system.embeddings(result.finalState());
    }

    /** The embeddings at t = 0. */
    public Embeddings first() {
        return system.embeddings(system.initialState());
    }
}
