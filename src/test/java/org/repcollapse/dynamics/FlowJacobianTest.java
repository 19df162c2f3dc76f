package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;

/** The analytic Jacobian of the flow against central differences of the right-hand side. */
class FlowJacobianTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void analyticJacobianMatchesFiniteDifferences(boolean sg) {
        LabelStructure s = HeadFixtures.chain4(16, 0.25);
        EmbeddingSystem sys = HeadFixtures.head(s, 3, sg, 11);
        double[] z = sys.initialState();
        FlowJacobian j = FlowJacobian.of(sys);
        double[][] a = j.at(z);
        double[][] f = j.finiteDifference(z, 1e-6);
        double[] em = FiniteDifferences.errorAndScale(a, f);
        double err = em[0];
        double max = em[1];
        // F is cubic, so central differences err by h^2 |F'''| ~ 1e-12 plus rounding eps|F|/h ~ 1e-9
        assertTrue(err <= 1e-7 * max, "analytic vs finite differences: " + err + " (scale " + max + ")");
        if (!sg) {
            // a true gradient flow: R^-1 J = -Hessian is symmetric (up to rounding)
            double[] rate = sys.flow().rates();
            for (int r = 0; r < a.length; r++) {
                for (int c = 0; c < r; c++) {
                    double hrc = a[r][c] / rate[r];
                    double hcr = a[c][r] / rate[c];
                    assertTrue(Math.abs(hrc - hcr) <= 1e-12 * max / rate[r], "Hessian asymmetric at " + r + "," + c);
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void embeddingOnlyJacobianIsMinusRTimesTheGraphLaplacian() {
        LabelStructure s = LabelStructure.generate(3, 9, 0.3, Pairing.ADJACENT, java.util.List.of(), null);
        EmbeddingSystem sys = new EmbeddingSystem(s, 2, false, false, new EmbeddingSystem.Parameters(1, 1, 1, 1, 1, 0.1),
                new RandomStreams(1));
        FlowJacobian j = FlowJacobian.of(sys);
        double[][] a = j.at(sys.initialState());
        double[][] f = j.finiteDifference(sys.initialState(), 1e-6);
        for (int r = 0; r < a.length; r++) {
            double rowSum = 0;
            for (int c = 0; c < a.length; c++) {
                // linear flow: central differences are exact up to rounding (1e-8 of O(1) entries)
                assertTrue(Math.abs(a[r][c] - f[r][c]) <= 1e-8, "entry " + r + "," + c);
                rowSum += a[r][c];
            }
            // a Laplacian annihilates constants (per embedding coordinate the rows sum to 0)
            assertTrue(Math.abs(rowSum) <= 1e-12, "row sum " + rowSum);
        }
    }
}
