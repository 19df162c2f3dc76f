package org.repcollapse.dynamics;

/** Something that looks at the state at a recorded time; it never changes the state. */
@FunctionalInterface
public interface StateObserver {
    void observe(double t, double[] z);
}
