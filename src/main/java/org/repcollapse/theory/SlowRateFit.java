package org.repcollapse.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.repcollapse.analysis.RateFit;
import org.repcollapse.dynamics.LabelModes;

/**
 * The analysis behind {@link ExactSlowRate}: the exact min_label_distance on the recorded grid, its fit window,
 * the modes' shares of the followed pair's difference over it, and the pair's own slowest mode.
 */
final class SlowRateFit {

    final LabelModes modes;
    double asymptotic = Double.NaN;
    double rate = Double.NaN;
    double windowRate = Double.NaN;
    String kind;
    int[] pair;
    double[] window;
    double[] weights;
    double pairRate = Double.NaN;
    double takeover = Double.NaN;
    String why;

    /**
     * @param modes the label modes of the instance from its initial state
     * @param grid  the recorded times of a run (where {@code min_label_distance} is fitted)
     */
    SlowRateFit(LabelModes modes, double[] grid) {
        this.modes = modes;
        int k = modes.classes();
        int m = modes.rates().length;
        double maxSpread = 0;
        double[] spread = new double[m];
        for (int j = 0; j < m; j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                lo = Math.min(lo, modes.patterns()[j][c]);
                hi = Math.max(hi, modes.patterns()[j][c]);
            }
            spread[j] = hi - lo;
            maxSpread = Math.max(maxSpread, spread[j]);
        }
        for (int j = 0; j < m; j++) {
            if (spread[j] > ExactSlowRate.NEGLIGIBLE * maxSpread) {
                asymptotic = modes.rates()[j];
                break;
            }
        }
        analyse(grid);
    }

    private void analyse(double[] t) {
        int k = modes.classes();
        int n = t.length;
        double[] dist = new double[n];
        int[][] at = new int[n][];
        double scale = 0;
        for (int s = 0; s < n; s++) {
            double[] y = modes.labels(t[s]);
            dist[s] = Double.POSITIVE_INFINITY;
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) {
                    double dd = distance(y, a, b);
                    if (dd < dist[s]) {
                        dist[s] = dd;
                        at[s] = new int[] {a, b};
                    }
                }
            }
            scale = Math.max(scale, dist[s]);
        }
        if (k < 2 || n == 0) {
            kind = "none";
            why = "fewer than two classes";
            return;
        }
        double limitMin = Double.POSITIVE_INFINITY;
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                limitMin = Math.min(limitMin, distance(modes.limit(), a, b));
            }
        }
        int[] w = RateFit.slowWindow(t, dist);
        if (w != null) {
            window = new double[] {t[w[0]], t[w[1]]};
            windowRate = -RateFit.logSlope(t, dist, w[0], w[1]);
        }
        if (limitMin > 1.0e-6 * scale) {
            kind = "none";
            rate = 0.0;
            why = String.format(Locale.ROOT, "no two labels merge: min_label_distance tends to %.6g,"
                    + " the closest pair of the kernel's label positions, so its late decay rate is 0", limitMin);
            return;
        }
        if (w == null) {
            kind = "unresolved";
            why = "min_label_distance is nowhere above the fit's floor";
            return;
        }
        int m = modes.rates().length;
        weights = new double[m];
        int count = 0;
        for (int s = w[0]; s <= w[1]; s++) {
            double[] share = shares(at[s][0], at[s][1], t[s]);
            for (int j = 0; j < m; j++) {
                weights[j] += share[j];
            }
            count++;
        }
        for (int j = 0; j < m; j++) {
            weights[j] /= count;
        }
        // a degenerate eigenvalue is one rate: its modes' weights add up (rates are ascending)
        int top = 0;
        double topWeight = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; ) {
            int end = j;
            double sum = 0;
            while (end < m && modes.rates()[end] - modes.rates()[j] <= ExactSlowRate.DEGENERATE * modes.rates()[end]) {
                sum += weights[end];
                end++;
            }
            if (sum > topWeight) {
                topWeight = sum;
                top = j;
            }
            j = end;
        }
        pair = at[w[1]];
        followedPair(pair[0], pair[1], t[w[1]]);
        String pairName = pair[0] + "-" + pair[1];
        if (topWeight >= ExactSlowRate.SINGLE_MODE) {
            kind = "mode";
            rate = modes.rates()[top];
            why = String.format(Locale.ROOT, "min_label_distance follows labels %s, carried by the eigenvalue lambda = %.6g"
                    + " (weight %.4f over the fit window [%.4g, %.4g])", pairName, rate, topWeight, window[0], window[1]);
        } else {
            kind = "mixture";
            rate = windowRate;
            why = String.format(Locale.ROOT, "over the fit window [%.4g, %.4g] min_label_distance follows labels %s,"
                    + " whose difference is a mixture of near-degenerate modes (%s), none carrying %.2f of it; its exact"
                    + " decay rate there is %.6g, a weighted mean of those eigenvalues", window[0], window[1], pairName,
                    topModes(4), ExactSlowRate.SINGLE_MODE, windowRate);
        }
        if (Double.isFinite(pairRate) && Math.abs(pairRate - rate) > 1.0e-3 * pairRate) {
            why += String.format(Locale.ROOT, "; that pair's own slowest mode, lambda = %.6g, carries a share of y_%d - y_%d"
                    + " small enough that it takes over only after t ~ %.4g", pairRate, pair[0], pair[1], takeover);
        }
        if (Double.isFinite(asymptotic) && Math.abs(asymptotic - rate) > 1.0e-3 * asymptotic) {
            why += String.format(Locale.ROOT, "; the slowest label mode of the operator, lambda = %.6g, is what every"
                    + " merging separation ends at", asymptotic);
        }
    }

    /** The instantaneous-rate weights {@code w_j} of {@code y_a - y_b} at time t. */
    private double[] shares(int a, int b, double t) {
        int m = modes.rates().length;
        int d = modes.dim();
        double[][] term = new double[m][];
        double[] delta = new double[d];
        for (int j = 0; j < m; j++) {
            double[] q = modes.difference(j, a, b);
            double decay = Math.exp(-modes.rates()[j] * t);
            for (int x = 0; x < d; x++) {
                q[x] *= decay;
                delta[x] += q[x];
            }
            term[j] = q;
        }
        double norm = 0;
        for (double v : delta) {
            norm += v * v;
        }
        double[] share = new double[m];
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int x = 0; x < d; x++) {
                s += term[j][x] * delta[x];
            }
            share[j] = norm > 0 ? s / norm : 0.0;
        }
        return share;
    }

    /** The pair's own slowest mode and the time its term outgrows all the others together. */
    private void followedPair(int a, int b, double tb) {
        int m = modes.rates().length;
        double[] size = new double[m];
        double max = 0;
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (double v : modes.difference(j, a, b)) {
                s += v * v;
            }
            size[j] = Math.sqrt(s);
            max = Math.max(max, size[j]);
        }
        int j0 = -1;
        for (int j = 0; j < m; j++) {
            if (size[j] > ExactSlowRate.NEGLIGIBLE * max) {
                j0 = j;
                break;
            }
        }
        if (j0 < 0) {
            return;
        }
        pairRate = modes.rates()[j0];
        takeover = Double.POSITIVE_INFINITY;
        for (double t = Math.max(tb, 1.0e-3) * 1.0e-3; t <= 1.0e6 * Math.max(tb, 1.0); t *= 1.02) {
            double own = size[j0] * Math.exp(-pairRate * t);
            double rest = 0;
            for (int j = 0; j < m; j++) {
                if (j != j0) {
                    rest += size[j] * Math.exp(-modes.rates()[j] * t);
                }
            }
            if (own >= rest) {
                takeover = t;
                break;
            }
        }
    }

    private String topModes(int count) {
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < weights.length; j++) {
            order.add(j);
        }
        order.sort((p, q) -> Double.compare(Math.abs(weights[q]), Math.abs(weights[p])));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(count, order.size()); i++) {
            int j = order.get(i);
            if (Math.abs(weights[j]) < 0.005) {
                break;
            }
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "lambda %.4g weight %.3f",
                    modes.rates()[j], weights[j]));
        }
        return sb.toString();
    }

    private double distance(double[] y, int a, int b) {
        int d = modes.dim();
        double s = 0;
        for (int x = 0; x < d; x++) {
            double r = y[a * d + x] - y[b * d + x];
            s += r * r;
        }
        return Math.sqrt(s);
    }
}
