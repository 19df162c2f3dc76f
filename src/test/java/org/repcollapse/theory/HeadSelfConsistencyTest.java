package org.repcollapse.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repcollapse.dynamics.EmbeddingSystem;
import org.repcollapse.dynamics.HeadFixtures;
import org.repcollapse.model.Embeddings;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;

/**
 * R5: at the end of a long stop-gradient run the head is self-consistent, {@code Y (P^2)^T = T Y},
 * and carries {@code sqrt(tau_k)} on each label mode; for K = 2 the separation mode has
 * {@code sqrt(1 - r)}, r = N_f / n_a (the R3 closed form, an independent route).
 */
class HeadSelfConsistencyTest {

    /**
     * Long enough that the slowest relaxation (rate ~0.05 for these sizes, the within-group
     * scatter in the weakest head direction) has decayed by e^-50 beyond the integration tolerance.
     */
    private static final double T_END = 1500;

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.1, 0.2, 0.35})
    void twoClassSeparationModeCarriesSqrtOneMinusR(double phi) {
        LabelStructure s = HeadFixtures.twoClass(40, phi);
        EmbeddingSystem sys = HeadFixtures.head(s, 4, true, 7);
        Embeddings end = sys.embeddings(HeadFixtures.run(sys, T_END));
        HeadTheory th = new HeadTheory(s);
        // integration at rtol 1e-10 leaves the state ~1e-9 off the fixed point: 1e-6 is ample
        assertTrue(th.residual(end) <= 1e-6 * HeadTheory.labelNorm(end),
                "|Y P^2T - T Y| = " + th.residual(end));
        double r = s.frustrated() / (double) s.classDegree(0);
        // closed form sqrt(1 - r) against the measured head eigenvalue on the separation direction
        assertEquals(Math.sqrt(1 - r), th.measuredEigenvalue(end, 1), 1e-4, "phi = " + phi);
        // and the mean mode (tau_0 = 1) keeps modulus 1
        assertEquals(1.0, th.measuredEigenvalue(end, 0), 1e-4);
    }

    @Test
    void chainOfFourCarriesEverySqrtTau() {
        LabelStructure s = HeadFixtures.chain4(48, 0.25);
        // d = 8: a mode whose label-side and sample-side directions differ needs two dimensions
        EmbeddingSystem sys = HeadFixtures.head(s, 8, true, 3);
        Embeddings end = sys.embeddings(HeadFixtures.run(sys, T_END));
        HeadTheory th = new HeadTheory(s);
        assertTrue(th.residual(end) <= 1e-6 * HeadTheory.labelNorm(end), "|Y P^2T - T Y| = " + th.residual(end));
        for (int k = 0; k < 4; k++) {
            assertTrue(th.survives(k));
            // the mode is really present at the end (not collapsed), so the check is not vacuous
            double[] v = th.direction(end, k);
            assertTrue(Math.sqrt(org.repcollapse.model.SmallMatrices.dot(v, v)) > 1e-2 * HeadTheory.labelNorm(end), "mode " + k + " collapsed");
            assertTrue(th.present(end, k));
            // the four modes have distinct tau (0.72 .. 1), so a mix-up would fail by > 0.05
            assertEquals(th.headEigenvalue(k), th.measuredEigenvalue(end, k), 1e-4, "mode " + k);
        }
    }

    @Test
    void predictionAgreesWithTheTwoClassClosedForm() {
        for (double phi : new double[] {0.0, 0.1, 0.3, 0.6}) {
            LabelStructure s = HeadFixtures.twoClass(200, phi);
            int nf = s.frustrated();
            TwoClassRates two = TwoClassRates.of((200 - nf) / 2, nf, 1, 1);
            // tau_1 from the eigen-solver of T against 1 - r: rounding only
            assertEquals(two.headSeparationEigenvalue(), new HeadTheory(s).headEigenvalue(1), 1e-12);
        }
    }

    @Test
    void criticalFrustrationIsWhereAModeIsLost() {
        // K = 2: tau_1 = 1 - r > 0 until every sample is frustrated (r = 1)
        assertEquals(1.0, HeadTheory.criticalFraction(50, nf -> LabelStructure.generate(2, 50, nf / 50.0,
                Pairing.ADJACENT, java.util.List.of(), null)), 0.0);
        // K = 3 adjacent pairing: an odd frustration cycle (non-bipartite), no tau reaches 0
        assertTrue(Double.isNaN(HeadTheory.criticalFraction(60, nf -> LabelStructure.generate(3, 60, nf / 60.0,
                Pairing.ADJACENT, java.util.List.of(), null))));
        // K = 2 with every sample frustrated: the separation mode is lost
        HeadTheory all = new HeadTheory(HeadFixtures.twoClass(20, 1.0));
        assertTrue(!all.survives(1) && all.survivingModes() == 1);
    }
}
