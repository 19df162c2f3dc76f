package org.repcollapse.fixedpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.repcollapse.dynamics.GridRecorder;
import org.repcollapse.dynamics.TeacherStudentSystem;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentLoader;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.Systems;

/**
 * Fixed points of the teacher-student model without head ({@link LinearFixedPoint}): the exact
 * kernel projection of its linear flow against an independent DOP853 integration, its residual in
 * the full flow, and the family's dimension against R9/R2 (duplicate frustration on a connected
 * frustration graph: one label cluster, ker A of dimension 1; no frustration with N <= D: K).
 */
class LinearFixedPointTest {

    private static Experiment experiment(String file, String... set) {
        return ExperimentLoader.load(Path.of("models/" + file), List.of(set));
    }

    /**
     * ts-duplicate made small and fast (N = 30, D = 60, eta_W = 1): z(inf) has |F| <= 1e-11, and the
     * flow integrated by DOP853 (rtol 1e-10) to T with exp(-lambda_s T) = 1e-9 lies within 1e-6 (of
     * max |z|) of it (the slow mode's remainder 1e-9 plus the integration error).
     */
    @Test
    void kernelProjectionIsWhereTheIntegrationEnds() {
        Experiment e = experiment("ts-duplicate.yaml", "samples=30", "teacher.inputDim=60", "rates.samples=1",
                "integrator.rtol=1e-10", "integrator.atol=1e-12");
        TeacherStudentSystem s = (TeacherStudentSystem) Systems.build(e);
        LinearFixedPoint a = LinearFixedPoint.of(s, 1.0, 1.0e-10);
        assertTrue(a.residual() <= 1.0e-11, "residual " + a.residual());
        assertEquals(FixedPointAnalysis.Verdict.STABLE, a.verdict());
        double t = Math.log(1.0e9) / -a.slowest();
        Experiment run = experiment("ts-duplicate.yaml", "samples=30", "teacher.inputDim=60", "rates.samples=1",
                "integrator.rtol=1e-10", "integrator.atol=1e-12", "integrator.method=dop853", "integrator.tEnd=" + t);
        double[] end = ExperimentRunner.integrator(run, s).integrate(s.ode(), s.initialState(), t,
                new GridRecorder(new double[] {t}, (tt, z) -> { }, ExperimentRunner.BLOW_UP));
        double zmax = 1.0;
        double diff = 0;
        for (int i = 0; i < end.length; i++) {
            zmax = Math.max(zmax, Math.abs(a.point()[i]));
            diff = Math.max(diff, Math.abs(end[i] - a.point()[i]));
        }
        assertTrue(diff <= 1.0e-6 * zmax, "integrated end vs kernel projection: " + diff);
    }

    /**
     * The family is the kernel: d dim ker A + d (D - rank). Duplicate frustration, K = 3 adjacent (a
     * connected frustration graph): dim ker A = 1 (one cluster, the labels coincide: |y_0 - y_1| <= 1e-12
     * of the label scale); no frustration, N <= D: dim ker A = K = 3 (classes apart).
     */
    @Test
    void familyIsTheKernelOfTheOperator() {
        for (String file : new String[] {"ts-duplicate.yaml", "ts-clean.yaml"}) {
            TeacherStudentSystem s = (TeacherStudentSystem) Systems.build(experiment(file));
            LinearFixedPoint a = LinearFixedPoint.of(s, 1000, 1.0e-10);
            int expected = file.equals("ts-clean.yaml") ? 3 : 1;
            assertEquals(expected, a.kernel(), file);
            assertEquals(s.dim() * expected + s.dim() * (a.inputDim() - a.rank()), a.family(), file);
            var em = s.embeddings(a.point());
            double gap = 0;
            double scale = 0;
            for (int k = 0; k < s.dim(); k++) {
                gap = Math.max(gap, Math.abs(em.y(0, k) - em.y(1, k)));
                scale = Math.max(scale, Math.abs(em.y(0, k)));
            }
            if (expected == 1) {
                assertTrue(gap <= 1.0e-12 * scale, file + ": collapsed, gap " + gap);
            } else {
                assertTrue(gap > 0.1 * scale, file + ": apart, gap " + gap);
            }
        }
    }
}
