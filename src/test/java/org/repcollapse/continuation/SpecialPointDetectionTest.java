package org.repcollapse.continuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The fold and branch-point detectors of {@link PseudoArclength} on tiny analytic problems with known
 * special points: the saddle-node {@code x' = mu - x^2} (fold at mu = 0, x = 0; x > 0 stable, x < 0
 * unstable), the transcritical {@code x' = lambda x - x^2} on its branch x = 0 (branch point at
 * lambda = 0, where the branch x = lambda crosses it), and the same with a decoupled family
 * {@code (x, w)}, {@code w' = 0}, so that one phase condition is needed (m = 1).
 */
class SpecialPointDetectionTest {

    /** {@code x' = mu - x^2}, exact derivatives. */
    static final class SaddleNode implements ContinuationProblem {
        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public void residual(double[] z, double mu, double[] out) {
            out[0] = mu - z[0] * z[0];
        }

        @Override
        public double[][] jacobian(double[] z, double mu) {
            return new double[][] {{-2 * z[0]}};
        }

        @Override
        public double[] parameterDerivative(double[] z, double mu) {
            return new double[] {1.0};
        }
    }

    /** {@code x' = lambda x - x^2} with (family = true) a neutral second coordinate {@code w' = 0}. */
    static final class Transcritical implements ContinuationProblem {
        final boolean family;

        Transcritical(boolean family) {
            this.family = family;
        }

        @Override
        public int dimension() {
            return family ? 2 : 1;
        }

        @Override
        public void residual(double[] z, double l, double[] out) {
            out[0] = l * z[0] - z[0] * z[0];
            if (family) {
                out[1] = 0.0;
            }
        }

        @Override
        public double[][] jacobian(double[] z, double l) {
            return family ? new double[][] {{l - 2 * z[0], 0}, {0, 0}} : new double[][] {{l - 2 * z[0]}};
        }
    }

    private static PseudoArclength.Settings settings(double from, double to, int steps) {
        return new PseudoArclength.Settings(from, to, steps, 1.0e-13, 12, 1.0e-8);
    }

    /**
     * From (mu, x) = (1, 1) towards mu = -1 the branch turns at the fold and comes back on x < 0,
     * leaving [-1, 1] at mu = 1. The fold is located by bisection on the step to 1e-10 of it, so mu and
     * x at the fold are within 1e-9 (mu ~ x^2: mu to 1e-12 at least, x to the bisection's width).
     */
    @Test
    void foldOfTheSaddleNodeIsFoundAtMuZero() {
        PseudoArclength.Result r = new PseudoArclength(new SaddleNode(), settings(1, -1, 20), m -> { })
                .run(new double[] {1.0}, 1.0);
        List<SpecialPoint> folds = r.events().stream().filter(e -> e.type() == SpecialPoint.Type.FOLD).toList();
        assertEquals(1, folds.size(), r.events().toString());
        assertEquals(0.0, folds.get(0).lambda(), 1.0e-12);
        assertEquals(0.0, folds.get(0).z()[0], 1.0e-6);
        assertTrue(r.events().stream().noneMatch(e -> e.type() == SpecialPoint.Type.BRANCH_POINT),
                "a fold is not a branch point");
        for (BranchPoint p : r.points()) {
            assertEquals(0.0, p.lambda() - p.z()[0] * p.z()[0], 1.0e-13, "on the branch mu = x^2");
            if (Math.abs(p.z()[0]) > 1.0e-3) {
                assertEquals(p.z()[0] > 0 ? 0 : 1, p.spectrum().unstable(1.0e-9), "x > 0 stable, x < 0 unstable");
            }
        }
        BranchPoint end = r.points().get(r.points().size() - 1);
        assertTrue(end.z()[0] < 0, "came back on the unstable half");
    }

    /** On x = 0 from lambda = -1 to 1: one branch point at lambda = 0 (to 1e-9), no fold. */
    @Test
    void transcriticalBranchPointIsFound() {
        for (boolean family : new boolean[] {false, true}) {
            PseudoArclength.Result r = new PseudoArclength(new Transcritical(family), settings(-1, 1, 17), m -> { })
                    .run(family ? new double[] {0.0, 0.3} : new double[] {0.0}, -1.0);
            assertEquals(family ? 1 : 0, r.family(), "family dimension");
            assertTrue(r.reachedEnd(), r.stop());
            List<SpecialPoint> bp = r.events().stream().filter(e -> e.type() == SpecialPoint.Type.BRANCH_POINT).toList();
            assertEquals(1, bp.size(), r.events().toString());
            assertEquals(0.0, bp.get(0).lambda(), 1.0e-9, "family " + family + " " + r.points().stream().map(p -> p.lambda() + ":" + p.borderedSign()).toList());
            assertTrue(r.events().stream().noneMatch(e -> e.type() == SpecialPoint.Type.FOLD));
            if (family) {
                for (BranchPoint p : r.points()) {
                    assertEquals(0.3, p.z()[1], 1.0e-12, "the phase condition keeps w");
                }
            }
        }
    }
}
