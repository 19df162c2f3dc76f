package org.repcollapse.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.repcollapse.model.RandomStreams;

/**
 * The full d x D flow from an aligned start (X = I, W_p = U diag(p) U^T, F = U diag(s) U^T, W_a = W) against
 * d independent integrations of the mode flow (X = I, and any diagonal X): the same p_j(t), s_j(t), tau_j(t). Independent routes: the
 * full flow never forms modes; the mode flow never forms matrices.
 */
class ModeReductionTest {

    private static final double[] P0 = {0.8, 0.3, 0.05, -0.2};
    private static final double[] S0 = {0.5, 0.2, 0.02, 0.3};

    /**
     * d = 4, D = 6, sigma^2 = 0.5, eta = 0.1, alpha_p = 1.5, t in (0, 60], rtol 1e-11 for both: every mode
     * variable agrees to 1e-8 (absolute, the variables are O(1); the two integrations' errors are about 1e-10).
     */
    private static void agree(LinearSslParameters p) {
        LinearSslSystem full = new LinearSslSystem(p);
        double[] u = LinearSslStart.basis(p.dim(), new RandomStreams(3).stream(RandomStreams.Purpose.STUDENT, 1));
        double[] z0 = LinearSslStart.aligned(p, P0, S0, u);
        double[] times = SslIntegration.grid(60.0, 40);
        List<double[]> states = SslIntegration.states(full, z0, times, 1e-11);
        ModeSpectrum measure = ModeSpectrum.fixedBasis(full, u);
        for (int j = 0; j < p.dim(); j++) {
            ModeFlow modes = ModeFlow.of(p, p.spectrum()[j]);
            List<double[]> mode = SslIntegration.states(modes, ModeFlow.state(P0[j], S0[j], 1.0), times, 1e-11);
            for (int i = 0; i < times.length; i++) {
                ModeSpectrum.Modes m = measure.measure(states.get(i));
                double[] y = mode.get(i);
                String at = (p.directPred() ? "DirectPred " : "") + "beta " + p.emaRate() + " mode " + j + " t "
                        + times[i];
                assertEquals(modes.p(y), m.p()[j], 1e-8, at + " p");
                assertEquals(y[1], m.s()[j], 1e-8, at + " s");
                if (p.hasTarget() && y[1] > 1e-6) {
                    assertEquals(y[2], m.tau()[j], 1e-6, at + " tau");
                }
            }
        }
    }

    private static LinearSslParameters base() {
        return LinearSslParameters.simSiam(4, 6, 0.5, 0.1, 1.5);
    }

    @Test
    void simSiam() {
        agree(base());
    }

    @Test
    void byolWithEma() {
        agree(base().withEma(0.5));
    }

    @Test
    void directPred() {
        agree(base().withDirectPred(0.1));
    }

    @Test
    void directPredWithEma() {
        agree(base().withEma(0.5).withDirectPred(0.1));
    }

    /** X = diag(lambda): mode j on input coordinate j follows the flow of k = 1 + sigma^2/lambda_j in time lambda_j t. */
    @Test
    void diagonalDataCovariance() {
        double[] lambda = {2.0, 0.7, 1.3, 0.4, 1.0, 3.0};
        agree(base().withSpectrum(lambda));
        agree(base().withSpectrum(lambda).withEma(0.5));
        agree(base().withSpectrum(lambda).withDirectPred(0.1));
    }
}
