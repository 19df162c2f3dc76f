package org.repcollapse.dynamics;

/**
 * Hairer's stiffness test of DOP853 (Hairer and Wanner, Solving ODEs II, IV.2; the Fortran code's
 * {@code NONSTI}/{@code IASTI} counters): after each accepted step an estimate of {@code |h lambda|}
 * along the dominant direction, {@code h |f(t1, y1) - f(t1, Y)| / |y1 - Y|} with {@code Y} the
 * last stage (also at {@code t1}), is compared with {@code 6.1}, where the stability region of
 * DOP853 meets the negative real axis. Fifteen consecutive steps beyond it flag the problem stiff;
 * six steps within it reset the count. Observation only: it reads the stages, never the step.
 */
public final class StiffnessDetector {

    /** |h lambda| beyond which a step counts as limited by stability (DOP853's boundary). */
    public static final double BOUNDARY = 6.1;
    /** Consecutive stability-limited steps that flag stiffness. */
    public static final int STIFF_STEPS = 15;
    /** Steps within the boundary that reset the count. */
    public static final int NONSTIFF_STEPS = 6;

    private int stiff;
    private int nonStiff;
    private double detectedAt = Double.NaN;
    private double lastHLambda = Double.NaN;
    private int detections;

    public void reset() {
        stiff = 0;
        nonStiff = 0;
        detectedAt = Double.NaN;
        lastHLambda = Double.NaN;
        detections = 0;
    }

    /**
     * Counts one accepted step ending at t with estimate {@code hLambda} (NaN when undefined, which
     * counts as neither); true when this step is at least the {@link #STIFF_STEPS}-th of the current run
     * (Hairer's code reports at exactly 15 and keeps counting).
     */
    public boolean observe(double t, double hLambda) {
        if (Double.isNaN(hLambda)) {
            return false;
        }
        lastHLambda = hLambda;
        if (hLambda > BOUNDARY) {
            nonStiff = 0;
            stiff++;
            if (stiff == STIFF_STEPS) {
                detections++;
                if (Double.isNaN(detectedAt)) {
                    detectedAt = t;
                }
            }
            return stiff >= STIFF_STEPS;
        } else {
            nonStiff++;
            if (nonStiff == NONSTIFF_STEPS) {
                stiff = 0;
            }
        }
        return false;
    }

    /**
     * Whether a run of stiff steps is being counted. When not, the detector decides exactly as a
     * fresh one would, so an integration restarted there with a fresh detector switches at the same
     * step (what makes {@code auto} restartable).
     */
    public boolean counting() {
        return stiff > 0;
    }

    /** Time of the first detection, NaN if none. */
    public double detectedAt() {
        return detectedAt;
    }

    /** How many times a run of {@link #STIFF_STEPS} was completed. */
    public int detections() {
        return detections;
    }

    /** The last finite estimate of |h lambda|. */
    public double lastHLambda() {
        return lastHLambda;
    }
}
