package org.repcollapse.theory;

import org.repcollapse.experiment.EmbeddingModel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.repcollapse.Experiments;
import org.repcollapse.analysis.CollapseType;
import org.repcollapse.analysis.LabelGeometry;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.RunResult;
import org.repcollapse.experiment.Systems;

/**
 * R2: each connected component of the frustration graph contracts to one point, so the number of
 * distinct label positions at t -> infinity is the number of components: none, cluster or
 * complete collapse.
 */
class ClusterCollapseTest {

    private static final String BASE = """
            classes: 4
            samples: 80
            dim: 4
            frustration: {fraction: 0.2, pairing: explicit, pairs: [[0,1],[2,3]]}
            integrator: {rtol: 1.0e-10, atol: 1.0e-12, tEnd: 2000}
            record: {points: 60}
            seed: 3
            """;

    @Test
    void twoComponentsGiveTwoClustersAtThePredictedPoints() {
        Experiment e = Experiments.of(BASE);
        FlowSystem sys = Systems.build(e);
        RunResult r = ExperimentRunner.run(e, new EmbeddingModel(e, sys));
        assertEquals(CollapseType.CLUSTER, r.verdict().type());
        assertEquals(List.of(List.of(0, 1), List.of(2, 3)), r.verdict().clusters());
        EmbeddingTheory th = new EmbeddingTheory(sys.structure(), 1.0, 1.0);
        assertEquals(r.verdict().clusters(), th.predictedClusters());
        // the clusters sit where R1 puts them: the rate-weighted mean of each component
        double[] predicted = th.clusterPositions(sys.initialState(), 4);
        double[] y = sys.embeddings(r.finalState()).labels();
        for (int c = 0; c < 4; c++) {
            int comp = c / 2;
            for (int k = 0; k < 4; k++) {
                // slow rate here ~0.08, so at t = 2000 the transient is e^-160: what is left is
                // the integration error, bounded well below 1e-7 at rtol 1e-10
                assertEquals(predicted[comp * 4 + k], y[c * 4 + k], 1e-7);
            }
        }
        // and the two clusters stay at a finite distance
        double between = new LabelGeometry(y, 4, 4).distance(0, 2);
        assertEquals(Math.sqrt(sq(predicted, 0, 1, 4)), between, 1e-7);
    }

    private static double sq(double[] p, int a, int b, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s += (p[a * d + k] - p[b * d + k]) * (p[a * d + k] - p[b * d + k]);
        }
        return s;
    }

    @Test
    void connectedFrustrationGraphCollapsesCompletely() {
        RunResult r = ExperimentRunner.run(Experiments.of(BASE, "frustration.pairing=adjacent", "frustration.pairs=[]"));
        assertEquals(CollapseType.COMPLETE, r.verdict().type());
        assertEquals(1, r.verdict().clusters().size());
    }

    @Test
    void perfectlyClassifiableDataDoNotCollapse() {
        RunResult r = ExperimentRunner.run(Experiments.of(BASE, "frustration.fraction=0.0"));
        assertEquals(CollapseType.NONE, r.verdict().type());
        assertEquals(4, r.verdict().clusters().size());
        // without frustration every class is its own component: no slow mode, no decay
        double[] d = r.trajectory().column("min_label_distance");
        // the separation settles after the fast transient (rate >= 1); from t = 100 to 2000 it
        // moves only by the integration error
        assertEquals(d[d.length - 1], d[d.length - 10], 1e-8);
        assertEquals(0, new EmbeddingTheory(Systems.structure(r.experiment()), 1, 1).slowRates().length);
    }
}
