package org.repcollapse.dynamics;

/**
 * Something that looks at the state at a recorded time; it never changes the state, and copies what
 * it keeps: z may be the integrator's own array, valid only during the call.
 */
@FunctionalInterface
public interface StateObserver {
    void observe(double t, double[] z);
}
