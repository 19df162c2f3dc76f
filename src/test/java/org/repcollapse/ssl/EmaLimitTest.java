package org.repcollapse.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.repcollapse.model.RandomStreams;

/**
 * BYOL's EMA target tends to SimSiam's as beta -> infinity: {@code W_a - W = -(dW/dt)/beta + O(1/beta^2)},
 * so the trajectories differ by O(1/beta). Independent of the mode reduction: random start, non-identity X.
 */
class EmaLimitTest {

    private static double distance(double beta) {
        LinearSslParameters simSiam = new LinearSslParameters(3, 6, 0.4, 0.05, 1.0, 0.0,
                new double[] {1.8, 1.3, 1.0, 0.7, 0.4, 0.2}, false, 0);
        LinearSslParameters byol = simSiam.withEma(beta);
        double[] z0s = LinearSslStart.random(simSiam, 1.0, 0.5, new RandomStreams(11));
        double[] z0b = LinearSslStart.random(byol, 1.0, 0.5, new RandomStreams(11));
        double[] times = SslIntegration.grid(8.0, 16);
        List<double[]> a = SslIntegration.states(new LinearSslSystem(simSiam), z0s, times, 1e-11);
        List<double[]> b = SslIntegration.states(new LinearSslSystem(byol), z0b, times, 1e-11);
        int shared = simSiam.dim() * simSiam.inputDim() + simSiam.dim() * simSiam.dim();
        double worst = 0;
        for (int i = 0; i < times.length; i++) {
            for (int k = 0; k < shared; k++) {
                worst = Math.max(worst, Math.abs(a.get(i)[k] - b.get(i)[k]));
            }
        }
        return worst;
    }

    /**
     * Doubling beta from 50 to 400 halves the largest difference of (W, W_p) over t in (0, 8] each time
     * (ratio 2 within 10 %: the O(1/beta^2) term is 1/beta of the leading one), and the two starts agree.
     */
    @Test
    void differenceFallsLikeOneOverBeta() {
        double previous = Double.NaN;
        for (double beta : new double[] {50, 100, 200, 400}) {
            double d = distance(beta);
            assertTrue(d > 0 && d < 1, "beta " + beta + ": " + d);
            if (!Double.isNaN(previous)) {
                assertEquals(2.0, previous / d, 0.2, "beta " + beta + ": " + previous + " -> " + d);
            }
            previous = d;
        }
    }
}
