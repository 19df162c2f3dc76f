package org.repcollapse.plot.paper;

import java.util.ArrayList;
import java.util.List;

import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.model.Embeddings;

/** The full states of one run at its recorded times (for figures that look past the metrics). */
public record StateHistory(FlowSystem system, double[] times, List<double[]> states) {

    public int size() {
        return states.size();
    }

    public Embeddings embeddings(int k) {
        return system.embeddings(states.get(k));
    }

    static StateHistory of(FlowSystem system, List<Double> t, List<double[]> z) {
        double[] times = new double[t.size()];
        for (int k = 0; k < times.length; k++) {
            times[k] = t.get(k);
        }
        return new StateHistory(system, times, new ArrayList<>(z));
    }
}
