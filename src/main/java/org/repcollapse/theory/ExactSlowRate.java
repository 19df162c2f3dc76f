package org.repcollapse.theory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.repcollapse.dynamics.LabelModes;

/**
 * The exact slow rate of a flow without a head, from the eigenmodes of its own linear operator
 * ({@link LabelModes}: {@code Y(t) = Y(inf) + sum_j exp(-lambda_j t) l_j p_j^T}).
 *
 * <ul>
 * <li>{@link #asymptoticRate()}: the slowest non-zero eigenvalue whose mode moves the labels apart
 *     ({@code l_j} not constant over the classes): the rate every separation that vanishes ends at.</li>
 * <li>{@link #rate()}: the rate {@code min_label_distance} follows where {@code run} fits it
 *     ({@link RateFit}'s window on the recorded grid). Along the exact solution, the pair (a, b) at the
 *     minimum has {@code y_a - y_b = sum_j exp(-lambda_j t) q_j}, {@code q_j = (l_ja - l_jb) p_j}, and
 *     {@code -d ln|y_a - y_b|/dt = sum_j w_j lambda_j} with {@code w_j = exp(-lambda_j t) q_j.(y_a - y_b) / |y_a - y_b|^2}
 *     (the w_j sum to 1). When one mode carries the window ({@code w >= 0.99}) the rate is its eigenvalue;
 *     otherwise (near-degenerate modes, K >= 3, a slowest mode that moves a and b together) it is the
 *     exact decay rate of the exact min_label_distance over the window, that weighted mean of eigenvalues.
 *     0 when no pair of labels merges (the separation tends to a finite value).</li>
 * </ul>
 *
 * <p>A result: the analysis is {@link SlowRateFit}.
 *
 * @param kind             mode, mixture, none or unresolved
 * @param rate             the exact prediction of the slow rate {@code run} fits (see above); 0 with no merging pair
 * @param asymptoticRate   the slowest non-zero eigenvalue whose mode moves the labels apart; NaN if none
 * @param fitWindow        the fit window {@code [t0, t1]} (null without one)
 * @param windowRate       the exact min_label_distance's log-slope over the fit window (NaN without a window)
 * @param pair             the pair of labels min_label_distance follows at the window's end (null without one)
 * @param pairSlowestRate  that pair's own slowest mode (NaN if none)
 * @param pairTakeoverTime when that mode's term outgrows the others together (infinite: never)
 * @param weights          the mode weights over the fit window, in the order of {@link LabelModes#rates()}
 *                         (null unless mode or mixture)
 * @param modeRates        {@link LabelModes#rates()}
 * @param why              the verdict in a sentence
 */
public record ExactSlowRate(String kind, double rate, double asymptoticRate, double[] fitWindow, double windowRate,
                            int[] pair, double pairSlowestRate, double pairTakeoverTime, double[] weights,
                            double[] modeRates, String why) {

    /** Weight above which one mode is said to carry min_label_distance. */
    public static final double SINGLE_MODE = 0.99;
    /** Relative size below which a label pattern spread, a pair's limit distance or a mode's share counts as zero. */
    public static final double NEGLIGIBLE = 1.0e-8;
    /** Relative gap below which two eigenvalues count as one (degenerate) eigenvalue. */
    public static final double DEGENERATE = 1.0e-9;

    /**
     * @param modes the label modes of the instance from its initial state
     * @param grid  the recorded times of a run (where {@code min_label_distance} is fitted)
     */
    public ExactSlowRate(LabelModes modes, double[] grid) {
        this(new SlowRateFit(modes, grid));
    }

    private ExactSlowRate(SlowRateFit f) {
        this(f.kind, f.rate, f.asymptotic, f.window, f.windowRate, f.pair, f.pairRate, f.takeover, f.weights,
                f.modes.rates(), f.why);
    }

    /** The mode weights over the fit window (a copy; null unless mode or mixture). */
    @Override
    public double[] weights() {
        return weights == null ? null : weights.clone();
    }

    /** The ordered map for {@code theory.slow_mode}. */
    public Map<String, Object> report() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("rate", rate);
        m.put("asymptotic_rate", asymptoticRate);
        m.put("fit_window", fitWindow);
        m.put("fit_window_exact_rate", windowRate);
        m.put("pair", pair);
        m.put("pair_slowest_rate", pairSlowestRate);
        m.put("pair_takeover_time", Double.isInfinite(pairTakeoverTime) ? null : pairTakeoverTime);
        if (weights != null) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (int j = 0; j < weights.length; j++) {
                if (Math.abs(weights[j]) >= 0.01) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("rate", modeRates[j]);
                    e.put("weight", weights[j]);
                    list.add(e);
                }
            }
            m.put("modes", list);
        }
        m.put("why", why);
        return m;
    }

    /**
     * Writes the exact slow rate into a theory map: {@code slow_rate} (the exact prediction of the
     * fitted rate), {@code slow_rate_asymptotic}, {@code slow_mode} (details), and for an approximate
     * {@code slow_rate_first_order} present in the map its relative error against the exact asymptotic rate.
     */
    public void putInto(Map<String, Object> theory) {
        theory.put("slow_rate", rate);
        theory.put("slow_rate_asymptotic", asymptoticRate);
        theory.put("slow_mode", report());
        if (theory.get("slow_rate_first_order") instanceof Double approx) {
            theory.put("slow_rate_first_order_relative_error", approx / asymptoticRate - 1);
        }
    }
}
