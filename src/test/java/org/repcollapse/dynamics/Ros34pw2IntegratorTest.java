package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ROS34PW2 on the standard stiff problems against their published reference solutions, its
 * orders with the exact and with wrong Jacobians (the W-method property), its dense output,
 * failures, and determinism.
 */
class Ros34pw2IntegratorTest {

    private static GridRecorder none() {
        return StiffProblems.noRecording();
    }

    static Stream<StiffProblems.Problem> problems() {
        return StiffProblems.referenceSet();
    }

    /**
     * Each problem at rtol 1e-6 and 1e-8: every component within 30 tolerances of the reference, and
     * the error falls with the tolerance (at least 10x for the 100x smaller rtol). Why 30: the
     * tolerance bounds the local error per step; the global error is the sum of the propagated
     * local errors, a problem-dependent multiple (observed: ROBER 1.5 and 0.9, VDPOL 0.9 and 0.8,
     * HIRES 12 and 13 tolerances, HIRES's non-stiff slow transient amplifying them).
     */
    @ParameterizedTest
    @MethodSource("problems")
    void meetsThePublishedReferenceWithinTheTolerance(StiffProblems.Problem p) {
        StiffProblems.assertMeetsReference(p, (rtol, atol) -> new Ros34pw2Integrator(rtol, atol, 1e-20), in -> assertTrue(in.linearisations() > 0 && in.factorisations() >= in.linearisations()));
    }

    /**
     * A finite-difference Jacobian ({@link DenseShiftedSystem#finiteDifferences}, not exact) serves as
     * well: HIRES at rtol 1e-6 within the same 30 tolerances.
     */
    @Test
    void finiteDifferenceJacobianMeetsTheReference() {
        StiffProblems.Problem p = StiffProblems.hires();
        DenseStiffOde f = p.flow();
        StiffOde fd = new StiffOde() {
            @Override
            public int getDimension() {
                return f.getDimension();
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                return f.computeDerivatives(t, y);
            }

            @Override
            public void computeDerivatives(double t, double[] z, double[] out) {
                f.computeDerivatives(t, z, out);
            }

            @Override
            public ShiftedSystem shiftedSystem() {
                return DenseShiftedSystem.finiteDifferences(f);
            }
        };
        assertTrue(!fd.shiftedSystem().exact());
        double[] y = new Ros34pw2Integrator(1e-6, 1e-8, 1e-20).integrate(fd, p.y0(), p.tEnd(), none());
        assertTrue(StiffProblems.errorInTolerances(p, 1e-6, y) < 30, "error " + StiffProblems.errorInTolerances(p, 1e-6, y) + " tolerances");
    }

    /**
     * ROBER recorded at 40 log-spaced times from 1e-5 to 1e11: the mass y1 + y2 + y3 = 1 is kept to
     * rounding (a linear invariant: e^T f = 0 and e^T J = 0 give e^T u_i = 0 for every stage), and
     * y2 stays in its known range [0, 3.7e-5].
     */
    @Test
    void robertsonConservesMassOnTheRecordedGrid() {
        StiffProblems.Problem p = StiffProblems.robertson();
        double[] grid = TimeGrid.log(1e-5, 1e11, 40);
        List<double[]> seen = new ArrayList<>();
        new Ros34pw2Integrator(1e-8, 1e-14, 1e-20).integrate(p.flow(), p.y0(), p.tEnd(),
                new GridRecorder(grid, (t, z) -> seen.add(z.clone()), 1e30));
        assertEquals(40, seen.size());
        for (double[] y : seen) {
            assertEquals(1.0, y[0] + y[1] + y[2], 1e-14);
            assertTrue(y[1] >= -1e-14 && y[1] < 4e-5, "y2 within its known range: " + y[1]);
        }
    }

    /**
     * The limit cycle {@code y' = (-y2, y1) + (1 - |y|^2) y}: in polar form r' = r(1 - r^2),
     * theta' = 1, so {@code r(t) = 1/sqrt(1 + (1/r0^2 - 1) e^{-2t})}.
     */
    private static DenseStiffOde limitCycle() {
        return new DenseStiffOde(2, (y, o) -> {
            double rho = 1 - y[0] * y[0] - y[1] * y[1];
            o[0] = -y[1] + y[0] * rho;
            o[1] = y[0] + y[1] * rho;
        }, (t, y, j) -> {
            double rho = 1 - y[0] * y[0] - y[1] * y[1];
            j[0][0] = rho - 2 * y[0] * y[0];
            j[0][1] = -1 - 2 * y[0] * y[1];
            j[1][0] = 1 - 2 * y[0] * y[1];
            j[1][1] = rho - 2 * y[1] * y[1];
        });
    }

    private static double[] limitCycleAt(double t, double r0) {
        double r = 1 / Math.sqrt(1 + (1 / (r0 * r0) - 1) * Math.exp(-2 * t));
        return new double[] {r * Math.cos(t), r * Math.sin(t)};
    }

    /**
     * Local error of one step ~ C h^4 (order 3) and the Hermite dense output at mid-step ~ C h^4:
     * halving h from 0.1 to 0.0125 divides both by 2^4 (observed slopes within 0.3 of 4), with the
     * exact Jacobian and with wrong ones (0.3 J, -2 J and 0): a W-method keeps its order for any
     * matrix, where a Rosenbrock method would drop to order 1 or 2.
     */
    @Test
    void keepsOrderThreeWithExactAndWrongJacobians() {
        double r0 = 0.5;
        double[] y0 = {r0, 0.0};
        double[] hs = {0.1, 0.05, 0.025, 0.0125};
        for (double scale : new double[] {1.0, 0.3, -2.0, 0.0}) {
            DenseStiffOde f = limitCycle().withJacobianScaled(scale);
            double[] err = new double[hs.length];
            double[] errMid = new double[hs.length];
            for (int i = 0; i < hs.length; i++) {
                double[][] r = new Ros34pw2Integrator(1e-8, 1e-10, 1e-13)
                        .singleStep(f, f.shiftedSystem(), y0, hs[i], hs[i] / 2);
                err[i] = distance(r[0], limitCycleAt(hs[i], r0));
                errMid[i] = distance(r[1], limitCycleAt(hs[i] / 2, r0));
            }
            for (int i = 0; i + 1 < hs.length; i++) {
                double slope = Math.log(err[i] / err[i + 1]) / Math.log(2);
                double slopeMid = Math.log(errMid[i] / errMid[i + 1]) / Math.log(2);
                assertEquals(4.0, slope, 0.3, "J scaled by " + scale + ", step " + hs[i]);
                assertEquals(4.0, slopeMid, 0.3, "dense output, J scaled by " + scale + ", step " + hs[i]);
            }
        }
    }

    /**
     * Non-autonomous {@code y' = -y^2 + sin(3t) y + cos t}: no df/dt term is used, which is the
     * W-method on the autonomous form with the t column left out of J, so the local error still
     * falls as h^4 (observed slopes 3.82, 3.92, 3.96 from h = 0.04 to 0.005, asserted within 0.3 of 4;
     * reference: DOP853 at rtol 1e-13, 1e-13 against local errors of 1e-6..3e-10).
     */
    @Test
    void keepsItsOrderOnANonAutonomousFlow() {
        StiffOde f = new StiffOde() {
            @Override
            public int getDimension() {
                return 1;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] o = new double[1];
                computeDerivatives(t, y, o);
                return o;
            }

            @Override
            public void computeDerivatives(double t, double[] y, double[] o) {
                o[0] = -y[0] * y[0] + Math.sin(3 * t) * y[0] + Math.cos(t);
            }

            @Override
            public ShiftedSystem shiftedSystem() {
                return new DenseShiftedSystem(1, (t, y, j) -> j[0][0] = -2 * y[0] + Math.sin(3 * t), false);
            }
        };
        double[] hs = {0.04, 0.02, 0.01, 0.005};
        double[] err = new double[hs.length];
        for (int i = 0; i < hs.length; i++) {
            double[] ref = new FlatDormandPrince853(1e-13, 1e-15, 1e-16).integrate(f, new double[] {1.0}, hs[i], none());
            double[][] r = new Ros34pw2Integrator(1e-8, 1e-10, 1e-13).singleStep(f, f.shiftedSystem(), new double[] {1.0},
                    hs[i], hs[i] / 2);
            err[i] = Math.abs(r[0][0] - ref[0]);
        }
        for (int i = 0; i + 1 < hs.length; i++) {
            assertEquals(4.0, Math.log(err[i] / err[i + 1]) / Math.log(2), 0.3, "step " + hs[i]);
        }
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    /**
     * Global error against the tolerance with a wrong Jacobian (0.3 J) on the limit cycle to t = 10:
     * the error control alone keeps the W-method within 30 tolerances, as with the exact J.
     */
    @Test
    void adaptiveRunWithAWrongJacobianMeetsTheTolerance() {
        for (double scale : new double[] {1.0, 0.3}) {
            DenseStiffOde f = limitCycle().withJacobianScaled(scale);
            double[] y = new Ros34pw2Integrator(1e-8, 1e-10, 1e-13).integrate(f, new double[] {0.5, 0}, 10, none());
            double[] ref = limitCycleAt(10, 0.5);
            for (int i = 0; i < 2; i++) {
                assertEquals(ref[i], y[i], 30 * (1e-10 + 1e-8 * Math.abs(ref[i])), "J scaled by " + scale);
            }
        }
    }

    /** As DOP853: a NaN from t = 0.5 on stops the run at the failing step's time, the grid delivered before it. */
    @Test
    void nanStopsAtItsStep() {
        StiffOde f = new StiffOde() {
            @Override
            public int getDimension() {
                return 1;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                return new double[] {t < 0.5 ? -y[0] : Double.NaN};
            }

            @Override
            public void computeDerivatives(double t, double[] z, double[] out) {
                out[0] = t < 0.5 ? -z[0] : Double.NaN;
            }

            @Override
            public ShiftedSystem shiftedSystem() {
                return new DenseShiftedSystem(1, (t, z, j) -> j[0][0] = -1, true);
            }
        };
        List<Double> seen = new ArrayList<>();
        GridRecorder rec = new GridRecorder(TimeGrid.linear(0.0, 1.0, 21), (t, z) -> seen.add(t), 1e30);
        NumericalFailure e = assertThrows(NumericalFailure.class,
                () -> new Ros34pw2Integrator(1e-8, 1e-10, 1e-13).integrate(f, new double[] {1.0}, 1.0, rec));
        assertTrue(e.time() >= 0.5 && rec.lastGoodTime() < 0.5, e.getMessage());
        assertTrue(seen.stream().allMatch(t -> t <= rec.lastGoodTime()), "nothing recorded past the last good step");
    }

    /** {@code y' = y^2}, y(0) = 1 blows up at t = 1: stopped there (blow-up or step-size underflow), within 1e-4. */
    @Test
    void blowUpStopsAtTheSingularity() {
        DenseStiffOde f = new DenseStiffOde(1, (y, o) -> o[0] = y[0] * y[0], (t, y, j) -> j[0][0] = 2 * y[0]);
        NumericalFailure e = assertThrows(NumericalFailure.class, () -> new Ros34pw2Integrator(1e-8, 1e-10, 1e-13)
                .integrate(f, new double[] {1.0}, 2.0, new GridRecorder(new double[] {0.5, 1.5}, (t, z) -> { }, 1e30)));
        assertEquals(1.0, e.time(), 1e-4, e.getMessage());
    }

    /** No structured solve: refused before any step, with a clear message. */
    @Test
    void refusesAFlowWithoutAStructuredSolve() {
        DenseStiffOde f = StiffProblems.vanDerPol().flow().withoutSolve();
        Ros34pw2Integrator.NoStructuredSolve e = assertThrows(Ros34pw2Integrator.NoStructuredSolve.class,
                () -> new Ros34pw2Integrator(1e-6, 1e-8, 1e-13).integrate(f, new double[] {2, 0}, 1, none()));
        assertTrue(e.getMessage().contains("structured"));
        assertEquals(0, f.evaluations);
    }

    /** The same bits twice, and for 1, 2 and 3 threads (state of 3 blocks), recorded points included. */
    @Test
    void bitIdenticalForAnyThreadCount() {
        KroneckerTestFlow flow = new KroneckerTestFlow(5000, -1.0, -1e4, true);
        double[] z0 = flow.initialState(7);
        double[] grid = TimeGrid.log(1e-3, 5, 7);
        double[] reference = null;
        List<double[]> refRows = null;
        for (int threads : new int[] {1, 2, 3, 1}) {
            List<double[]> rows = new ArrayList<>();
            double[] end = new Ros34pw2Integrator(1e-8, 1e-10, 1e-13).useWorkers(new Workers(threads))
                    .integrate(flow, z0, 5, new GridRecorder(grid, (t, z) -> rows.add(z.clone()), 1e30));
            if (reference == null) {
                reference = end;
                refRows = rows;
            } else {
                assertArrayEquals(reference, end, threads + " threads");
                for (int r = 0; r < rows.size(); r++) {
                    assertArrayEquals(refRows.get(r), rows.get(r));
                }
            }
        }
        double[] exact = flow.exact(5, z0);
        for (int k = 0; k < exact.length; k++) {
            assertEquals(exact[k], reference[k], 30 * (1e-10 + 1e-8 * Math.abs(exact[k])));
        }
    }
}
