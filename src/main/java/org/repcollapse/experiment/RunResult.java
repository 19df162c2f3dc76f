package org.repcollapse.experiment;

import java.util.Map;

import org.repcollapse.analysis.CollapseVerdict;
import org.repcollapse.analysis.Trajectory;
import org.repcollapse.dynamics.NumericalFailure;

/**
 * What a run produced: the recorded trajectory (up to the failure, if any), the metrics at
 * t = 0, the final verdict and fitted rates, the theory that applies, and the integrator's work
 * counts beyond the right-hand-side evaluations ({@code integration}, e.g. the exact method's decompositions).
 */
public record RunResult(Experiment experiment, String solver, Trajectory trajectory, double[] initial,
                        double[] finalState, NumericalFailure failure, CollapseVerdict verdict,
                        double fastRateFitted, double slowRateFitted, Map<String, Object> theory,
                        long evaluations, double wallSeconds, Map<String, Object> integration) {

    public boolean complete() {
        return failure == null;
    }
}
