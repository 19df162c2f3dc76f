package org.repcollapse.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentLoader;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.RunResult;
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

    /**
     * The regime's predicted outcome (from the classification and the kernel of the label operator)
     * against an integration of the same instance: every row of R9's table, run to 40 slow times
     * (exact propagator without a head, so no tolerance enters; the verdict's threshold is 1e-3 of
     * the initial label distance, e^-40 below it) or, with a head, to t = 400 with DOP853.
     */
    @Test
    void predictedOutcomeOfEveryRegimeIsWhatTheIntegrationShows() {
        outcome(TeacherStudentRegime.Regime.SEPARABLE, "none", "samples=30", "teacher.inputDim=40");
        outcome(TeacherStudentRegime.Regime.SEPARABLE, "none", "samples=30", "teacher.inputDim=10", "teacher.noise=0");
        outcome(TeacherStudentRegime.Regime.EFFECTIVE_FRUSTRATION, "complete", "samples=30", "teacher.inputDim=10");
        outcome(TeacherStudentRegime.Regime.DUPLICATE, "complete", "samples=30", "teacher.inputDim=40",
                "frustration.fraction=0.1");
        outcome(TeacherStudentRegime.Regime.FLIP_MEMORISED, "none", "samples=30", "teacher.inputDim=40",
                "frustration.fraction=0.1", "frustration.mode=flip");
        outcome(TeacherStudentRegime.Regime.FLIP_COLLAPSE, "complete", "samples=30", "teacher.inputDim=10",
                "frustration.fraction=0.1", "frustration.mode=flip");
        // explicit pairs {0,1}: class 2 stays apart when the student can fit all else (cluster collapse)
        RunResult cluster = outcome(TeacherStudentRegime.Regime.DUPLICATE, "cluster", "samples=30", "teacher.inputDim=40",
                "frustration.fraction=0.1", "frustration.pairing=explicit", "frustration.pairs=[[0,1]]");
        assertEquals(List.of(List.of(0, 1), List.of(2)), cluster.verdict().clusters());
        // stop-gradient keeps the labels apart even where the student cannot fit the data
        outcome(TeacherStudentRegime.Regime.EFFECTIVE_FRUSTRATION, "none", "samples=30", "teacher.inputDim=10",
                "head=linear", "stopGradient=true");
    }

    /**
     * Asserts the regime and R9's outcome for it ({@code collapse}: none, cluster or complete), then
     * that the theory predicts it and that the integrated instance ends in it.
     */
    private static RunResult outcome(TeacherStudentRegime.Regime expected, String collapse, String... overrides) {
        TeacherStudentRegime th = regime(overrides);
        assertEquals(expected, th.regime(), String.join(" ", overrides));
        assertEquals(collapse, th.predictedCollapse(), String.join(" ", overrides));
        Experiment e = ExperimentLoader.parse(BASE, "test", "ts", List.of(overrides));
        List<String> run = new java.util.ArrayList<>(List.of(overrides));
        if (e.hasHead()) {
            run.addAll(List.of("integrator.method=dop853", "integrator.tEnd=400"));
        } else {
            double rate = th.slowRate() > 0 ? th.slowRate() : 1.0;
            run.addAll(List.of("integrator.method=exact", "integrator.tEnd=" + Math.max(100, 40 / rate)));
        }
        RunResult r = ExperimentRunner.run(ExperimentLoader.parse(BASE, "test", "ts", run));
        assertTrue(r.complete(), String.join(" ", overrides));
        assertEquals(th.predictedCollapse(), r.verdict().type().name().toLowerCase(java.util.Locale.ROOT),
                String.join(" ", overrides) + ": slow rate " + th.slowRate() + ", clusters " + r.verdict().clusters());
        return r;
    }
}
