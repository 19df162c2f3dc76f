package org.repcollapse.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repcollapse.dynamics.EmbeddingSystem;
import org.repcollapse.dynamics.GridRecorder;
import org.repcollapse.dynamics.IntegratorMethod;
import org.repcollapse.dynamics.ReducedSystem;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;

/**
 * The reduced solver's metrics row ({@link Metrics#evaluate(double, double, org.repcollapse.model.GroupStatistics,
 * GroupedSamples, GroupAccuracy)}: group statistics, the exact per-group accuracy test, reconstructed
 * subsamples) against the sample route ({@link Metrics#evaluate(double, double, org.repcollapse.model.Embeddings)})
 * on the very same states, with all N samples reconstructed. N = 20000 exceeds
 * {@link Metrics#ALIGNMENT_SAMPLES}, so the alignment subsample is in play. States: t = 0 (random, most
 * samples misclassified: the per-group certificate fails and samples are classified one by one),
 * early and late times of the flow.
 *
 * <p>Tolerances: accuracy is a count and must agree exactly (no sample of these seeded states lies
 * within rounding of a decision boundary); the other columns are the same functions of the state
 * computed by different sums (group statistics against sample sums, {@code a_S + M_S delta_i}
 * against {@code P x_i}): 1e-9 relative, far above rounding of sums of 10^4 terms (~1e-12) and far
 * below any modelling error (a missing scatter or a wrong weight is O(1)).
 */
class GroupedSampleMetricsTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void groupRouteEqualsSampleRouteOnTheSameStates(boolean head) {
        int k = 4;
        int d = 5;
        int n = 20_000;
        LabelStructure st = LabelStructure.generate(k, n, 0.15, Pairing.RANDOM, List.of(),
                new RandomStreams(11).stream(RandomStreams.Purpose.LABELS));
        EmbeddingSystem.Parameters p = new EmbeddingSystem.Parameters(1.0, 0.8, 1.2, 1.0, 0.6, 0.3);
        ReducedSystem r = ReducedSystem.reduced(st, d, head, head, p, new RandomStreams(12));
        double[] times = {0.0, 0.05, 0.3, 3.0};
        List<double[]> states = new ArrayList<>();
        GridRecorder rec = new GridRecorder(times, (t, z) -> states.add(z.clone()), 1e100);
        IntegratorMethod.DOP853.create(1e-10, 1e-12, 3.0, 0.01).integrate(r.ode(), r.initialState(), 3.0, rec);
        assertEquals(times.length, states.size());
        Metrics metrics = new Metrics(st, d);
        assertEquals(10_000, metrics.alignmentSamples().length, "stride 2 over 20000 samples");
        double minAccuracy = 1;
        for (int s = 0; s < states.size(); s++) {
            double[] z = states.get(s);
            double loss = r.loss(z);
            double[] byGroups = metrics.evaluate(times[s], loss, r.groupStatistics(z), r.samples(z), r.groupAccuracy());
            double[] bySamples = metrics.evaluate(times[s], loss, r.embeddings(z));
            assertEquals(bySamples[Metrics.ACCURACY], byGroups[Metrics.ACCURACY], 0.0, "accuracy at t=" + times[s]);
            minAccuracy = Math.min(minAccuracy, bySamples[Metrics.ACCURACY]);
            for (int c = 0; c < byGroups.length; c++) {
                if (c == Metrics.HEAD_EIG_MIN || c == Metrics.HEAD_EIG_MAX) {
                    if (!head) {
                        assertTrue(Double.isNaN(byGroups[c]) && Double.isNaN(bySamples[c]));
                        continue;
                    }
                }
                double scale = c >= Metrics.COV_EIG_1 ? bySamples[Metrics.COV_EIG_1] : Math.abs(bySamples[c]);
                assertEquals(bySamples[c], byGroups[c], 1e-9 * scale, "column " + c + " at t=" + times[s]);
            }
        }
        assertTrue(minAccuracy < 0.6, "the random start misclassifies many samples: " + minAccuracy);
    }

    /**
     * The incremental accuracy test (verdicts kept between recorded times while the tests cannot have
     * moved past a row's slack) on a dense log grid, t = 0.01 .. 30, 120 points, against the per-sample
     * count on the very same states: equal at every time (a count; exact), and the kept verdicts must
     * be used (else the test would not test them). With and without a head.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void keptVerdictsGiveThePerSampleAccuracyAtEveryTime(boolean head) {
        int k = 5;
        int d = 6;
        int n = 6_000;
        LabelStructure st = LabelStructure.generate(k, n, 0.1, Pairing.ADJACENT, List.of(),
                new RandomStreams(21).stream(RandomStreams.Purpose.LABELS));
        EmbeddingSystem.Parameters p = new EmbeddingSystem.Parameters(1.0, 1.0, 1.0, 1.0, 1.0, 0.1);
        ReducedSystem r = ReducedSystem.reduced(st, d, head, head, p, new RandomStreams(22));
        int count = 120;
        double[] times = new double[count];
        for (int s = 0; s < count; s++) {
            times[s] = 0.01 * Math.pow(3000, s / (count - 1.0));
        }
        List<double[]> states = new ArrayList<>();
        GridRecorder rec = new GridRecorder(times, (t, z) -> states.add(z.clone()), 1e100);
        IntegratorMethod.DOP853.create(1e-10, 1e-12, 30.0, 0.01).integrate(r.ode(), r.initialState(), 30.0, rec);
        assertEquals(count, states.size());
        Metrics metrics = new Metrics(st, d);
        GroupAccuracy accuracy = r.groupAccuracy();
        for (int s = 0; s < count; s++) {
            double[] z = states.get(s);
            double byGroups = metrics.evaluate(times[s], 0, r.groupStatistics(z), r.samples(z), accuracy)[Metrics.ACCURACY];
            double bySamples = metrics.evaluate(times[s], 0, r.embeddings(z))[Metrics.ACCURACY];
            assertEquals(bySamples, byGroups, 0.0, "accuracy at t=" + times[s]);
        }
        assertTrue(accuracy.keptVerdicts() > n, "kept verdicts: " + accuracy.keptVerdicts());
    }
}
