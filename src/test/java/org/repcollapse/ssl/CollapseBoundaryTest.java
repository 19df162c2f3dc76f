package org.repcollapse.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.repcollapse.model.RandomStreams;

/** The derived collapse boundary s = S(p) of the SimSiam mode flow (papers/linear-ssl.md, section 5). */
class CollapseBoundaryTest {

    private static final double K = 1.5;
    private static final double ETA = 0.1;
    private static final double ALPHA = 1.5;

    private final ModeFixedPoints fp = new ModeFixedPoints(K, ETA, ALPHA, 1.0);
    private final CollapseBoundary boundary = CollapseBoundary.of(fp);

    /**
     * The traced curve passes through the saddle, is a graph over p that falls to a single minimum and rises
     * again (the right branch turns up: for p > tau/k a large s is pulled to 0 before p comes back), and
     * crosses the invariant parabola s = p^2/alpha_p only at the saddle (on the parabola the flow is
     * one-dimensional and p*_- separates the basins).
     */
    @Test
    void shapeOfTheBoundary() {
        assertTrue(boundary.isGraph(), "p moves monotonically along both branches");
        assertEquals(fp.sMinus(), boundary.s(fp.pMinus()), 1e-9 * fp.sMinus());
        double previous = Double.POSITIVE_INFINITY;
        int turns = 0;
        boolean falling = true;
        for (double p = -1.0; p <= 2.0; p += 0.01) {
            double s = boundary.s(p);
            if (falling != (s < previous)) {
                turns++;
                falling = s < previous;
            }
            previous = s;
            if (p < fp.pMinus() - 1e-3) {
                assertTrue(falling, "S not decreasing left of the saddle, at p = " + p);
                assertTrue(s > p * p / ALPHA, "left of p*_-: S(" + p + ") = " + s + " not above the parabola");
            } else if (p > fp.pMinus() + 1e-3) {
                assertTrue(s < p * p / ALPHA, "right of p*_-: S(" + p + ") = " + s + " not below the parabola");
            }
        }
        assertEquals(1, turns, "S should fall to one minimum and rise");
    }

    /**
     * As eta -> 0 the left branch tends to the eta = 0 closed form s = p^2/alpha_p (0.1 % at eta = 1e-3; scipy
     * gives the same values, 0.6679, 0.16669, 0.0066731 at p = -1, -0.5, -0.1). The right branch does not: at
     * eta = 0 the axis s = 0 is a line of fixed points, at eta > 0 it drifts to p = 0 through (p*_-, p*_+) where
     * s grows again (a singular limit, papers/linear-ssl.md).
     */
    @Test
    void leftBranchTendsToTheClosedFormOfEtaZero() {
        CollapseBoundary small = CollapseBoundary.of(new ModeFixedPoints(K, 1e-3, ALPHA, 1.0));
        for (double p : new double[] {-1.0, -0.5, -0.1}) {
            assertEquals(p * p / ALPHA, small.s(p), 2e-3 * p * p / ALPHA, "p = " + p);
        }
        assertTrue(small.s(1.0) < 1e-100, "right branch at eta = 1e-3: " + small.s(1.0));
    }

    /**
     * Starts 2 % below S(p_0) collapse (s -> 0) and 2 % above end at (p*_+, s*_+), for p_0 on both sides of
     * the saddle: the mode flow, and the full d x D model (d = 2, D = 3, the two modes on either side of the
     * boundary at the same p_0) from an aligned start. t = 800 covers the linger near the saddle
     * (about ln(50) / (p*_- sqrt(1 - 4 eta k)) = 51) many times; verdicts at 1e-6 of s*_+.
     */
    @Test
    void startsOnEitherSideEndOnThePredictedSide() {
        LinearSslParameters par = LinearSslParameters.simSiam(2, 3, K - 1, ETA, ALPHA);
        LinearSslSystem full = new LinearSslSystem(par);
        ModeFlow modes = ModeFlow.of(par);
        double[] u = LinearSslStart.basis(2, new RandomStreams(1).stream(RandomStreams.Purpose.STUDENT, 1));
        for (double p0 : new double[] {-0.6, -0.2, 0.0, 0.1, 0.3, 0.8}) {
            double b = boundary.s(p0);
            double below = 0.98 * b;
            double above = 1.02 * b;
            assertEquals(Boolean.TRUE, boundary.collapses(p0, below));
            assertEquals(Boolean.FALSE, boundary.collapses(p0, above));
            double[] yBelow = SslIntegration.end(modes, ModeFlow.state(p0, below, 1), 800, 1e-10);
            double[] yAbove = SslIntegration.end(modes, ModeFlow.state(p0, above, 1), 800, 1e-10);
            assertTrue(yBelow[1] < 1e-6 * fp.sPlus(), "p0 " + p0 + " below: s = " + yBelow[1]);
            assertEquals(fp.sPlus(), yAbove[1], 1e-6 * fp.sPlus(), "p0 " + p0 + " above");
            double[] z0 = LinearSslStart.aligned(par, new double[] {p0, p0}, new double[] {below, above}, u);
            ModeSpectrum.Modes end = ModeSpectrum.fixedBasis(full, u).measure(SslIntegration.end(full, z0, 800, 1e-10));
            assertTrue(end.s()[0] < 1e-6 * fp.sPlus(), "full, p0 " + p0 + " below: s = " + end.s()[0]);
            assertEquals(fp.sPlus(), end.s()[1], 1e-6 * fp.sPlus(), "full, p0 " + p0 + " above");
            assertEquals(fp.pPlus(), end.p()[1], 1e-6, "full, p0 " + p0 + " above");
        }
    }

    /**
     * eta = 0, the closed form: c = s - p^2/alpha_p is conserved; starts 2 % either side of S(p) end with s -> 0
     * or at p = tau/k with s = (tau/k)^2/alpha_p + c (to 1e-6 at t = 3000; near the boundary the approach is slow).
     */
    @Test
    void withoutWeightDecayTheBoundaryIsClosedForm() {
        ModeFixedPoints free = new ModeFixedPoints(K, 0.0, ALPHA, 1.0);
        CollapseBoundary b0 = CollapseBoundary.of(free);
        ModeFlow flow = new ModeFlow(K, 0.0, ALPHA, 0, false, 0);
        for (double p0 : new double[] {-0.5, -0.1, 0.9, 1.5}) {
            double s = b0.s(p0);
            assertTrue(s > 0);
            for (double f : new double[] {0.98, 1.02}) {
                double s0 = f * s;
                double[] y = SslIntegration.end(flow, ModeFlow.state(p0, s0, 1), 3000, 1e-11);
                if (f < 1) {
                    assertTrue(y[1] < 1e-6, "p0 " + p0 + " below: s = " + y[1]);
                } else {
                    double c = s0 - p0 * p0 / ALPHA;
                    assertEquals(1 / K, y[0], 1e-6, "p0 " + p0 + " above");
                    assertEquals(1 / (K * K * ALPHA) + c, y[1], 1e-6, "p0 " + p0 + " above");
                }
            }
        }
        assertEquals(0.0, b0.s(0.3));
    }

    /** Beyond the fold (eta > 1/(4k)) every start collapses, even far above the old fixed point. */
    @Test
    void beyondTheFoldEverythingCollapses() {
        ModeFixedPoints over = new ModeFixedPoints(K, 1.05 / (4 * K), ALPHA, 1.0);
        assertEquals(Boolean.TRUE, CollapseBoundary.of(over).collapses(0.5, 5.0));
        double[] y = SslIntegration.end(new ModeFlow(K, over.eta(), ALPHA, 0, false, 0), ModeFlow.state(0.5, 5.0, 1),
                3000, 1e-10);
        assertTrue(y[1] < 1e-6, "s = " + y[1]);
    }
}
