package org.repcollapse.plot;

import java.util.ArrayList;
import java.util.List;

import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.dynamics.RecordingObserver;
import org.repcollapse.theory.HeadTheory;

/**
 * Records, at each recorded time, the head eigenvalue modulus on every label mode,
 * {@code sqrt(v_k^T P^2 v_k / v_k^T v_k)} (NaN once the mode has collapsed), for {@link HeadRunFigure}.
 */
public final class HeadModeRecorder implements RecordingObserver {

    private final FlowSystem system;
    private final HeadTheory theory;
    private final List<double[]> rows = new ArrayList<>();

    public HeadModeRecorder(FlowSystem system) {
        this.system = system;
        this.theory = new HeadTheory(system.structure());
    }

    public HeadTheory theory() {
        return theory;
    }

    @Override
    public void observe(double t, double[] z) {
        var e = system.labelsAndHead(z);
        int k = system.structure().classes();
        double[] row = new double[k + 1];
        row[0] = t;
        for (int m = 0; m < k; m++) {
            row[m + 1] = theory.present(e, m) ? theory.measuredEigenvalue(e, m) : Double.NaN;
        }
        rows.add(row);
    }

    /** Rows {@code t, p_0, ..., p_{K-1}}. */
    public List<double[]> rows() {
        return rows;
    }
}
