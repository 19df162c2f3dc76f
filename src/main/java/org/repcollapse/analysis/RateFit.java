package org.repcollapse.analysis;

/**
 * Decay rates read off a trajectory by least-squares fits of {@code log v} against t.
 * <ul>
 * <li>slow rate: from the min label distance D, over {@code [t_b/2, t_b]} where t_b is the last
 *     recorded time with {@code D > 1e-6 max D} (late enough for the fast modes to be gone,
 *     early enough to stay above the integration tolerance);</li>
 * <li>fast rate: half the decay rate of the mismatch M (which is quadratic in the fast modes),
 *     over the stretch where M falls from {@code 1e-1} to {@code 1e-3} of its first value.</li>
 * </ul>
 * A fit with fewer than three points gives NaN.
 */
public final class RateFit {

    public static final double SLOW_FLOOR = 1.0e-6;

    private RateFit() {
    }

    public static double slowRate(Trajectory tr) {
        return slowRate(tr.column(Metrics.T), tr.column(Metrics.MIN_LABEL_DISTANCE));
    }

    /** The slow rate of a min-label-distance series d on times t (see the class comment). */
    public static double slowRate(double[] t, double[] d) {
        int[] w = slowWindow(t, d);
        return w == null ? Double.NaN : -logSlope(t, d, w[0], w[1]);
    }

    /** The indices {@code [a, b]} of the slow fit's window on t, or null when no distance is above the floor. */
    public static int[] slowWindow(double[] t, double[] d) {
        double max = 0;
        for (double v : d) {
            max = Math.max(max, v);
        }
        int b = -1;
        for (int k = 0; k < d.length; k++) {
            if (d[k] > SLOW_FLOOR * max) {
                b = k;
            }
        }
        if (b < 0) {
            return null;
        }
        int a = b;
        while (a > 0 && t[a - 1] >= 0.5 * t[b]) {
            a--;
        }
        return new int[] {a, b};
    }

    public static double fastRate(Trajectory tr) {
        double[] t = tr.column(Metrics.T);
        double[] m = tr.column(Metrics.MISMATCH);
        if (m.length == 0 || !(m[0] > 0)) {
            return Double.NaN;
        }
        int a = -1;
        int b = -1;
        for (int k = 0; k < m.length; k++) {
            if (a < 0 && m[k] <= 1e-1 * m[0]) {
                a = k;
            }
            if (m[k] >= 1e-3 * m[0]) {
                b = k;
            } else {
                break;
            }
        }
        if (a < 0 || b < a) {
            return Double.NaN;
        }
        return -0.5 * logSlope(t, m, a, b);
    }

    /** Least-squares slope of {@code log v} on t over indices {@code a..b}; NaN for fewer than 3. */
    public static double logSlope(double[] t, double[] v, int a, int b) {
        int n = b - a + 1;
        if (n < 3) {
            return Double.NaN;
        }
        double st = 0;
        double sl = 0;
        for (int k = a; k <= b; k++) {
            st += t[k];
            sl += Math.log(v[k]);
        }
        double mt = st / n;
        double ml = sl / n;
        double num = 0;
        double den = 0;
        for (int k = a; k <= b; k++) {
            num += (t[k] - mt) * (Math.log(v[k]) - ml);
            den += (t[k] - mt) * (t[k] - mt);
        }
        return num / den;
    }
}
