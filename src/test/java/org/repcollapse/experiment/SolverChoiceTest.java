package org.repcollapse.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.repcollapse.analysis.Metrics;

/**
 * The {@code solver} key: full, reduced and mean-field runs through the runner, auto's choice,
 * and bad values. Reduced (auto's choice here) and full are the same trajectory (R8), so every recorded column --
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

    /** auto resolves to reduced here (its right-hand side is cheaper) and gives the full run's metrics. */
    @Test
    void autoChoosesReducedAndItEqualsTheFullRunInEveryColumn() {
        RunResult full = ExperimentRunner.run(load("solver=full"));
        RunResult auto = ExperimentRunner.run(load("solver=auto"));
        assertEquals("full", full.solver());
        assertEquals("reduced", auto.solver());
        assertEquals(full.trajectory().size(), auto.trajectory().size());
        for (int r = 0; r < full.trajectory().size(); r++) {
            double[] a = full.trajectory().rows().get(r);
            double[] b = auto.trajectory().rows().get(r);
            for (int k = 0; k < a.length; k++) {
                if (Double.isNaN(a[k])) {
                    assertTrue(Double.isNaN(b[k]), "column " + k);
                } else {
                    assertEquals(a[k], b[k], 1e-6 * Math.max(1, Math.abs(a[k])), "row " + r + " column " + k);
                }
            }
        }
        assertEquals(full.verdict().type(), auto.verdict().type());
        assertEquals(full.verdict().clusters(), auto.verdict().clusters());
    }

    /**
     * The mean-field solver's t = 0 row against a hand computation from its initial statistics
     * ({@code C_S(0) = n_S s_x^2 I}, s_x = 1): the predictor loss summed over the label sets,
     * {@code 1/2 sum_S sum_{c in S} [n_S |P m_S - y_c|^2 + n_S s_x^2 |P|_F^2 + n_S |P y_c - m_S|^2 + n_S s_x^2 d]}
     * (rounding only: 1e-12 relative); the label and head columns equal the full run's at t = 0 exactly
     * (labels and head come from the same seeded streams); the per-sample columns are NaN.
     */
    @Test
    void meanFieldStartsFromItsClosedFormStatistics() {
        Experiment e = load("solver=mean-field");
        Model m = Models.build(e);
        assertEquals("mean-field", m.system().solver());
        double[] z0 = m.system().initialState();
        java.util.Map<String, double[]> b = m.layout().unpack(z0);
        double[] means = b.get("m");
        double[] y = b.get("y");
        double[] p = b.get("P");
        int d = e.dim();
        double frob = 0;
        for (double v : p) {
            frob += v * v;
        }
        org.repcollapse.model.LabelStructure s = m.system().structure();
        double loss = 0;
        for (int g = 0; g < s.groups().size(); g++) {
            double n = s.groupSize(g);
            for (int c : s.groups().get(g)) {
                double r1 = 0;
                double r2 = 0;
                for (int a = 0; a < d; a++) {
                    double pm = 0;
                    double py = 0;
                    for (int k = 0; k < d; k++) {
                        pm += p[a * d + k] * means[g * d + k];
                        py += p[a * d + k] * y[c * d + k];
                    }
                    r1 += (pm - y[c * d + a]) * (pm - y[c * d + a]);
                    r2 += (py - means[g * d + a]) * (py - means[g * d + a]);
                }
                loss += 0.5 * n * (r1 + frob + r2 + d);
            }
        }
        RunResult mf = ExperimentRunner.run(e, m);
        double[] first = mf.initial();
        assertEquals(loss, first[Metrics.LOSS], 1e-12 * loss);
        Model full = Models.build(load("solver=full"));
        double[] fullFirst = full.row(0.0, full.system().initialState());
        for (int k : new int[] {Metrics.MIN_LABEL_DISTANCE, Metrics.MEAN_LABEL_DISTANCE, Metrics.HEAD_EIG_MIN,
            Metrics.HEAD_EIG_MAX}) {
            assertEquals(fullFirst[k], first[k], 0.0, "column " + k);
        }
        double[] last = mf.trajectory().last();
        assertTrue(Double.isNaN(last[Metrics.ACCURACY]) && Double.isNaN(last[Metrics.ALIGNMENT])
                && Double.isNaN(last[Metrics.UNIFORMITY]));
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
