package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;
import org.repcollapse.model.StateLayout;

/**
 * The fast full-N right-hand side (blocked, parallel {@link AlignmentLoss} and {@link PredictorLoss}):
 * (1) bit-identical for 1, 2 and 3 threads (fixed block partition, block-order reduction);
 * (2) equal to the spec's per-edge formulas evaluated naively here, to rounding;
 * (3) for a true gradient flow (EOM, head without sg) the drive is the gradient of the loss.
 */
class BlockedDriveTest {

    static final int N = 3000;   // 6 blocks of 512 (the last shorter)
    static final int K = 4;
    static final int D = 5;

    private static EmbeddingSystem system(String model) {
        LabelStructure st = LabelStructure.generate(K, N, 0.15, Pairing.RANDOM, List.of(),
                new RandomStreams(7).stream(RandomStreams.Purpose.LABELS));
        EmbeddingSystem.Parameters p = new EmbeddingSystem.Parameters(1.1, 0.8, 1.7, 1.0, 1.0, 0.3);
        return new EmbeddingSystem(st, D, !model.equals("eom"), model.equals("head-sg"), p, new RandomStreams(11));
    }

    @ParameterizedTest
    @ValueSource(strings = {"eom", "head", "head-sg"})
    void bitIdenticalForAnyThreadCount(String model) {
        EmbeddingSystem s = system(model);
        double[] z = s.initialState();
        double[] one = s.flow().useWorkers(new Workers(1)).derivative(z);
        for (int threads : new int[] {2, 3}) {
            double[] many = s.flow().useWorkers(new Workers(threads)).derivative(z);
            // exact equality: block sums never depend on the schedule
            assertArrayEquals(one, many, 0.0, threads + " threads");
        }
        assertEquals(s.flow().useWorkers(new Workers(1)).loss(z), s.flow().useWorkers(new Workers(3)).loss(z), 0.0);
    }

    /** The spec's equations, edge by edge, with no regrouping. */
    private static double[] naive(EmbeddingSystem s, double[] z, boolean head, double keep) {
        StateLayout l = s.layout();
        LabelStructure st = s.structure();
        int d = l.dim();
        double[] g = new double[z.length];
        double[] px = new double[d];
        double[] py = new double[d];
        for (int e = 0; e < st.edgeCount(); e++) {
            int i = st.edgeSample(e);
            int c = st.edgeClass(e);
            int xi = l.x(i);
            int yc = l.y(c);
            if (!head) {
                for (int k = 0; k < d; k++) {
                    double r = z[xi + k] - z[yc + k];
                    g[xi + k] += r;
                    g[yc + k] -= r;
                }
                continue;
            }
            int p = l.p();
            for (int a = 0; a < d; a++) {
                px[a] = 0;
                py[a] = 0;
                for (int b = 0; b < d; b++) {
                    px[a] += z[p + a * d + b] * z[xi + b];
                    py[a] += z[p + a * d + b] * z[yc + b];
                }
            }
            for (int a = 0; a < d; a++) {
                double r1 = px[a] - z[yc + a];   // P x_i - y_c
                double r2 = py[a] - z[xi + a];   // P y_c - x_i
                for (int b = 0; b < d; b++) {
                    g[xi + b] += z[p + a * d + b] * r1;
                    g[yc + b] += z[p + a * d + b] * r2;
                    g[p + a * d + b] += r1 * z[xi + b] + r2 * z[yc + b];
                }
                g[xi + a] -= keep * r2;
                g[yc + a] -= keep * r1;
            }
        }
        BlockRates rates = new BlockRates(st, 1.1, 0.8, 1.7);
        double[] perCoord = rates.perCoordinate(l);
        for (int k = 0; k < g.length; k++) {
            g[k] *= -perCoord[k];
        }
        return g;
    }

    @ParameterizedTest
    @ValueSource(strings = {"eom", "head", "head-sg"})
    void equalsTheEdgeByEdgeEquations(String model) {
        EmbeddingSystem s = system(model);
        double[] z = s.initialState();
        double[] fast = s.flow().derivative(z);
        double[] ref = naive(s, z, !model.equals("eom"), model.equals("head") ? 1.0 : 0.0);
        double scale = 0;
        for (double v : ref) {
            scale = Math.max(scale, Math.abs(v));
        }
        // regrouped sums of O(N) terms of size O(scale): rounding ~ 1e-16 * N * scale; 1e-11 allows 30x
        for (int k = 0; k < ref.length; k++) {
            assertEquals(ref[k], fast[k], 1e-11 * scale, "coordinate " + k);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"eom", "head"})
    void driveIsTheGradientOfTheLoss(String model) {
        EmbeddingSystem s = system(model);
        double[] z = s.initialState();
        double[] dz = s.flow().derivative(z);
        // dL/dt along the flow = sum_k G_k dz_k = -sum_k R_k G_k^2 < 0; check L(z + h dz) - L(z - h dz) = 2h G.dz
        double[] perCoord = new BlockRates(s.structure(), 1.1, 0.8, 1.7).perCoordinate(s.layout());
        double gdz = 0;
        for (int k = 0; k < dz.length; k++) {
            gdz += (-dz[k] / perCoord[k]) * dz[k];
        }
        double h = 1e-6;
        double[] zp = z.clone();
        double[] zm = z.clone();
        for (int k = 0; k < z.length; k++) {
            zp[k] += h * dz[k];
            zm[k] -= h * dz[k];
        }
        double fd = (s.loss(zp) - s.loss(zm)) / (2 * h);
        // central difference: O(h^2) truncation plus rounding ~ 1e-16 L / h; both far below 1e-5 relative
        assertEquals(gdz, fd, 1e-5 * Math.abs(gdz));
        assertTrue(gdz < 0, "the loss decreases along the flow");
    }
}
