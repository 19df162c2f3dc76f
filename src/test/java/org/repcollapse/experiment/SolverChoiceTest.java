package org.repcollapse.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.repcollapse.analysis.Metrics;

/**
 * The {@code solver} key: full, reduced and mean-field runs through the runner, auto's choice,
 * and bad values. Reduced and full are the same trajectory (R8), so every recorded column --
 * including the per-sample ones, from the exactly reconstructed samples -- agrees to the
 * integration tolerance (rtol 1e-9, atol 1e-11: 1e-6 absolute on O(1)-O(100) metrics is
 * 10x the accumulated error seen, and far below any modelling difference).
 */
class SolverChoiceTest {

    private static Experiment load(String... overrides) {
        return ExperimentLoader.parse("classes: 3\nsamples: 300\ndim: 4\nfrustration: {fraction: 0.2}\n"
                + "head: linear\nstopGradient: true\nintegrator: {rtol: 1.0e-9, atol: 1.0e-11, tEnd: 30}\n"
                + "record: {points: 20}\n", "test.yaml", "test", List.of(overrides));
    }

    @Test
    void reducedRunEqualsFullRunInEveryColumn() {
        RunResult full = ExperimentRunner.run(load("solver=full"));
        RunResult red = ExperimentRunner.run(load("solver=reduced"));
        assertEquals("full", full.solver());
        assertEquals("reduced", red.solver());
        assertEquals(full.trajectory().size(), red.trajectory().size());
        for (int r = 0; r < full.trajectory().size(); r++) {
            double[] a = full.trajectory().rows().get(r);
            double[] b = red.trajectory().rows().get(r);
            for (int k = 0; k < a.length; k++) {
                if (Double.isNaN(a[k])) {
                    assertTrue(Double.isNaN(b[k]), "column " + k);
                } else {
                    assertEquals(a[k], b[k], 1e-6 * Math.max(1, Math.abs(a[k])), "row " + r + " column " + k);
                }
            }
        }
        assertEquals(full.verdict().type(), red.verdict().type());
    }

    @Test
    void meanFieldReportsGroupMetricsOnly() {
        RunResult mf = ExperimentRunner.run(load("solver=mean-field"));
        assertEquals("mean-field", mf.solver());
        double[] last = mf.trajectory().last();
        assertTrue(Double.isNaN(last[Metrics.ACCURACY]) && Double.isNaN(last[Metrics.UNIFORMITY]));
        assertTrue(Double.isFinite(last[Metrics.LOSS]) && last[Metrics.MIN_LABEL_DISTANCE] > 0);
        assertTrue(Double.isFinite(last[Metrics.HEAD_EIG_MAX]) && Double.isFinite(last[Metrics.EFFECTIVE_RANK]));
    }

    @Test
    void autoPicksTheCheaperExactSolver() {
        Experiment big = load("solver=auto", "samples=10000");
        assertEquals("reduced", Systems.solver(big, Systems.structure(big)));
        assertEquals("reduced", Systems.build(big).solver());
        // K = 2, N = 2, d = 8: two groups, the d^3 propagator costs more than the two samples
        Experiment tiny = ExperimentLoader.parse("classes: 2\nsamples: 2\nsolver: auto\n", "t.yaml", "t", List.of());
        assertEquals("full", Systems.build(tiny).solver());
        assertEquals("full", load().solver(), "default");
    }

    @Test
    void badSolverNamesTheKey() {
        ExperimentException e = assertThrows(ExperimentException.class, () -> load("solver=fast"));
        assertTrue(e.getMessage().contains("solver") && e.getMessage().contains("fast"), e.getMessage());
    }
}
