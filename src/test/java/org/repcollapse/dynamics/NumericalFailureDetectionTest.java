package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.junit.jupiter.api.Test;

/**
 * A numerical failure is caught at the step where it happens, with that step's time, and the
 * grid points before it are delivered (and none after). Problems with a known failure time.
 */
class NumericalFailureDetectionTest {

    private static final double BLOW_UP = 1.0e30;

    /**
     * {@code dz/dt = -z} until t = 0.5, NaN from then on. With RK4, h = 0.1, the step [0.4, 0.5]
     * evaluates its last stage at t = 0.5, so it is the first step with a NaN state: the failure
     * time is 0.5 (to the rounding of five additions of 0.1, hence 1e-12).
     */
    @Test
    void nanIsCaughtAtItsStep() {
        double[] grid = TimeGrid.linear(0.0, 1.0, 21);        // every 0.05
        List<Double> seen = new ArrayList<>();
        GridRecorder recorder = new GridRecorder(grid, (t, z) -> seen.add(t), BLOW_UP);
        OrdinaryDifferentialEquation f = TestOdes.of(1, (t, y) -> new double[] {t < 0.5 ? -y[0] : Double.NaN});
        NumericalFailure e = assertThrows(NumericalFailure.class, () -> (IntegratorMethod.RK4.create(0, 0, 1.0, 0.1)).integrate(f, new double[] {1.0}, 1.0, recorder));
        assertEquals(0.5, e.time(), 1e-12);
        assertTrue(e.getMessage().contains("non-finite") && e.getMessage().endsWith("at t = 0.5"), e.getMessage());
        // grid points up to the last good step end (0.4) are delivered, none beyond
        assertEquals(9, seen.size(), "0, 0.05, ..., 0.4: " + seen);
        assertTrue(seen.get(seen.size() - 1) <= 0.4 + 1e-12);
    }

    /** Same with an adaptive integrator: its NaN error estimate must not hide the NaN state. */
    @Test
    void nanIsCaughtByAdaptiveIntegrators() {
        OrdinaryDifferentialEquation f = TestOdes.of(1, (t, y) -> new double[] {t < 0.5 ? -y[0] : Double.NaN});
        for (IntegratorMethod m : List.of(IntegratorMethod.DOP853, IntegratorMethod.DOP54, IntegratorMethod.HH54)) {
            GridRecorder recorder = new GridRecorder(TimeGrid.linear(0.0, 1.0, 21), (t, z) -> { }, BLOW_UP);
            NumericalFailure e = assertThrows(NumericalFailure.class, () -> (m.create(1e-8, 1e-10, 1.0, 0.0)).integrate(f, new double[] {1.0}, 1.0, recorder), m.key());
            // the failing step is the first one reaching past t = 0.5; its end lies beyond 0.5
            // and the last good end before it, so the reported time brackets the cause
            assertTrue(e.time() >= 0.5 && recorder.lastGoodTime() < 0.5 + 1e-12, m.key() + ": " + e.getMessage());
        }
    }

    /**
     * {@code dz/dt = z^2}, {@code z(0) = 1}: {@code z = 1/(1-t)} blows up at t = 1. The solver
     * cannot pass it: either the state exceeds the blow-up bound or the step size underflows
     * (minimum step ~1e-13), both within 1e-6 of t = 1 for rtol = 1e-8: the steps shrink in
     * proportion to the distance to the numerical pole, which the O(rtol) integration error
     * shifts from t = 1 by about 1e-9 (observed: stop at 1 + 1.2e-9 by step-size underflow).
     */
    @Test
    void finiteTimeBlowUpStopsAtTheSingularity() {
        OrdinaryDifferentialEquation f = TestOdes.of(1, (t, y) -> new double[] {y[0] * y[0]});
        List<Double> seen = new ArrayList<>();
        GridRecorder recorder = new GridRecorder(TimeGrid.linear(0.0, 2.0, 41), (t, z) -> seen.add(t), BLOW_UP);
        NumericalFailure e = assertThrows(NumericalFailure.class, () -> (IntegratorMethod.DOP853.create(1e-8, 1e-10, 2.0, 0.0)).integrate(f, new double[] {1.0}, 2.0, recorder));
        assertTrue(Math.abs(e.time() - 1.0) < 1e-6, e.getMessage());
        assertTrue(e.getMessage().contains("t = "), e.getMessage());
        // the integrator's own pole lies within O(rtol) of t = 1 (here just past it): the grid
        // points delivered are exactly those before the failure time
        long before = java.util.Arrays.stream(TimeGrid.linear(0.0, 2.0, 41)).filter(t -> t <= e.time()).count();
        assertEquals(before, seen.size(), "recorded up to the failure, nothing after: " + seen);
        assertTrue(before == 20 || before == 21, "0 .. 0.95, and 1.0 if the numerical pole lies past it");
    }
}
