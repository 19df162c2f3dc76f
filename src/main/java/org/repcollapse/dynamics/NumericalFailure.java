package org.repcollapse.dynamics;

/** The integration broke down (NaN, blow-up or step-size underflow) at time {@link #time()}. */
public final class NumericalFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final double time;

    public NumericalFailure(double time, String what) {
        super(what + " at t = " + time);
        this.time = time;
    }

    /** The same, keeping the exception that revealed it (e.g. the integrator's). */
    public NumericalFailure(double time, String what, Throwable cause) {
        this(time, what);
        initCause(cause);
    }

    public double time() {
        return time;
    }
}
