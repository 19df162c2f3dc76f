package org.repcollapse.continuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentLoader;

/**
 * The collapsed branch of the stop-gradient head (figure 11, papers/continuation.md "A collapsed branch
 * and its exchange of stability"): every mean and label at e_1 with {@code P = diag(1, p, ..., p)} is a
 * fixed point for every phi, and its separation modes off the data have determinant
 * {@code gamma p^2 (p^2 - tau_1)}: unstable for {@code p^2 < tau_1 = (1 - phi)/(1 + phi)}, stable beyond.
 */
class CollapsedBranchTest {

    /**
     * head-sg with d = 4, p = 0.6, continued in phi from 0.05 to 0.95: the residual is exactly 0 along the
     * branch (the state does not move), one branch point, at phi* = (1 - p^2)/(1 + p^2) = 8/17 to 1e-7 (the
     * bisection's 1e-10 of the step, plus the undecided band of eps ~ 1e-9 of the spectral scale around the
     * crossing, through d tau_1/d phi ~ 1), not stable before it and stable after it; d - 1 = 3 separation
     * modes cross zero together (odd, so the bordered determinant changes sign).
     */
    @Test
    void exchangeOfStabilityAtTheClosedForm() {
        Experiment e = ExperimentLoader.load(Path.of("models/head-sg.yaml"), List.of("dim=4"));
        MeanFieldProblem problem = new MeanFieldProblem(e, "frustration.fraction");
        GroupMeanFlow f = problem.flow(0.05);
        int d = f.dim();
        double p = 0.6;
        double[] z = new double[f.dimension()];
        for (int g = 0; g < f.groups().groups(); g++) {
            z[f.m(g)] = 1;
        }
        for (int c = 0; c < 2; c++) {
            z[f.y(c)] = 1;
        }
        for (int a = 0; a < d; a++) {
            z[f.p() + a * d + a] = a == 0 ? 1 : p;
        }
        PseudoArclength.Result r = new PseudoArclength(problem, new PseudoArclength.Settings(0.05, 0.95, 20, 1.0e-10,
                12, 1.0e-8), m -> { }).run(z, 0.05);
        assertTrue(r.reachedEnd(), r.stop());
        assertEquals(1, r.events().size(), r.events().toString());
        SpecialPoint bp = r.events().get(0);
        assertEquals(SpecialPoint.Type.BRANCH_POINT, bp.type());
        double closed = (1 - p * p) / (1 + p * p);
        assertEquals(closed, bp.lambda(), 1.0e-7);
        for (BranchPoint q : r.points()) {
            assertEquals(0.0, q.residual(), 0.0, "the collapsed state is a fixed point for every phi");
            if (q.event() == null) {
                assertEquals(q.lambda() > closed, BranchReport.stable(q), "phi = " + q.lambda());
            }
        }
    }
}
