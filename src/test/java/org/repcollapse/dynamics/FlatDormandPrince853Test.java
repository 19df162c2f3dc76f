package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;

/**
 * The flat-array DOP853 against three independent references: scipy's DOP853 (the same
 * algorithm: identical step sequence), Hipparchus' DormandPrince853Integrator (same method,
 * different step control), and the closed form through the observed order of one step.
 */
class FlatDormandPrince853Test {

    private static GridRecorder none() {
        return new GridRecorder(new double[0], (t, z) -> { }, 1e100);
    }

    /** Lotka-Volterra {@code x' = 1.5x - xy, y' = -3y + xy}, (10, 5), t in [0, 15]. */
    private static final OrdinaryDifferentialEquation LOTKA_VOLTERRA =
            TestOdes.of(2, (t, z) -> new double[] {1.5 * z[0] - z[0] * z[1], -3 * z[1] + z[0] * z[1]});

    /**
     * Reference: scipy 1.17.1, {@code solve_ivp(lv, (0, 15), [10, 5], method="DOP853", rtol=1e-8, atol=1e-10)}:
     * nfev 1946 = 2 + 12 x 162 attempts, 128 accepted steps (34 rejected), y(15) = (0.7137513873874549,
     * 0.07540779565376017). Same algorithm, so the same accepted and rejected steps; we skip the end
     * derivative of rejected steps, so 34 evaluations fewer. The end states differ only by the rounding
     * of the stage sums (numpy's dot against our loops): 1e-12 allows 1e4 ulps of accumulated rounding.
     */
    @Test
    void reproducesScipysStepSequence() {
        FlatDormandPrince853 dop = new FlatDormandPrince853(1e-8, 1e-10, 1e-13 * 15);
        double[] end = dop.integrate(LOTKA_VOLTERRA, new double[] {10, 5}, 15, none());
        assertEquals(128, dop.acceptedSteps());
        assertEquals(34, dop.rejectedSteps());
        assertEquals(1946 - 34, dop.evaluations());
        assertEquals(0.7137513873874549, end[0], 1e-12);
        assertEquals(0.07540779565376017, end[1], 1e-12);
    }

    /**
     * The Arenstorf orbit (restricted three-body problem, Hairer-Norsett-Wanner I, II.0), one period:
     * scipy 1.17.1 at rtol 1e-9, atol 1e-12 takes 165 accepted and 58 rejected steps and ends at
     * (0.9940000089418444, 2.7582802746592243e-08, 4.4919361876782915e-06, -2.0015837139465504).
     * The step sequence must be the same; the end state agrees to 1e-6, well below the global error of
     * either at this tolerance (scipy's end state misses the exactly periodic start by 4.5e-6 in u): the
     * close approaches amplify the rounding differences of the stage sums to ~1e-7.
     */
    @Test
    void reproducesScipyOnTheArenstorfOrbit() {
        double mu = 0.012277471;
        OrdinaryDifferentialEquation f = TestOdes.of(4, (t, z) -> {
            double d1 = Math.pow((z[0] + mu) * (z[0] + mu) + z[1] * z[1], 1.5);
            double d2 = Math.pow((z[0] - 1 + mu) * (z[0] - 1 + mu) + z[1] * z[1], 1.5);
            return new double[] {z[2], z[3],
                z[0] + 2 * z[3] - (1 - mu) * (z[0] + mu) / d1 - mu * (z[0] - 1 + mu) / d2,
                z[1] - 2 * z[2] - (1 - mu) * z[1] / d1 - mu * z[1] / d2};
        });
        double period = 17.0652165601579625588917206249;
        FlatDormandPrince853 dop = new FlatDormandPrince853(1e-9, 1e-12, 1e-13 * period);
        double[] end = dop.integrate(f, new double[] {0.994, 0, 0, -2.00158510637908252240537862224}, period, none());
        assertEquals(165, dop.acceptedSteps());
        assertEquals(58, dop.rejectedSteps());
        assertArrayEquals(new double[] {0.9940000089418444, 2.7582802746592243e-08, 4.4919361876782915e-06,
            -2.0015837139465504}, end, 1e-6);
    }

    /**
     * One step of {@code y' = y cos t}, {@code y = exp(sin t)}: the 8th-order solution has local error
     * C h^9 and the 7th-order dense output C' h^8 at the midpoint, so halving h divides them by about
     * 2^9 and 2^8. Observed over h = 0.8, 0.4, 0.2 (at h = 0.1 the step error reaches rounding): the
     * step's order from the last pair within 0.5 of 9; the dense output's orders between 7.5 and 8.75,
     * because its h^9 term is still visible (8.73 then 8.62, falling toward 8). A wrong stage or dense
     * coefficient drops the order to 5 or less.
     */
    @Test
    void stepAndDenseOutputHaveTheirOrders() {
        OrdinaryDifferentialEquation f = TestOdes.of(1, (t, y) -> new double[] {y[0] * Math.cos(t)});
        double[] hs = {0.8, 0.4, 0.2};
        double[] stepErr = new double[hs.length];
        double[] midErr = new double[hs.length];
        for (int i = 0; i < hs.length; i++) {
            double[][] r = new FlatDormandPrince853(1e-8, 1e-10, 1e-13).singleStep(f, new double[] {1.0}, hs[i], hs[i] / 2);
            stepErr[i] = Math.abs(r[0][0] - Math.exp(Math.sin(hs[i])));
            midErr[i] = Math.abs(r[1][0] - Math.exp(Math.sin(hs[i] / 2)));
        }
        double log2 = Math.log(2);
        assertEquals(9.0, Math.log(stepErr[1] / stepErr[2]) / log2, 0.5, "local order of the step");
        for (int i = 1; i < hs.length; i++) {
            double midOrder = Math.log(midErr[i - 1] / midErr[i]) / log2;
            assertTrue(midOrder > 7.5 && midOrder < 8.75, "local order of the dense output, h = " + hs[i] + ": " + midOrder);
        }
    }

    private static EmbeddingSystem headSystem(int n, Workers w) {
        LabelStructure s = LabelStructure.generate(4, n, 0.2, Pairing.ADJACENT, List.of(),
                new RandomStreams(3).stream(RandomStreams.Purpose.LABELS));
        EmbeddingSystem sys = new EmbeddingSystem(s, 8, true, true, new EmbeddingSystem.Parameters(1, 1, 1, 0.5, 1, 0.1),
                new RandomStreams(5));
        sys.flow().useWorkers(w);
        return sys;
    }

    /**
     * Head + stop-gradient flow (nonlinear), t in [0, 20], against Hipparchus' DOP853 at rtol 1e-11,
     * atol 1e-13: each approximates the exact flow to about 1e-10 (the states are O(1) and the flow
     * contracts), so the two differ by less than 1e-8 (a 100x margin for error growth).
     */
    @Test
    void agreesWithHipparchusOnTheHeadFlow() {
        EmbeddingSystem a = headSystem(60, new Workers(1));
        double[] ours = new FlatDormandPrince853(1e-11, 1e-13, 1e-12).integrate(a.ode(), a.initialState(), 20, none());
        EmbeddingSystem b = headSystem(60, new Workers(1));
        double[] theirs = new DormandPrince853Integrator(1e-12, 20, 1e-13, 1e-11)
                .integrate(b.ode(), new ODEState(0, b.initialState()), 20).getPrimaryState();
        double max = 0;
        for (int k = 0; k < ours.length; k++) {
            max = Math.max(max, Math.abs(ours[k] - theirs[k]));
        }
        assertTrue(max < 1e-8, "max difference " + max);
    }

    /**
     * Over several blocks of {@link FlatDormandPrince853#BLOCK} coordinates: the same numbers for 1, 2
     * and 3 threads, bit for bit, at every recorded time (the passes are elementwise, the error norm's
     * block sums are added in block order). And recording (dense output, three extra stages in steps
     * that hold a grid time) does not change the trajectory: the end state is bit-identical without it.
     */
    @Test
    void bitIdenticalForAnyThreadCountAndWithOrWithoutRecording() {
        int n = 1500;   // 1500 x 8 + head: 3 blocks
        double[] grid = TimeGrid.log(0.01, 5, 25);
        List<double[]> reference = null;
        double[] referenceEnd = null;
        for (int threads = 1; threads <= 3; threads++) {
            Workers w = new Workers(threads);
            EmbeddingSystem sys = headSystem(n, w);
            assertTrue(sys.initialState().length > 2 * FlatDormandPrince853.BLOCK);
            List<double[]> seen = new ArrayList<>();
            double[] end = new FlatDormandPrince853(1e-8, 1e-10, 1e-12).useWorkers(w)
                    .integrate(sys.ode(), sys.initialState(), 5, new GridRecorder(grid, (t, z) -> seen.add(z.clone()), 1e100));
            assertEquals(grid.length, seen.size());
            if (reference == null) {
                reference = seen;
                referenceEnd = end;
            } else {
                assertArrayEquals(referenceEnd, end, 0.0, threads + " threads");
                for (int i = 0; i < seen.size(); i++) {
                    assertArrayEquals(reference.get(i), seen.get(i), 0.0, threads + " threads, t = " + grid[i]);
                }
            }
        }
        EmbeddingSystem sys = headSystem(n, new Workers(2));
        double[] unrecorded = new FlatDormandPrince853(1e-8, 1e-10, 1e-12).useWorkers(new Workers(2))
                .integrate(sys.ode(), sys.initialState(), 5, none());
        assertArrayEquals(referenceEnd, unrecorded, 0.0);
        assertArrayEquals(reference.get(grid.length - 1), referenceEnd, 0.0, "the last grid time is the end");
    }

    /**
     * Forming a stage block by block inside the right-hand side ({@link BlockedOde}) is only a
     * schedule: the same numbers, bit for bit, as forming the whole stage and then evaluating the flow
     * (here the same flow hidden behind a plain {@link OrdinaryDifferentialEquation}).
     */
    @Test
    void stagedEvaluationIsOnlyASchedule() {
        EmbeddingSystem a = headSystem(1500, new Workers(2));
        assertTrue(a.flow().splits() && a.flow().blockCount() > 1);
        double[] staged = new FlatDormandPrince853(1e-8, 1e-10, 1e-12).integrate(a.ode(), a.initialState(), 5, none());
        EmbeddingSystem b = headSystem(1500, new Workers(2));
        GradientFlow f = b.flow();
        OrdinaryDifferentialEquation plain = TestOdes.of(f.getDimension(), (t, z) -> f.computeDerivatives(t, z));
        double[] whole = new FlatDormandPrince853(1e-8, 1e-10, 1e-12).integrate(plain, b.initialState(), 5, none());
        assertArrayEquals(whole, staged, 0.0);
    }
}
