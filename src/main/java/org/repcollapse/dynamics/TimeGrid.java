package org.repcollapse.dynamics;

/** The recorded times: {@code points} times from tStart to tEnd, log- or linearly spaced. */
public final class TimeGrid {

    private TimeGrid() {
    }

    public static double[] log(double tStart, double tEnd, int points) {
        double[] t = new double[points];
        if (points == 1) {
            t[0] = tEnd;
            return t;
        }
        double a = Math.log(tStart);
        double b = Math.log(tEnd);
        for (int k = 0; k < points; k++) {
            t[k] = Math.exp(a + (b - a) * k / (points - 1));
        }
        t[0] = tStart;
        t[points - 1] = tEnd;
        return t;
    }

    public static double[] linear(double tStart, double tEnd, int points) {
        double[] t = new double[points];
        if (points == 1) {
            t[0] = tEnd;
            return t;
        }
        for (int k = 0; k < points; k++) {
            t[k] = tStart + (tEnd - tStart) * k / (points - 1);
        }
        t[points - 1] = tEnd;
        return t;
    }
}
