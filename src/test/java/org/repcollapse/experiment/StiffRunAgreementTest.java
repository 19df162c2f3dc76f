package org.repcollapse.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.junit.jupiter.api.Test;
import org.repcollapse.dynamics.AutoIntegrator;
import org.repcollapse.dynamics.DenseShiftedSystem;
import org.repcollapse.dynamics.FlatDormandPrince853;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.dynamics.GridRecorder;
import org.repcollapse.dynamics.IntegrationReport;
import org.repcollapse.dynamics.InPlaceOde;
import org.repcollapse.dynamics.ShiftedSystem;
import org.repcollapse.dynamics.StiffOde;

/**
 * The integrators on the model's own flows, before the flows have structured solves: a tiny
 * embedding model with head and stop-gradient (nonlinear) and fast labels (gamma = 1000, stiff),
 * its flow wrapped as a {@link StiffOde} with a finite-difference {@link DenseShiftedSystem} (fine
 * at 2 x (24 + 2) + 4 coordinates). Auto switches, its end state agrees with DOP853's, and it costs
 * less than a third of DOP853's evaluations (observed 11598 against 58233 to t = 30; to t = 300 at
 * rtol 1e-8, 5515 against 563259).
 */
class StiffRunAgreementTest {

    /** The flow with a dense finite-difference solve. */
    private static StiffOde withDenseSolve(OrdinaryDifferentialEquation ode) {
        return new StiffOde() {
            @Override
            public int getDimension() {
                return ode.getDimension();
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                return ode.computeDerivatives(t, y);
            }

            @Override
            public void computeDerivatives(double t, double[] z, double[] out) {
                if (ode instanceof InPlaceOde in) {
                    in.computeDerivatives(t, z, out);
                } else {
                    System.arraycopy(ode.computeDerivatives(t, z), 0, out, 0, out.length);
                }
            }

            @Override
            public ShiftedSystem shiftedSystem() {
                return DenseShiftedSystem.finiteDifferences(ode);
            }
        };
    }

    /**
     * rtol 1e-9, atol 1e-11, to t = 30: end states agree within 1e-6 absolute (entries O(1)); the
     * global errors of two order-8 and order-3 runs at this tolerance are ~1e-8 each (a few hundred
     * tolerances at most over the transient), so 1e-6 leaves a margin of 100 and still fails on any
     * error in the method or the hand-over.
     */
    @Test
    void autoSwitchesOnAStiffHeadFlowAndAgreesWithDop853() {
        Experiment e = ExperimentLoader.parse("classes: 2\nsamples: 24\ndim: 2\nfrustration: {fraction: 0.25}\n"
                + "head: linear\nstopGradient: true\nrates: {labels: 1000}\n"
                + "integrator: {rtol: 1.0e-9, atol: 1.0e-11, tEnd: 30}\n", "t.yaml", "t", List.of());
        FlowSystem system = Systems.build(e);
        StiffOde flow = withDenseSolve(system.ode());
        double[] z0 = system.initialState();
        GridRecorder none = new GridRecorder(new double[0], (t, z) -> { }, 1e30);
        FlatDormandPrince853 dop = new FlatDormandPrince853(1e-9, 1e-11, 1e-12);
        double[] ref = dop.integrate(flow, z0, 30, none);
        AutoIntegrator auto = new AutoIntegrator(1e-9, 1e-11, 1e-12);
        double[] end = auto.integrate(flow, z0, 30, new GridRecorder(new double[0], (t, z) -> { }, 1e30));
        IntegrationReport rep = auto.report();
        assertTrue(rep.switched(), rep.reason());
        for (int k = 0; k < ref.length; k++) {
            assertEquals(ref[k], end[k], 1e-6, "coordinate " + k);
        }
        assertTrue(3 * rep.evaluations() < dop.evaluations(),
                "auto " + rep.evaluations() + " vs dop853 " + dop.evaluations() + " evaluations");
    }
}
