package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;

/**
 * The head drive of {@link PredictorLoss} against the equations of spec section 3, by two
 * independent routes: s = 0 is an ordinary loss, so its drive is the gradient of the loss
 * (checked by central differences); s = 1 is checked against the per-edge formula written out.
 */
class PredictorLossTest {

    private static final int D = 3;

    private static double[] state(EmbeddingSystem sys) {
        // the seeded initial state, pushed away from P = I so that every term is exercised
        double[] z = sys.initialState();
        int p = sys.layout().p();
        for (int k = 0; k < D * D; k++) {
            z[p + k] += 0.3 * Math.sin(1.7 * k + 0.4);
        }
        return z;
    }

    @Test
    void withoutStopGradientTheDriveIsTheGradientOfTheLoss() {
        LabelStructure s = HeadFixtures.chain4(14, 0.3);
        EmbeddingSystem sys = HeadFixtures.head(s, D, false, 3);
        PredictorLoss loss = (PredictorLoss) sys.flow().terms().get(0);
        double[] z = state(sys);
        double[] g = new double[z.length];
        loss.addDrive(z, g);
        double max = 0;
        double worst = 0;
        for (int k = 0; k < z.length; k++) {
            double h = 1e-5;
            double[] w = z.clone();
            w[k] += h;
            double up = loss.value(w);
            w[k] -= 2 * h;
            double down = loss.value(w);
            double fd = (up - down) / (2 * h);
            worst = Math.max(worst, Math.abs(fd - g[k]));
            max = Math.max(max, Math.abs(g[k]));
        }
        // central differences: truncation h^2 * (third derivative ~ 10) ~ 1e-9, rounding
        // eps * L / h ~ 1e-16 * 1e2 / 1e-5 = 1e-9; 1e-7 of the drive scale leaves room for both
        assertTrue(worst <= 1e-7 * max, "max |G - grad L| = " + worst + " (scale " + max + ")");
    }

    @Test
    void withStopGradientTheDriveIsThePerEdgeFormula() {
        LabelStructure s = HeadFixtures.chain4(14, 0.3);
        EmbeddingSystem sys = HeadFixtures.head(s, D, true, 5);
        StateLayout l = sys.layout();
        double[] z = state(sys);
        double[] g = new double[z.length];
        ((PredictorLoss) sys.flow().terms().get(0)).addDrive(z, g);
        double[] ref = new double[z.length];
        int p = l.p();
        for (int i = 0; i < s.samples(); i++) {
            for (int c : s.labelSet(i)) {
                double[] rx = new double[D];  // P x_i - y_c
                double[] ry = new double[D];  // P y_c - x_i
                for (int a = 0; a < D; a++) {
                    rx[a] = -z[l.y(c) + a];
                    ry[a] = -z[l.x(i) + a];
                    for (int b = 0; b < D; b++) {
                        rx[a] += z[p + a * D + b] * z[l.x(i) + b];
                        ry[a] += z[p + a * D + b] * z[l.y(c) + b];
                    }
                }
                for (int a = 0; a < D; a++) {
                    for (int b = 0; b < D; b++) {
                        ref[l.x(i) + b] += z[p + a * D + b] * rx[a];   // P^T (P x_i - y_c)
                        ref[l.y(c) + b] += z[p + a * D + b] * ry[a];   // P^T (P y_c - x_i)
                        ref[p + a * D + b] += rx[a] * z[l.x(i) + b] + ry[a] * z[l.y(c) + b];
                    }
                }
            }
        }
        double max = 0;
        for (int k = 0; k < z.length; k++) {
            max = Math.max(max, Math.abs(ref[k]));
        }
        for (int k = 0; k < z.length; k++) {
            // same sums in a different order: rounding only, 1e-12 of the scale
            assertEquals(ref[k], g[k], 1e-12 * max, "component " + k);
        }
        // and the sg drive is not the gradient: the (1-s) terms are absent, so they must differ
        double[] full = new double[z.length];
        ((PredictorLoss) HeadFixtures.head(s, D, false, 5).flow().terms().get(0)).addDrive(z, full);
        double diff = 0;
        for (int k = 0; k < z.length; k++) {
            diff = Math.max(diff, Math.abs(full[k] - g[k]));
        }
        assertTrue(diff > 1e-3 * max, "stop-gradient drive equals the gradient");
    }
}
