package org.repcollapse.analysis;

import org.repcollapse.experiment.EmbeddingModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.junit.jupiter.api.Test;
import org.repcollapse.Experiments;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.RunResult;
import org.repcollapse.experiment.Systems;
import org.repcollapse.model.Embeddings;
import org.repcollapse.model.LabelStructure;

/**
 * A run that ends in dimensional collapse: K = 4 unfrustrated classes in d = 6 from a rank-one start
 * (every sample and label on one line u). The EOM flow acts on each coordinate alike (R1:
 * {@code J = -(H (x) I_d)}), so the state never leaves the line: the labels stay apart (4 clusters,
 * no class collapse) while the embeddings span one dimension, effective rank 1 below
 * {@code 1/2 min(K-1, d) = 1.5}.
 */
class DimensionalCollapseTest {

    @Test
    void rankOneStartEndsInDimensionalCollapse() {
        Experiment e = Experiments.of("classes: 4\nsamples: 40\ndim: 6\nfrustration: {fraction: 0}\n"
                + "integrator: {tEnd: 50}\nrecord: {points: 20}\n");
        FlowSystem base = Systems.build(e);
        double[] u = {0.5, -0.5, 0.5, 0.5, 0.0, 0.0};
        double[] z0 = base.initialState();
        int d = 6;
        for (int row = 0; row < z0.length / d; row++) {
            double s = 0;
            for (int a = 0; a < d; a++) {
                s += z0[row * d + a] * u[a];
            }
            for (int a = 0; a < d; a++) {
                z0[row * d + a] = s * u[a];
            }
        }
        RunResult r = ExperimentRunner.run(e, new EmbeddingModel(e, new StartingAt(base, z0)));
        double rank = r.trajectory().last()[Metrics.EFFECTIVE_RANK];
        // the state stays on the line to rounding; sqrt of rounding-level eigenvalues gives ~1e-7
        assertEquals(1.0, rank, 1e-5, "effective rank of a one-dimensional embedding");
        assertEquals(4, r.verdict().clusters().size(), "labels stay apart: no class collapse");
        assertEquals(CollapseType.DIMENSIONAL, r.verdict().type());
        assertTrue(r.trajectory().last()[Metrics.MIN_LABEL_DISTANCE] > 1e-2);
    }

    /** The same system from another initial state. */
    private record StartingAt(FlowSystem base, double[] z0) implements FlowSystem {
        @Override
        public LabelStructure structure() {
            return base.structure();
        }

        @Override
        public int dim() {
            return base.dim();
        }

        @Override
        public OrdinaryDifferentialEquation ode() {
            return base.ode();
        }

        @Override
        public org.repcollapse.model.BlockLayout layout() {
            return base.layout();
        }

        @Override
        public double[] initialState() {
            return z0.clone();
        }

        @Override
        public double loss(double[] z) {
            return base.loss(z);
        }

        @Override
        public Embeddings embeddings(double[] z) {
            return base.embeddings(z);
        }

        @Override
        public long evaluations() {
            return base.evaluations();
        }
    }
}
