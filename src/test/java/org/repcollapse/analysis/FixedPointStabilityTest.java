package org.repcollapse.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;
import org.repcollapse.dynamics.EmbeddingSystem;
import org.repcollapse.dynamics.FlowJacobian;
import org.repcollapse.dynamics.HeadFixtures;
import org.repcollapse.fixedpoint.FixedPointAnalysis;
import org.repcollapse.fixedpoint.JacobianSpectrum;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.RandomStreams;

/**
 * R7: the stop-gradient flow is not a gradient flow, so stability is read from the Jacobian
 * spectrum at a polished fixed point. The structured analysis (coupled subspace + closed form +
 * family tangents) is checked against an independent route, the dense analytic Jacobian's SVD
 * kernel and Schur eigenvalues: same number of zero modes, same non-zero eigenvalues. The verdict
 * is checked on known stable points and on a constructed unstable one.
 */
class FixedPointStabilityTest {

    private static final double TOL = 1e-11;

    private static FixedPointAnalysis analyse(EmbeddingSystem sys, double tEnd) {
        double[] end = HeadFixtures.run(sys, tEnd);
        return FixedPointAnalysis.of(sys, end, TOL, 30, JacobianSpectrum.DEFAULT_TOLERANCE);
    }

    /** Structured vs dense: kernel dimension and the sorted non-zero eigenvalues. */
    private static void assertAgreesWithDenseSpectrum(EmbeddingSystem sys, FixedPointAnalysis a) {
        double[] z = a.polished().point();
        JacobianSpectrum dense = new JacobianSpectrum(FlowJacobian.of(sys).at(z), JacobianSpectrum.DEFAULT_TOLERANCE);
        // zero modes: the dense SVD kernel (relative 1e-9 of |J|; the nearest non-zero eigenvalues are
        // ~1e-2 of |J|) is the family the structured analysis identified
        assertEquals(dense.kernelDimension(), a.familyMeasured(), "family dimension vs dense SVD kernel");
        assertEquals(a.predictedZeroModes(), a.familyMeasured(), "family dimension vs prediction");
        List<Double> structured = new ArrayList<>();
        for (Complex c : a.quotient()) {
            structured.add(c.getReal());
        }
        int d = sys.layout().dim();
        for (int g = 0; g < a.outside().size(); g += d) {
            List<double[]> block = new ArrayList<>(a.outside().subList(g, g + d));
            block.sort((p, q) -> Double.compare(q[0], p[0]));
            int skip = a.outsideFamilyZeros() > 0 ? d - a.headRank() : 0;
            for (int i = skip; i < d; i++) {
                for (int m = 0; m < (int) block.get(i)[1]; m++) {
                    structured.add(block.get(i)[0]);
                }
            }
        }
        List<Double> full = new ArrayList<>();
        for (Complex c : dense.eigenvalues()) {
            if (Math.abs(c.getReal()) > 1e-9 * dense.scale()) {
                full.add(c.getReal());
            }
        }
        structured.sort(null);
        full.sort(null);
        assertEquals(full.size(), structured.size(), "non-zero eigenvalue count");
        for (int i = 0; i < full.size(); i++) {
            // two eigen-solvers on matrices built differently: 1e-8 of |J| covers their rounding on
            // clusters of equal eigenvalues (multiplicities of -eta |S| beta_k)
            assertEquals(full.get(i), structured.get(i), 1e-8 * dense.scale(), "eigenvalue " + i);
        }
    }

    /**
     * The rank of P at the polished point by Hipparchus' SVD (an independent route to the analysis's
     * own rank): singular values above 1e-6 of the largest (the dead direction decays to ~1e-10).
     */
    private static int headRankBySvd(EmbeddingSystem sys, FixedPointAnalysis a) {
        int d = sys.layout().dim();
        double[] p = sys.layout().unpack(a.polished().point()).get("P");
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(p, i * d, m[i], 0, d);
        }
        double[] sv = new org.hipparchus.linear.SingularValueDecomposition(
                org.hipparchus.linear.MatrixUtils.createRealMatrix(m)).getSingularValues();
        int rank = 0;
        for (double v : sv) {
            rank += v > 1e-6 * sv[0] ? 1 : 0;
        }
        return rank;
    }

    private static void assertStable(FixedPointAnalysis a) {
        assertTrue(a.polished().converged(), "residual " + a.polished().residual());
        // matrix-free products vs central differences (step 1e-6): truncation and rounding ~1e-10
        assertTrue(a.jacobianError() <= 1e-7, "Jacobian error " + a.jacobianError());
        // the coupled subspace is invariant: J Q = Q (Q^T J Q) to rounding
        assertTrue(a.invarianceResidual() <= 1e-12, "invariance " + a.invarianceResidual());
        assertEquals(FixedPointAnalysis.Verdict.STABLE, a.verdict(), "margin " + a.margin());
        assertTrue(a.margin() < -1e-4, "a clear margin: the slowest decay is ~1e-2 of the scale");
    }

    @Test
    void invertibleHeadFixedPointIsStableWithDSquaredZeroModes() {
        // K = 2, N = 40, d = 4: the head stays invertible, the family has dimension d^2 = 16
        EmbeddingSystem sys = HeadFixtures.head(HeadFixtures.twoClass(40, 0.1), 4, true, 42);
        FixedPointAnalysis a = analyse(sys, 600);
        assertStable(a);
        assertEquals(4, headRankBySvd(sys, a), "the head stays invertible");
        assertEquals(headRankBySvd(sys, a), a.headRank());
        assertEquals(16, a.familyMeasured());
        assertAgreesWithDenseSpectrum(sys, a);
    }

    @Test
    void singularHeadAddsTheFrozenScatterInItsKernel() {
        // K = 2, N = 24, d = 6, s_P = 1: one head direction dies; the within-group scatter along it is
        // frozen: 36 + (24 - 3)(6 - rank P) zero modes; the dense kernel confirms the count
        LabelStructure s = HeadFixtures.twoClass(24, 0.1);
        EmbeddingSystem sys = HeadFixtures.head(s, 6, true, 42, 1.0);
        FixedPointAnalysis a = analyse(sys, 600);
        assertStable(a);
        assertTrue(a.headRank() < 6, "rank " + a.headRank());
        assertEquals(headRankBySvd(sys, a), a.headRank());
        assertEquals(36 + (24 - s.groups().size()) * (6 - a.headRank()), a.predictedZeroModes());
        assertAgreesWithDenseSpectrum(sys, a);
    }

    @Test
    void noStopGradientMinimumIsStableWithDSquaredZeroModes() {
        // a true gradient flow at its zero-loss minimum (complete collapse): the minima
        // {P x = y, P y = x} form a d^2-dimensional family, every other direction decays
        EmbeddingSystem sys = HeadFixtures.head(HeadFixtures.twoClass(30, 0.1), 4, false, 42);
        FixedPointAnalysis a = analyse(sys, 400);
        assertTrue(sys.loss(a.polished().point()) < 1e-12, "not at a zero-loss minimum");
        assertStable(a);
        assertEquals(16, a.familyMeasured());
        assertAgreesWithDenseSpectrum(sys, a);
    }

    @Test
    void chainOfFourFixedPointIsStable() {
        EmbeddingSystem sys = HeadFixtures.head(HeadFixtures.chain4(40, 0.2), 4, true, 5);
        FixedPointAnalysis a = analyse(sys, 600);
        assertStable(a);
        assertAgreesWithDenseSpectrum(sys, a);
    }

    /**
     * The embedding-only flow with negative rates is gradient ascent on the same loss: the same fixed
     * points (each frustration-graph component at one point, family = components x d), every other
     * eigenvalue of the opposite sign. The verdict must say unstable, with the family intact.
     */
    @Test
    void gradientAscentFixedPointIsUnstable() {
        LabelStructure s = HeadFixtures.twoClass(30, 0.1);
        EmbeddingSystem descent = new EmbeddingSystem(s, 3, false, false,
                new EmbeddingSystem.Parameters(1.0, 1.0, 1.0, 1.0, 1.0, 0.1), new RandomStreams(7));
        double[] end = HeadFixtures.run(descent, 400);
        FixedPointAnalysis stable = FixedPointAnalysis.of(descent, end, TOL, 30, JacobianSpectrum.DEFAULT_TOLERANCE);
        assertStable(stable);
        assertAgreesWithDenseSpectrum(descent, stable);
        EmbeddingSystem ascent = new EmbeddingSystem(s, 3, false, false,
                new EmbeddingSystem.Parameters(-1.0, -1.0, 1.0, 1.0, 1.0, 0.1), new RandomStreams(7));
        FixedPointAnalysis a = FixedPointAnalysis.of(ascent, stable.polished().point(), TOL, 30,
                JacobianSpectrum.DEFAULT_TOLERANCE);
        assertEquals(FixedPointAnalysis.Verdict.UNSTABLE, a.verdict());
        assertEquals(3, a.familyMeasured(), "one component (connected frustration graph) x d");
        assertEquals(0, a.stableCount());
        double[] up = Arrays.stream(a.quotient()).mapToDouble(Complex::getReal).sorted().toArray();
        double[] down = Arrays.stream(stable.quotient()).mapToDouble(c -> -c.getReal()).sorted().toArray();
        assertEquals(down.length, up.length);
        for (int i = 0; i < up.length; i++) {
            assertEquals(down[i], up[i], 1e-10 * stable.scale(), "reversed spectrum");
        }
    }
}
