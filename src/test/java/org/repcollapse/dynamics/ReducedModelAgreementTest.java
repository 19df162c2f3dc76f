package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.repcollapse.analysis.GroupMetrics;
import org.repcollapse.analysis.HeadSpectrum;
import org.repcollapse.analysis.LabelGeometry;
import org.repcollapse.analysis.Metrics;
import org.repcollapse.model.GroupStatistics;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;

/**
 * R8: the group-reduced model (spec section 4) reproduces the N-sample trajectory of every
 * quantity it carries -- loss, all label distances, head spectrum -- at every recorded time,
 * for N from 10 to 10^4, EOM and head with and without stop-gradient, several seeds.
 *
 * <p>Tolerance: both runs are DOP853 with the same (rtol, atol) but different state vectors, so
 * their step sequences differ and each carries its own global error, of the order of the local
 * tolerance {@code rtol |q| + atol} for these contracting flows. We allow 10 times that, with
 * {@code |q|} the largest magnitude the quantity takes on the run (the scale the error control
 * sees). A wrong reduction (a missing scatter term, a factor |S| or n_S) shows up at O(1).
 */
class ReducedModelAgreementTest {

    static final double RTOL = 1e-9;
    static final double ATOL = 1e-11;

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (int n : new int[] {10, 200, 10_000}) {
            for (long seed : new long[] {1, 2}) {
                list.add(Arguments.of("eom", n, seed, 40.0));
                list.add(Arguments.of("head", n, seed, n >= 10_000 ? 2.0 : 20.0));
                list.add(Arguments.of("head-sg", n, seed, n >= 10_000 ? 2.0 : 20.0));
            }
        }
        return list.stream();
    }

    private static double[] observe(FlowSystem s, double[] z, int classes, int dim) {
        GroupStatistics g = s.groupStatistics(z);
        double[] y = g.labels();
        LabelGeometry geo = new LabelGeometry(y, classes, dim);
        List<Double> q = new ArrayList<>();
        q.add(s.loss(z));
        for (int a = 0; a < classes; a++) {
            for (int b = a + 1; b < classes; b++) {
                q.add(geo.distance(a, b));
            }
        }
        if (g.hasHead()) {
            for (double m : new HeadSpectrum(s.embeddings(z)).moduli()) {
                q.add(m);
            }
        }
        return q.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<double[]> run(FlowSystem s, double[] times, int classes, int dim) {
        List<double[]> rows = new ArrayList<>();
        GridRecorder rec = new GridRecorder(times, (t, z) -> rows.add(observe(s, z, classes, dim)), 1e100);
        (IntegratorMethod.DOP853.create(RTOL, ATOL, times[times.length - 1], 0.01)).integrate(s.ode(), s.initialState(), times[times.length - 1], rec);
        return rows;
    }

    @ParameterizedTest(name = "{0} N={1} seed={2}")
    @MethodSource("cases")
    void reducedMatchesFull(String model, int n, long seed, double tEnd) {
        int classes = 3;
        int dim = 4;
        boolean head = !model.equals("eom");
        boolean sg = model.equals("head-sg");
        LabelStructure st = LabelStructure.generate(classes, n, 0.2, Pairing.ADJACENT, List.of(),
                new RandomStreams(seed).stream(RandomStreams.Purpose.LABELS));
        EmbeddingSystem.Parameters p = new EmbeddingSystem.Parameters(1.0, 0.7, 1.3, 1.0, 1.0, 0.2);
        FlowSystem full = new EmbeddingSystem(st, dim, head, sg, p, new RandomStreams(seed));
        FlowSystem red = ReducedSystem.reduced(st, dim, head, sg, p, new RandomStreams(seed));
        double[] times = org.repcollapse.dynamics.TimeGrid.log(0.01, tEnd, 12);
        List<double[]> a = run(full, times, classes, dim);
        List<double[]> b = run(red, times, classes, dim);
        assertEquals(a.size(), b.size());
        double[] scale = new double[a.get(0).length];
        for (double[] row : a) {
            for (int k = 0; k < row.length; k++) {
                scale[k] = Math.max(scale[k], Math.abs(row[k]));
            }
        }
        for (int r = 0; r < a.size(); r++) {
            for (int k = 0; k < scale.length; k++) {
                double tol = 10 * (RTOL * scale[k] + ATOL);
                assertEquals(a.get(r)[k], b.get(r)[k], tol, "quantity " + k + " at t=" + times[r]);
            }
        }
    }
}
