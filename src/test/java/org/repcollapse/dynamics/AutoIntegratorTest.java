package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code integrator.method: auto} and DOP853's stiffness test, on the linear Kronecker flow
 * {@code Z' = A Z} (closed-form solution) standing in for the flows' structured solves: explicit and
 * bit-identical to {@code dop853} while not stiff, a switch to ROS34PW2 when stiff, explicit (and
 * saying why) when stiff without a structured solve.
 */
class AutoIntegratorTest {

    private static final double RTOL = 1e-8;
    private static final double ATOL = 1e-10;
    private static final double T_END = 20;
    private static final double[] GRID = TimeGrid.log(1e-4, T_END, 60);

    /** A run's recorded rows (copies) and end state. */
    private record Run(List<double[]> rows, List<Double> times, double[] end, IntegrationReport report) {
    }

    private static Run run(FlowIntegrator in, KroneckerTestFlow flow, double[] z0) {
        List<double[]> rows = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        double[] end = in.integrate(flow, z0, T_END, new GridRecorder(GRID, (t, z) -> {
            rows.add(z.clone());
            times.add(t);
        }, 1e30));
        return new Run(rows, times, end, in.report());
    }

    private static FlowIntegrator dop853() {
        return new FlatDormandPrince853(RTOL, ATOL, 1e-13 * T_END);
    }

    private static FlowIntegrator auto() {
        return new AutoIntegrator(RTOL, ATOL, 1e-13 * T_END);
    }

    /**
     * Global error bound from {@code from} on: 30 tolerances (see Ros34pw2IntegratorTest). Observed:
     * at most 1.8 for DOP853 on the non-stiff flow and for ROS34PW2 after the switch; DOP853 itself,
     * stepping at its stability limit on the stiff flow, reaches 70 tolerances at some recorded points.
     */
    private static void assertNearExact(KroneckerTestFlow flow, double[] z0, Run r, double from) {
        for (int i = 0; i < GRID.length; i++) {
            if (GRID[i] < from) {
                continue;
            }
            double[] exact = flow.exact(GRID[i], z0);
            double[] z = r.rows().get(i);
            for (int k = 0; k < z.length; k++) {
                assertEquals(exact[k], z[k], 30 * (ATOL + RTOL * Math.abs(exact[k])), "t = " + GRID[i] + ", k = " + k);
            }
        }
    }

    /** Eigenvalues -1 and -2: never stiff, so auto is DOP853 step for step, the same bits. */
    @Test
    void staysExplicitAndBitIdenticalOnANonStiffFlow() {
        KroneckerTestFlow flow = new KroneckerTestFlow(20, -1.0, -2.0, true);
        double[] z0 = flow.initialState(3);
        Run dop = run(dop853(), flow, z0);
        Run auto = run(auto(), flow, z0);
        assertBitIdentical(dop, auto);
        assertFalse(auto.report().switched());
        assertEquals(List.of("dop853"), auto.report().methodsUsed());
        assertTrue(Double.isNaN(auto.report().stiffDetectedAt()));
        assertEquals(dop.report().evaluations(), auto.report().evaluations());
        assertTrue(auto.report().reason().contains("not stiff"), auto.report().reason());
        assertNearExact(flow, z0, auto, 0.0);
    }

    /**
     * Eigenvalues -1 and -1e4: once the fast mode has decayed (t ~ 1e-3) DOP853's step is held at
     * its stability limit |h lambda| ~ 6, the test flags it, and auto switches. Before the switch the
     * recorded points are dop853's bits; after it every point meets the closed form; and the
     * whole run costs a small fraction of dop853's evaluations (which grow with T_END |lambda|).
     * The solve has the exact Jacobian, so the stiff method is RODAS (order 4); with the W-method
     * approximation (0.9 A) it is ROS34PW2, the only one of the two whose
     * order survives an approximate Jacobian.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void switchesOnAStiffFlowAndKeepsTheTrajectory(boolean exactSolve) {
        KroneckerTestFlow flow = new KroneckerTestFlow(20, -1.0, -1e4, true);
        if (!exactSolve) {
            flow.withApproximateSolve();
        }
        String stiffMethod = exactSolve ? "rodas4" : "ros34pw2";
        double[] z0 = flow.initialState(4);
        Run dop = run(dop853(), flow, z0);
        Run auto = run(auto(), flow, z0);
        IntegrationReport rep = auto.report();
        assertTrue(rep.switched(), rep.reason());
        assertEquals(List.of("dop853", stiffMethod), rep.methodsUsed());
        assertTrue(rep.switchTime() > 1e-4 && rep.switchTime() < 0.05, "switch time " + rep.switchTime());
        assertTrue(rep.reason().contains("switched to " + stiffMethod), rep.reason());
        assertEquals(rep.switchTime(), rep.phases().get(0).to());
        assertEquals(rep.switchTime(), rep.phases().get(1).from());
        assertEquals(T_END, rep.phases().get(1).to());
        assertTrue(rep.linearisations() > 0 && rep.factorisations() > 0);
        for (int i = 0; i < GRID.length && GRID[i] <= rep.switchTime(); i++) {
            assertArrayEquals(dop.rows().get(i), auto.rows().get(i), "t = " + GRID[i] + " is before the switch");
        }
        assertEquals(GRID.length, auto.rows().size());
        assertNearExact(flow, z0, auto, rep.switchTime());
        assertTrue(20 * rep.evaluations() < dop.report().evaluations(),
                "auto " + rep.evaluations() + " vs dop853 " + dop.report().evaluations() + " evaluations");
        // dop853 reports the detection as an observation only
        assertEquals(rep.stiffDetectedAt(), dop.report().stiffDetectedAt());
        assertFalse(dop.report().switched());
    }

    /** Stiff but without a structured solve: auto stays with DOP853 (same bits) and says why. */
    @Test
    void staysExplicitWhenThereIsNoStructuredSolve() {
        KroneckerTestFlow flow = new KroneckerTestFlow(20, -1.0, -1e4, false);
        double[] z0 = flow.initialState(4);
        Run dop = run(dop853(), flow, z0);
        Run auto = run(auto(), flow, z0);
        assertBitIdentical(dop, auto);
        IntegrationReport rep = auto.report();
        assertFalse(rep.switched());
        assertEquals(List.of("dop853"), rep.methodsUsed());
        assertTrue(rep.stiffDetectedAt() > 0);
        assertTrue(rep.reason().contains("no structured implicit solve"), rep.reason());
    }

    /**
     * The stiffness test only reads the stages: with it on or off DOP853 produces the same bits on a
     * stiff flow (where it fires) and on a non-stiff one.
     */
    @Test
    void stiffnessTestDoesNotChangeTheDop853Trajectory() {
        for (double fast : new double[] {-2.0, -1e4}) {
            KroneckerTestFlow flow = new KroneckerTestFlow(20, -1.0, fast, true);
            double[] z0 = flow.initialState(5);
            FlatDormandPrince853 on = new FlatDormandPrince853(RTOL, ATOL, 1e-13 * T_END);
            Run withTest = run(on, flow, z0);
            Run without = run(new FlatDormandPrince853(RTOL, ATOL, 1e-13 * T_END).detectStiffness(false), flow, z0);
            assertBitIdentical(withTest, without);
            assertEquals(fast < -10, on.stiffness().detections() > 0, "lambda " + fast);
        }
    }

    /**
     * On the stiff flow the estimate is |h lambda| of the dominant mode at DOP853's step, and the
     * steps are held at its stability boundary on the negative real axis (about 6.1): when the test
     * fires the estimate lies just beyond it, below 8; the step count to t = 1 is then that of a
     * stability-limited run, at least 1e4 / 8 steps (the accuracy alone would need a few dozen).
     */
    @Test
    void estimateIsTheStepTimesTheFastRate() {
        KroneckerTestFlow flow = new KroneckerTestFlow(20, -1.0, -1e4, true);
        FlatDormandPrince853 stopping = new FlatDormandPrince853(RTOL, ATOL, 1e-13).stopWhenStiff(t -> true);
        stopping.integrate(flow, flow.initialState(6), 1.0, new GridRecorder(new double[0], (t, z) -> { }, 1e30));
        double hl = stopping.handover().hLambda();
        assertTrue(hl > StiffnessDetector.BOUNDARY && hl < 8, "h lambda " + hl);
        FlatDormandPrince853 dop = new FlatDormandPrince853(RTOL, ATOL, 1e-13);
        dop.integrate(flow, flow.initialState(6), 1.0, new GridRecorder(new double[0], (t, z) -> { }, 1e30));
        assertTrue(dop.acceptedSteps() > 1e4 / 8, dop.acceptedSteps() + " steps");
    }

    /**
     * On the standard stiff problems auto switches (early: the stiffness shows within the first
     * transient) and still meets the published references within 30 tolerances at rtol 1e-6
     * (see Ros34pw2IntegratorTest for the bound); ROBER to t = 1e4 only checks the switch.
     */
    @Test
    void switchesOnTheStandardStiffProblems() {
        for (StiffProblems.Problem p : new StiffProblems.Problem[] {StiffProblems.vanDerPol(), StiffProblems.hires(),
            StiffProblems.robertson()}) {
            double rtol = 1e-6;
            double atol = p.name().equals("rober") ? 1e-14 : 1e-8;
            double tEnd = p.name().equals("rober") ? 1e4 : p.tEnd();
            AutoIntegrator auto = new AutoIntegrator(rtol, atol, 1e-20);
            double[] y = auto.integrate(p.flow(), p.y0(), tEnd, new GridRecorder(new double[0], (t, z) -> { }, 1e30));
            IntegrationReport rep = auto.report();
            assertTrue(rep.switched(), p.name() + ": " + rep.reason());
            assertTrue(rep.switchTime() < 0.1 * tEnd, p.name() + " switched at " + rep.switchTime());
            if (tEnd == p.tEnd()) {
                for (int i = 0; i < y.length; i++) {
                    double ref = p.reference()[i];
                    assertEquals(ref, y[i], 30 * (atol + rtol * Math.abs(ref)), p.name() + " component " + i);
                }
            }
        }
    }

    /**
     * A useless approximate Jacobian (J = 0: the W-method is then explicit, its steps held by
     * stability far below DOP853's): auto switches, sees after its trial steps that ROS34PW2 costs
     * more per unit time, goes back to DOP853, retries only after a growing number of explicit steps,
     * and so costs at most 15 % more than dop853 while the result still meets the closed form.
     */
    @Test
    void goesBackToDop853WhenTheImplicitStepsCostMore() {
        double l1 = -1.0;
        double l2 = -1e4;
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        double[][] a = {{c * c * l1 + s * s * l2, c * s * (l1 - l2)}, {c * s * (l1 - l2), s * s * l1 + c * c * l2}};
        DenseStiffOde f = new DenseStiffOde(2, (y, o) -> {
            o[0] = a[0][0] * y[0] + a[0][1] * y[1];
            o[1] = a[1][0] * y[0] + a[1][1] * y[1];
        }, (t, y, j) -> {
            j[0][0] = a[0][0];
            j[0][1] = a[0][1];
            j[1][0] = a[1][0];
            j[1][1] = a[1][1];
        }).withJacobianScaled(0.0);
        double[] z0 = {1.0, -0.5};
        GridRecorder none = new GridRecorder(new double[0], (t, z) -> { }, 1e30);
        FlatDormandPrince853 dop = new FlatDormandPrince853(RTOL, ATOL, 1e-13);
        double[] ref = dop.integrate(f, z0, T_END, none);
        AutoIntegrator auto = new AutoIntegrator(RTOL, ATOL, 1e-13);
        double[] end = auto.integrate(f, z0, T_END, new GridRecorder(new double[0], (t, z) -> { }, 1e30));
        IntegrationReport rep = auto.report();
        assertTrue(rep.switched() && rep.reason().contains("back to dop853"), rep.reason());
        assertTrue(rep.phases().size() >= 3, rep.phases().toString());
        assertTrue(rep.evaluations() < 1.15 * dop.evaluations(), rep.evaluations() + " vs " + dop.evaluations());
        for (int k = 0; k < 2; k++) {
            assertEquals(ref[k], end[k], 30 * (ATOL + RTOL * Math.abs(ref[k])));
        }
    }

    /** Auto across a switch: the same bits twice and for 1, 2 and 3 threads (state of 3 blocks). */
    @Test
    void bitIdenticalForAnyThreadCountAcrossTheSwitch() {
        KroneckerTestFlow flow = new KroneckerTestFlow(4200, -1.0, -1e4, true);
        double[] z0 = flow.initialState(8);
        Run first = null;
        for (int threads : new int[] {1, 2, 3, 1}) {
            Run r = run(new AutoIntegrator(RTOL, ATOL, 1e-13 * T_END).useWorkers(new Workers(threads)), flow, z0);
            assertTrue(r.report().switched());
            if (first == null) {
                first = r;
            } else {
                assertBitIdentical(first, r);
                assertEquals(first.report().switchTime(), r.report().switchTime());
            }
        }
    }

    private static void assertBitIdentical(Run a, Run b) {
        assertArrayEquals(a.end(), b.end());
        assertEquals(a.rows().size(), b.rows().size());
        for (int i = 0; i < a.rows().size(); i++) {
            assertArrayEquals(a.rows().get(i), b.rows().get(i), "row " + i);
        }
    }
}
