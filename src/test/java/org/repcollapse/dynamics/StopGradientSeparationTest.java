package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repcollapse.analysis.LabelGeometry;
import org.repcollapse.model.Embeddings;
import org.repcollapse.model.LabelStructure;

/**
 * R6: with stop-gradient the label separation stays finite at every phi < 0.5 (here r < 1);
 * the same head without stop-gradient collapses, and its flow, a true gradient flow, never
 * increases the loss.
 */
class StopGradientSeparationTest {

    /** About 25 slow times 1/lambda_s of the no-sg collapse at phi = 0.1, the slowest case here. */
    private static final double T_END = 400;

    private static double minDistance(Embeddings e) {
        return new LabelGeometry(e.labels(), e.classes(), e.dim()).min();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.25, 0.4})
    void stopGradientKeepsTheSeparationAndNoStopGradientLosesIt(double phi) {
        LabelStructure s = HeadFixtures.twoClass(30, phi);
        EmbeddingSystem sg = HeadFixtures.head(s, 3, true, 21);
        EmbeddingSystem plain = HeadFixtures.head(s, 3, false, 21);
        double d0 = minDistance(sg.embeddings(sg.initialState()));
        double dSg = minDistance(sg.embeddings(HeadFixtures.run(sg, T_END)));
        double dPlain = minDistance(plain.embeddings(HeadFixtures.run(plain, T_END)));
        // sg: the separation settles at an O(1) fraction of its start (0.67 at each phi here);
        // 0.2 is far above the 1e-6 that a collapse reaches by T_END
        assertTrue(dSg >= 0.2 * d0, "sg separation " + dSg + " of " + d0);
        // no sg: exponential collapse at the slow rate, far below 1e-6 of the start by T_END
        assertTrue(dPlain <= 1e-6 * d0, "no-sg separation " + dPlain + " of " + d0);
    }

    @Test
    void withoutStopGradientTheLossNeverIncreases() {
        LabelStructure s = HeadFixtures.chain4(40, 0.2);
        EmbeddingSystem sys = HeadFixtures.head(s, 4, false, 9);
        double[] times = TimeGrid.log(0.01, 200, 120);
        List<Double> loss = new ArrayList<>();
        GridRecorder rec = new GridRecorder(times, (t, z) -> loss.add(sys.loss(z)), 1e100);
        (IntegratorMethod.DOP853.create(1e-10, 1e-12, 200, 0)).integrate(sys.ode(), sys.initialState(), 200, rec);
        assertTrue(loss.size() == times.length);
        double l0 = sys.loss(sys.initialState());
        for (int k = 1; k < loss.size(); k++) {
            // dL/dt = -G^T R G <= 0; allow the integration error, ~rtol * L(0)
            assertTrue(loss.get(k) <= loss.get(k - 1) + 1e-9 * l0, "loss rose at t = " + times[k]);
        }
        assertTrue(loss.get(loss.size() - 1) < 1e-6 * l0, "the no-sg loss should fall to ~0 (complete collapse)");
    }
}
