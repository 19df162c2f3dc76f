package org.repcollapse.dynamics;

/**
 * The {@link Workers} a parallel computation runs on: the ones it was given, else {@link Workers#defaults()},
 * built at the first use (a computation that never runs in parallel starts no pool).
 */
public final class WorkerChoice {

    private Workers workers;

    /** Runs on these workers from now on. */
    public void use(Workers w) {
        this.workers = w;
    }

    /** The workers given, or the defaults (built once). */
    public Workers get() {
        if (workers == null) {
            workers = Workers.defaults();
        }
        return workers;
    }
}
