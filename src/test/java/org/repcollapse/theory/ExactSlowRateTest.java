package org.repcollapse.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.repcollapse.analysis.RateFit;
import org.repcollapse.dynamics.LabelModes;
import org.repcollapse.dynamics.TimeGrid;

/**
 * {@link ExactSlowRate} on label modes whose min_label_distance is known in closed form.
 */
class ExactSlowRateTest {

    private static final double[] GRID = TimeGrid.log(0.01, 5.0, 200);

    /**
     * K = 3, d = 1: the slowest mode (lambda = 1, pattern (1, 1, -2)) moves labels 0 and 1 together, so
     * {@code |y_0 - y_1| = 2 exp(-2t)} is the minimum at every t > 0 and follows lambda = 2 forever,
     * while the slowest label mode stays 1. Exact to rounding (1e-12).
     */
    @Test
    void minimumFollowsTheModeOfItsPairNotTheSlowest() {
        LabelModes modes = new LabelModes(new double[] {1.0, 2.0},
                new double[][] {{1, 1, -2}, {1, -1, 0}}, new double[][] {{1}, {1}}, new double[3], 3, 1);
        ExactSlowRate x = new ExactSlowRate(modes, GRID);
        assertEquals("mode", x.kind());
        assertEquals(2.0, x.rate(), 1e-12);
        assertEquals(1.0, x.asymptoticRate(), 1e-12);
        assertEquals(2.0, x.windowRate(), 1e-9, "log-slope of 2 exp(-2t)");
        Map<String, Object> r = x.report();
        assertArrayEquals(new int[] {0, 1}, (int[]) r.get("pair"));
        assertEquals(2.0, (Double) r.get("pair_slowest_rate"), 1e-12, "mode 1 has no share of y_0 - y_1");
    }

    /**
     * Two near-degenerate modes (1 and 1.1) on the same pair, on orthogonal coordinates: no single
     * eigenvalue carries the window, so the prediction is the exact decay rate over the window; the
     * weights are an identity ({@code sum_j w_j = 1}, to 1e-12) and their mean rate agrees with the
     * window's log-slope to 1e-3 (they differ only by the curvature of ln|y_0 - y_1| over the window).
     */
    @Test
    void nearDegenerateModesGiveTheirExactMixture() {
        LabelModes modes = new LabelModes(new double[] {1.0, 1.1},
                new double[][] {{1, -1}, {1, -1}}, new double[][] {{1, 0}, {0, 1.5}}, new double[4], 2, 2);
        ExactSlowRate x = new ExactSlowRate(modes, GRID);
        assertEquals("mixture", x.kind());
        double[] w = x.weights();
        assertEquals(1.0, w[0] + w[1], 1e-12);
        assertTrue(x.rate() > 1.0 && x.rate() < 1.1, "between the two eigenvalues: " + x.rate());
        assertEquals(x.rate(), w[0] * 1.0 + w[1] * 1.1, 1e-3);
        double[] d = new double[GRID.length];
        for (int k = 0; k < GRID.length; k++) {
            double a = 2 * Math.exp(-GRID[k]);
            double b = 3 * Math.exp(-1.1 * GRID[k]);
            d[k] = Math.sqrt(a * a + b * b);
        }
        assertEquals(RateFit.slowRate(GRID, d), x.rate(), 1e-12, "the fit of the closed-form distance");
    }

    /** Labels that do not merge: the separation tends to a finite value and the late rate is 0. */
    @Test
    void noMergingPairHasRateZero() {
        LabelModes modes = new LabelModes(new double[] {0.5},
                new double[][] {{1, -1}}, new double[][] {{1}}, new double[] {0, 3}, 2, 1);
        ExactSlowRate x = new ExactSlowRate(modes, GRID);
        assertEquals("none", x.kind());
        assertEquals(0.0, x.rate());
        assertEquals(0.5, x.asymptoticRate(), 1e-12);
    }
}
