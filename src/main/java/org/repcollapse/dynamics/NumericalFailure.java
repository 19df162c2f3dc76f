package org.repcollapse.dynamics;

/** The integration broke down (NaN, blow-up or step-size underflow) at time {@link #time()}. */
public final class NumericalFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final double time;

    public NumericalFailure(double time, String what) {
        super(what + " at t = " + time);
        this.time = time;
    }

    public double time() {
        return time;
    }
}
