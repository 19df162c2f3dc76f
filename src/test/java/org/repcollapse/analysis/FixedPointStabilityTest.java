package org.repcollapse.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;
import org.repcollapse.dynamics.EmbeddingSystem;
import org.repcollapse.dynamics.HeadFixtures;
import org.repcollapse.fixedpoint.FixedPointAnalysis;
import org.repcollapse.fixedpoint.FixedPointFamily;
import org.repcollapse.fixedpoint.JacobianSpectrum;
import org.repcollapse.model.LabelStructure;

/**
 * R7: the stop-gradient flow is not a gradient flow, so stability is read from the Jacobian
 * spectrum at a polished fixed point: no eigenvalue with positive real part, and exactly as many
 * zero modes as the dimension of the family of fixed points, {@code d^2 + (N - G)(d - rank P)}.
 */
class FixedPointStabilityTest {

    private static final double TOL = 1e-11;

    private static FixedPointAnalysis analyse(EmbeddingSystem sys, double tEnd) {
        double[] end = HeadFixtures.run(sys, tEnd);
        return FixedPointAnalysis.of(sys, end, TOL, 30, JacobianSpectrum.DEFAULT_TOLERANCE);
    }

    private static void assertStableWithFamily(FixedPointAnalysis a, int expectedZero) {
        assertTrue(a.polished().converged(), "residual " + a.polished().residual());
        // analytic Jacobian vs central differences (step 1e-6): rounding eps |F| / h ~ 1e-10
        assertTrue(a.jacobianError() <= 1e-7 * a.jacobianScale(), "Jacobian error " + a.jacobianError());
        JacobianSpectrum s = a.spectrum();
        // zero modes: |Re| below 1e-9 of |J|; the nearest non-zero eigenvalues are ~1e-2 of |J|
        assertEquals(0, s.unstable(), "largest real part " + s.largestRealPart());
        for (Complex c : s.eigenvalues()) {
            assertTrue(c.getReal() <= 1e-9 * s.scale());
        }
        assertEquals(expectedZero, s.zero(), "zero modes");
        assertEquals(expectedZero, s.kernelDimension(), "kernel dimension (SVD)");
        assertEquals(expectedZero, a.predictedZeroModes(), "predicted family dimension");
    }

    @Test
    void invertibleHeadFixedPointIsStableWithDSquaredZeroModes() {
        // K = 2, N = 40, d = 4: the head stays invertible, the family has dimension d^2 = 16
        EmbeddingSystem sys = HeadFixtures.head(HeadFixtures.twoClass(40, 0.1), 4, true, 42);
        FixedPointAnalysis a = analyse(sys, 600);
        assertEquals(4, a.headRank());
        assertStableWithFamily(a, 16);
    }

    @Test
    void singularHeadAddsTheFrozenScatterInItsKernel() {
        // K = 2, N = 24, d = 6: one head direction dies (rank 5); the within-group scatter along
        // it is frozen: 36 + (24 - 3)(6 - 5) = 57 zero modes
        LabelStructure s = HeadFixtures.twoClass(24, 0.1);
        EmbeddingSystem sys = HeadFixtures.head(s, 6, true, 42, 1.0);
        FixedPointAnalysis a = analyse(sys, 600);
        assertEquals(5, a.headRank());
        assertEquals(3, s.groups().size());
        assertStableWithFamily(a, 57);
    }

    @Test
    void noStopGradientMinimumIsStableWithDSquaredZeroModes() {
        // a true gradient flow at its zero-loss minimum (complete collapse): the minima
        // {P x = y, P y = x} form a d^2-dimensional family, every other direction decays
        EmbeddingSystem sys = HeadFixtures.head(HeadFixtures.twoClass(30, 0.1), 4, false, 42);
        FixedPointAnalysis a = analyse(sys, 400);
        assertTrue(sys.loss(a.polished().point()) < 1e-12, "not at a zero-loss minimum");
        assertStableWithFamily(a, 16);
    }

    @Test
    void chainOfFourFixedPointIsStable() {
        EmbeddingSystem sys = HeadFixtures.head(HeadFixtures.chain4(40, 0.2), 4, true, 5);
        FixedPointAnalysis a = analyse(sys, 600);
        assertStableWithFamily(a, FixedPointFamily.dimension(sys.structure(),
                sys.embeddings(a.polished().point()), true));
    }
}
