package org.repcollapse.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.repcollapse.Experiments;
import org.repcollapse.analysis.CollapseType;
import org.repcollapse.ssl.ModeFixedPoints;

/** {@code model: linear-ssl} end to end: the shipped model file, and a random start on a non-identity X. */
class LinearSslModelTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    /**
     * models/linear-ssl.yaml (aligned, X = I): modes 1-2 start above the collapse boundary and end at
     * (p*_+, s*_+) = (0.62393, 0.38928) to 1e-6; modes 3-4 start below and collapse. The boundary's side,
     * the mode flow and the full model agree mode by mode; Theorem 1 holds to 10 rtol (rtol 1e-8).
     */
    @Test
    void shippedModelEndsOnThePredictedSideOfTheBoundary() throws Exception {
        Experiment e = ExperimentLoader.load(Path.of("models/linear-ssl.yaml"), List.of());
        RunResult r = ExperimentRunner.run(e);
        assertTrue(r.complete());
        assertEquals(CollapseType.DIMENSIONAL, r.verdict().type());
        ModeFixedPoints fp = new ModeFixedPoints(1.5, 0.04, 1.0, 1.0);
        List<Map<String, Object>> fin = list(r.theory().get("final"));
        List<Map<String, Object>> predicted = list(r.theory().get("modes"));
        String[] expected = {"p*+", "p*+", "collapsed", "collapsed"};
        for (int j = 0; j < 4; j++) {
            assertEquals(expected[j], fin.get(j).get("end"), "mode " + (j + 1));
            assertEquals(expected[j], predicted.get(j).get("mode_flow_end"), "mode " + (j + 1));
            assertEquals(expected[j], predicted.get(j).get("boundary_side"), "mode " + (j + 1));
            if (j < 2) {
                assertEquals(fp.pPlus(), (Double) fin.get(j).get("p"), 1e-6);
                assertEquals(fp.sPlus(), (Double) fin.get(j).get("s"), 1e-6);
            }
        }
        assertTrue((Double) r.theory().get("max_invariant_residual") < 10 * e.integrator().rtol());
        assertEquals(e.record().points(), r.trajectory().size());
        assertEquals(List.of("t", "loss", "effective_rank", "invariant_residual", "p_1", "p_2", "p_3", "p_4", "s_1",
                "s_2", "s_3", "s_4"), r.trajectory().columns());
        assertEquals(2.0, r.trajectory().last()[2], 1e-6, "effective rank of F with two modes left");
    }

    /**
     * A random start (no shared eigenvectors) with X = diag(3, 2, 1.5, 1, 1, 0.5, 0.5, 0.2), d = 4, seed 42: the
     * four modes end at the non-collapsed fixed points of the four largest eigenvalues,
     * s*_+(lambda) = lambda p*_+(lambda)^2 / alpha_p with p*_+ of k = 1 + sigma^2/lambda, eta/lambda (to 1e-6).
     */
    @Test
    void randomStartEndsAtTheFixedPointsOfTheLargestEigenvalues() {
        Experiment e = Experiments.of("model: linear-ssl\ndim: 4\nssl: {inputDim: 8, augmentationNoise: 0.5,"
                + " weightDecay: 0.04, inputSpectrum: [3, 2, 1.5, 1, 1, 0.5, 0.5, 0.2]}\nintegrator: {tEnd: 1000}\n");
        LinearSslModel m = new LinearSslModel(e);
        RunResult r = ExperimentRunner.run(e, m);
        double[] s = Arrays.copyOfRange(r.trajectory().last(), 8, 12);
        double[] lambda = {3, 2, 1.5, 1};
        for (int j = 0; j < 4; j++) {
            ModeFixedPoints fp = ModeFixedPoints.of(m.parameters(), lambda[j]);
            assertEquals(lambda[j] * fp.pPlus() * fp.pPlus() / 1.0, fp.sPlus(), 1e-15);
            assertEquals(fp.sPlus(), s[j], 1e-6, "mode " + (j + 1));
            assertEquals(fp.pPlus(), r.trajectory().last()[4 + j], 1e-6, "mode " + (j + 1));
        }
        assertEquals(CollapseType.NONE, r.verdict().type());
    }
}
