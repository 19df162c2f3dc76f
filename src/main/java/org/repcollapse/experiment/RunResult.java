package org.repcollapse.experiment;

import java.util.Map;

import org.repcollapse.analysis.CollapseVerdict;
import org.repcollapse.analysis.Trajectory;
import org.repcollapse.dynamics.IntegrationReport;
import org.repcollapse.dynamics.NumericalFailure;

/**
 * What a run produced: the recorded trajectory (up to the failure, if any), the metrics at
 * t = 0, the final verdict and fitted rates, the theory that applies, and what the integrator ran
 * ({@code integration}: methods, switch, counts; null for integrators that do not report).
 */
public record RunResult(Experiment experiment, String solver, Trajectory trajectory, double[] initial,
                        double[] finalState, NumericalFailure failure, CollapseVerdict verdict,
                        double fastRateFitted, double slowRateFitted, Map<String, Object> theory,
                        long evaluations, double wallSeconds, IntegrationReport integration) {

    public boolean complete() {
        return failure == null;
    }
}
