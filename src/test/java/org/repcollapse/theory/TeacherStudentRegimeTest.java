package org.repcollapse.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentLoader;
import org.repcollapse.experiment.Systems;

/** The linear theory of the teacher-student model against the EOM closed forms and its own first-order limit. */
class TeacherStudentRegimeTest {

    static final String BASE = "model: teacher-student\nclasses: 3\ndim: 4\nseed: 3\n";

    static TeacherStudentRegime regime(String... overrides) {
        Experiment e = ExperimentLoader.parse(BASE, "test", "ts", List.of(overrides));
        return Systems.teacherStudentRegime(e);
    }

    @Test
    void withoutPrototypesTheSlowRateTendsToTheEomRateAsDGrows() {
        double[] err = new double[3];
        int[] dims = {48, 768, 12288};
        for (int k = 0; k < dims.length; k++) {
            String[] o = {"samples=12", "teacher.inputDim=" + dims[k], "teacher.prototypeScale=0", "teacher.noise=1",
                "rates.samples=1", "frustration.fraction=0.25"};
            TeacherStudentRegime ts = regime(o);
            Experiment e = ExperimentLoader.parse(BASE, "test", "ts", List.of(o));
            // The EOM with the same label sets and eta_x = eta_W mean|xi|^2 (the correspondence of R9).
            EmbeddingTheory eom = new EmbeddingTheory(Systems.studentLabels(e).training(), ts.eomSampleRate(), 1.0);
            assertTrue(ts.gramDeviation() < 3 * Math.sqrt(12.0 / dims[k]) + 12.0 / dims[k], "Gram deviation");
            err[k] = Math.abs(ts.slowRate() - eom.slowRate()) / eom.slowRate();
        }
        // The student's operator is the EOM's with the sample metric G/s^2 = I + O(sqrt(N/D)): the rate
        // error shrinks with D (a 16x larger D roughly quarters it: measured 18%, 5.3%, 1.4%).
        System.out.println("EOM slow-rate error vs D: " + java.util.Arrays.toString(err));
        assertTrue(err[0] > err[1] && err[1] > err[2], java.util.Arrays.toString(err));
        assertTrue(err[2] < 0.02, java.util.Arrays.toString(err));
    }

    @Test
    void firstOrderSlowRateMatchesTheExactOneForWeakEffectiveFrustration() {
        // phi = 0, N = 150 >> D = 16, sigma = 0.25 << kappa = 1: eps ~ 1e-3 and lambda/eta_W is far below
        // the noise eigenvalues of C, so the expansion of (C - lambda/eta_W)^-1 to first order holds:
        // the neglected terms are O(lambda / (eta_W c_min)) ~ 1e-2 of the rate; 3% leaves margin.
        TeacherStudentRegime ts = regime("samples=150", "teacher.inputDim=16", "teacher.noise=0.25",
                "teacher.prototypeScale=1", "rates.samples=0.05");
        assertEquals(TeacherStudentRegime.Regime.EFFECTIVE_FRUSTRATION, ts.regime());
        System.out.printf("slow rate exact %.6g, first order %.6g, gamma eps %.6g%n", ts.slowRate(), ts.perturbativeSlowRate(), ts.effectiveFrustration()[0]);
        assertEquals(ts.slowRate(), ts.perturbativeSlowRate(), 0.03 * ts.slowRate());
        // and the adiabatic value gamma * eps is an upper bound (the encoder cannot follow instantly)
        assertTrue(ts.slowRate() < ts.effectiveFrustration()[0]);
    }

    @Test
    void regimesFollowTheRulesOfR9() {
        assertEquals(TeacherStudentRegime.Regime.SEPARABLE, regime("samples=30", "teacher.inputDim=40").regime());
        assertEquals(TeacherStudentRegime.Regime.SEPARABLE,
                regime("samples=30", "teacher.inputDim=10", "teacher.noise=0").regime());
        assertEquals(TeacherStudentRegime.Regime.EFFECTIVE_FRUSTRATION,
                regime("samples=30", "teacher.inputDim=10").regime());
        assertEquals(TeacherStudentRegime.Regime.DUPLICATE,
                regime("samples=30", "teacher.inputDim=40", "frustration.fraction=0.1").regime());
        assertEquals(TeacherStudentRegime.Regime.FLIP_MEMORISED, regime("samples=30", "teacher.inputDim=40",
                "frustration.fraction=0.1", "frustration.mode=flip").regime());
        assertEquals(TeacherStudentRegime.Regime.FLIP_COLLAPSE, regime("samples=30", "teacher.inputDim=10",
                "frustration.fraction=0.1", "frustration.mode=flip").regime());
        // The kernel agrees with the rules: explicit pairs {0,1} only leave class 2 apart (cluster
        // collapse, as the EOM's frustration graph predicts) when the student can fit all else.
        TeacherStudentRegime cluster = regime("samples=30", "teacher.inputDim=40", "frustration.fraction=0.1",
                "frustration.pairing=explicit", "frustration.pairs=[[0,1]]");
        assertEquals("cluster", cluster.predictedCollapse());
        assertEquals(List.of(List.of(0, 1), List.of(2)), cluster.predictedClusters());
        assertEquals("none", regime("samples=30", "teacher.inputDim=10", "head=linear", "stopGradient=true")
                .predictedCollapse());
    }
}
