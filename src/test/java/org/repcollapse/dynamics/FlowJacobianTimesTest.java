package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;

/**
 * The matrix-free product {@link FlowJacobian#times} against the dense analytic Jacobian (itself
 * checked against central differences in FlowJacobianTest): the same linear map by a different
 * computation (per edge, linearised residuals). Tolerance 1e-12 relative: rounding of O(d) sums.
 */
class FlowJacobianTimesTest {

    @ParameterizedTest(name = "K={0} N={1} d={2} head={3} sg={4}")
    @CsvSource({"2, 20, 3, false, false", "3, 25, 4, true, true", "3, 25, 4, true, false", "4, 30, 5, true, true"})
    void productEqualsDenseJacobianTimesVector(int k, int n, int d, boolean head, boolean sg) {
        LabelStructure s = LabelStructure.generate(k, n, 0.3, Pairing.RANDOM, List.of(),
                new RandomStreams(3).stream(RandomStreams.Purpose.LABELS));
        EmbeddingSystem sys = new EmbeddingSystem(s, d, head, sg,
                new EmbeddingSystem.Parameters(0.8, 1.7, 0.6, 1.0, 1.0, 0.4), new RandomStreams(4));
        FlowJacobian jac = FlowJacobian.of(sys);
        double[] z = sys.initialState();
        UniformRandomProvider rng = new RandomStreams(5).stream(RandomStreams.Purpose.SAMPLES);
        double[] v = new double[z.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble() - 0.5;
        }
        double[][] j = jac.at(z);
        double[] out = new double[z.length];
        jac.times(z, v, out);
        double err = 0;
        double scale = 0;
        for (int r = 0; r < z.length; r++) {
            double s2 = 0;
            for (int c = 0; c < z.length; c++) {
                s2 += j[r][c] * v[c];
            }
            err = Math.max(err, Math.abs(s2 - out[r]));
            scale = Math.max(scale, Math.abs(s2));
        }
        assertTrue(err <= 1e-12 * scale, "max |J v - times(v)| = " + err + " of " + scale);
    }
}
