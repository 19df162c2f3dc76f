package org.repcollapse.dynamics;

import java.util.function.DoubleFunction;

import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;

/**
 * Hands the state at each grid time to an observer, from the integrator's dense output
 * (no restarts, the step sizes stay the integrator's own). Each accepted step is checked:
 * a non-finite state, or one whose largest entry exceeds {@code blowUp}, stops the
 * integration with a {@link NumericalFailure} at that step's time.
 */
public final class GridRecorder implements ODEStepHandler {

    private final double[] times;
    private final StateObserver observer;
    private final double blowUp;
    private int next;
    private int start;
    private double lastGoodTime;

    public GridRecorder(double[] times, StateObserver observer, double blowUp) {
        this.times = times.clone();
        this.observer = observer;
        this.blowUp = blowUp;
    }

    /**
     * Continues a record interrupted after {@code recorded} grid points: the next {@link #init}
     * delivers from grid point {@code recorded} on (a restart at a time past the earlier ones).
     */
    public GridRecorder resumeAt(int recorded) {
        if (recorded < 0 || recorded > times.length) {
            throw new IllegalArgumentException("recorded " + recorded + " of " + times.length);
        }
        start = recorded;
        return this;
    }

    @Override
    public void init(ODEStateAndDerivative initialState, double finalTime) {
        start(initialState.getTime(), initialState.getPrimaryState());
    }

    /** The start of an integration at t0 in state z0: hands over the grid times up to t0. */
    public void start(double t0, double[] z0) {
        next = start;
        lastGoodTime = t0;
        while (next < times.length && times[next] <= t0) {
            observer.observe(times[next], z0);
            next++;
        }
    }

    @Override
    public void handleStep(ODEStateInterpolator interpolator) {
        ODEStateAndDerivative end = interpolator.getCurrentState();
        step(end.getTime(), end.getPrimaryState(), t -> interpolator.getInterpolatedState(t).getPrimaryState());
    }

    /**
     * An accepted step ending at t1 in state z1 (read, not kept), {@code dense} giving the state at
     * any time inside the step: checks z1, then hands over the grid times up to t1.
     */
    public void step(double t1, double[] z1, DoubleFunction<double[]> dense) {
        check(z1, t1);
        while (next < times.length && times[next] <= t1) {
            observer.observe(times[next], times[next] == t1 ? z1 : dense.apply(times[next]));
            next++;
        }
        lastGoodTime = t1;
    }

    private void check(double[] z, double t) {
        double max = 0;
        for (double v : z) {
            if (!Double.isFinite(v)) {
                throw new NumericalFailure(t, "non-finite state (NaN or Inf)");
            }
            max = Math.max(max, Math.abs(v));
        }
        if (max > blowUp) {
            throw new NumericalFailure(t, "divergence (|z| > " + blowUp + ")");
        }
    }

    /** Grid points delivered so far. */
    public int recorded() {
        return next;
    }

    /** End time of the last accepted, finite step. */
    public double lastGoodTime() {
        return lastGoodTime;
    }
}
