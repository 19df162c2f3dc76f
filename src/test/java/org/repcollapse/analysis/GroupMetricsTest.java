package org.repcollapse.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repcollapse.dynamics.EmbeddingSystem;
import org.repcollapse.model.GroupStatistics;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;

/**
 * Two independent routes to the same numbers: {@link GroupMetrics} from group means and
 * scatters against {@link Metrics} from the individual samples, on a seeded random state with a
 * non-trivial head. Every column that the group statistics determine must agree to rounding
 * (1e-9 relative: sums of ~10^3 products, reassociated); the per-sample ones are NaN.
 */
class GroupMetricsTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void groupStatisticsGiveTheSampleMetrics(boolean head) {
        LabelStructure st = LabelStructure.generate(4, 900, 0.2, Pairing.RANDOM, List.of(),
                new RandomStreams(3).stream(RandomStreams.Purpose.LABELS));
        int d = 6;
        EmbeddingSystem s = new EmbeddingSystem(st, d, head, true,
                new EmbeddingSystem.Parameters(1, 1, 1, 1.0, 1.0, 0.4), new RandomStreams(5));
        double[] z = s.initialState();
        double loss = s.loss(z);
        double[] bySamples = new Metrics(st, d).evaluate(1.0, loss, s.embeddings(z));
        double[] byGroups = new GroupMetrics(d).evaluate(1.0, loss, GroupStatistics.of(st, s.embeddings(z)));
        int[] exact = {Metrics.LOSS, Metrics.MIN_LABEL_DISTANCE, Metrics.MEAN_LABEL_DISTANCE, Metrics.EFFECTIVE_RANK,
            Metrics.MISMATCH, Metrics.DIM_VARIANCE_MIN, Metrics.DIM_VARIANCE_MEAN};
        for (int k : exact) {
            assertEquals(bySamples[k], byGroups[k], 1e-9 * Math.abs(bySamples[k]), "column " + k);
        }
        for (int k = 0; k < d; k++) {
            assertEquals(bySamples[Metrics.COV_EIG_1 + k], byGroups[Metrics.COV_EIG_1 + k],
                    1e-9 * bySamples[Metrics.COV_EIG_1], "cov eigenvalue " + k);
        }
        if (head) {
            assertEquals(bySamples[Metrics.HEAD_EIG_MIN], byGroups[Metrics.HEAD_EIG_MIN], 1e-12);
            assertEquals(bySamples[Metrics.HEAD_EIG_MAX], byGroups[Metrics.HEAD_EIG_MAX], 1e-12);
        }
        assertTrue(Double.isNaN(byGroups[Metrics.ACCURACY]) && Double.isNaN(byGroups[Metrics.ALIGNMENT])
                && Double.isNaN(byGroups[Metrics.UNIFORMITY]));
        assertTrue(bySamples[Metrics.MISMATCH] > 0);
    }
}
