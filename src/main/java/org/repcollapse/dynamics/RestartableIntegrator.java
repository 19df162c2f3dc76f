package org.repcollapse.dynamics;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * An integrator that can stop after any accepted step and later continue from what it hands out
 * there, {@code (t, z(t), h)} with h the size it would try next, taking exactly the steps an
 * uninterrupted integration takes (same sizes, same rejections, same bits). {@code run --resume}
 * relies on it; the integrators without it cannot be resumed.
 */
public interface RestartableIntegrator extends FlowIntegrator {

    /** Hears about every accepted step; {@code z} is valid during the call only. */
    @FunctionalInterface
    interface StepListener {
        void accepted(double t, double[] z, double nextStep);
    }

    /**
     * Integrates from {@code (t0, z0)} to {@code tEnd}. With {@code step} NaN (and t0 = 0) the first
     * step is chosen as by {@link #integrate}; otherwise {@code step} is the size to try first,
     * as handed to a listener. The recorder must already be positioned at t0
     * ({@link GridRecorder#resumeAt}).
     */
    double[] integrate(OrdinaryDifferentialEquation flow, double[] z0, double t0, double step, double tEnd,
                       GridRecorder recorder, StepListener listener);

    /** From {@code (0, z0)}, the first step chosen by the method, no listener. */
    @Override
    default double[] integrate(OrdinaryDifferentialEquation flow, double[] z0, double tEnd, GridRecorder recorder) {
        return integrate(flow, z0, 0.0, Double.NaN, tEnd, recorder, null);
    }
}
