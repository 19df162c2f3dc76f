package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.junit.jupiter.api.Test;

/**
 * {@link FlatDormandPrince853} restarted at an accepted step's {@code (t, z, h)} takes the rest of
 * the uninterrupted integration's steps exactly: the same accepted and rejected steps, the same grid
 * states and the same end state, bit for bit (tolerance zero: the arithmetic is the same, so any
 * difference is a defect; {@code run --resume} relies on it). The Arenstorf orbit has many rejected
 * steps around its close approaches, so the step control's state is exercised, not just the state.
 */
class FlatDormandPrince853RestartTest {

    record Step(double t, double[] z, double h, long accepted, long rejected) {
    }

    private static final double MU = 0.012277471;
    private static final OrdinaryDifferentialEquation ARENSTORF = TestOdes.of(4, (t, z) -> {
        double d1 = Math.pow((z[0] + MU) * (z[0] + MU) + z[1] * z[1], 1.5);
        double d2 = Math.pow((z[0] - 1 + MU) * (z[0] - 1 + MU) + z[1] * z[1], 1.5);
        return new double[] {z[2], z[3],
            z[0] + 2 * z[3] - (1 - MU) * (z[0] + MU) / d1 - MU * (z[0] - 1 + MU) / d2,
            z[1] - 2 * z[2] - (1 - MU) * z[1] / d1 - MU * z[1] / d2};
    });
    private static final double PERIOD = 17.0652165601579625588917206249;
    private static final double[] START = {0.994, 0, 0, -2.00158510637908252240537862224};

    @Test
    void restartAtAnyAcceptedStepContinuesTheSameSteps() {
        double[] grid = TimeGrid.linear(0.5, PERIOD, 40);
        FlatDormandPrince853 dop = new FlatDormandPrince853(1e-9, 1e-12, 1e-13 * PERIOD);
        List<Step> steps = new ArrayList<>();
        List<double[]> seen = new ArrayList<>();
        double[] end = dop.integrate(ARENSTORF, START, 0.0, Double.NaN, PERIOD,
                new GridRecorder(grid, (t, z) -> seen.add(z.clone()), 1e100),
                (t, z, h) -> steps.add(new Step(t, z.clone(), h, dop.acceptedSteps(), dop.rejectedSteps())));
        long accepted = dop.acceptedSteps();
        long rejected = dop.rejectedSteps();
        assertEquals(165, accepted, "as scipy (FlatDormandPrince853Test)");
        assertEquals(accepted - 1, steps.size(), "every accepted step but the last one is handed out");
        int restarts = 0;
        for (int k = 3; k < steps.size(); k += 23) {
            Step s = steps.get(k);
            int recorded = 0;
            while (recorded < grid.length && grid[recorded] <= s.t()) {
                recorded++;
            }
            List<double[]> again = new ArrayList<>();
            FlatDormandPrince853 resumed = new FlatDormandPrince853(1e-9, 1e-12, 1e-13 * PERIOD);
            double[] end2 = resumed.integrate(ARENSTORF, s.z(), s.t(), s.h(), PERIOD,
                    new GridRecorder(grid, (t, z) -> again.add(z.clone()), 1e100).resumeAt(recorded), null);
            assertArrayEquals(end, end2, 0.0, "end state from the restart at step " + k);
            assertEquals(accepted - s.accepted(), resumed.acceptedSteps(), "accepted steps after step " + k);
            assertEquals(rejected - s.rejected(), resumed.rejectedSteps(), "rejected steps after step " + k);
            assertEquals(seen.size() - recorded, again.size(), "grid points after step " + k);
            for (int m = 0; m < again.size(); m++) {
                assertArrayEquals(seen.get(recorded + m), again.get(m), 0.0, "grid point " + (recorded + m));
            }
            restarts++;
        }
        assertTrue(restarts >= 7, "restarts tried: " + restarts);
    }
}
