package org.repcollapse.dynamics;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.SmallMatrices;
import org.repcollapse.model.StateLayout;

/**
 * The predictor loss with the head on the sample side only ({@code headLoss: sample}):
 * {@code l_ic = 1/2 |P x_i - [y_c]|^2 + 1/2 |y_c - [x_i]|^2}, the bracket a target (no drive into it
 * with stop-gradient, {@code k = 1 - s}). Per edge, with {@code r = P x_i - y_c}:
 * {@code G_x = P^T r + k (x_i - y_c)}, {@code G_y = (y_c - x_i) - k r}, {@code G_P = r x_i^T}.
 * At a stop-gradient fixed point {@code P x_i = mean_{c in S_i} y_c} and {@code y_c = mean_{i : c in S_i} x_i},
 * so {@code Y P^T = T Y}: the head carries {@code tau_k}, not {@code sqrt(tau_k)} as in the symmetric form
 * (derivation in {@code papers/prevention.md}).
 *
 * <p>Cost {@code O(|E| d^2)} per call; the rows {@code P x_i} live in one buffer, nothing is allocated.
 */
public final class SamplePredictorLoss extends EdgeWalkTerm {

    private final double keep;
    private final double[] r;
    private final double[] dr;
    private final double[] px;

    public SamplePredictorLoss(StateLayout layout, LabelStructure structure, boolean stopGradient) {
        super(withHead(layout), structure);
        this.keep = stopGradient ? 0.0 : 1.0;
        int d = layout.dim();
        r = new double[d];
        dr = new double[d];
        px = new double[d];
    }

    public boolean stopGradient() {
        return keep == 0.0;
    }

    /** {@code P x_i} once per sample, then per edge the residual {@code r = P x_i - y_c} at z and the pass. */
    @Override
    protected double walk(Pass pass, double[] z, double[] v, double[] out) {
        int d = layout.dim();
        double sum = 0;
        for (int i = 0; i < layout.samples(); i++) {
            int x = layout.x(i);
            SmallMatrices.apply(z, layout.p(), z, x, px, 0, d);
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int y = layout.y(classes[e]);
                for (int a = 0; a < d; a++) {
                    r[a] = px[a] - z[y + a];
                }
                switch (pass) {
                    case VALUE -> {
                        for (int a = 0; a < d; a++) {
                            double r2 = z[y + a] - z[x + a];
                            sum += r[a] * r[a] + r2 * r2;
                        }
                    }
                    case DRIVE -> addEdgeDrive(z, x, y, out);
                    case DERIVATIVE -> addEdgeDerivative(z, v, x, y, out);
                }
            }
        }
        return 0.5 * sum;
    }

    /** {@code G_x += P^T r + k (x - y)}, {@code G_y += (y - x) - k r}, {@code G_P += r x^T} of one edge. */
    private void addEdgeDrive(double[] z, int x, int y, double[] g) {
        int d = layout.dim();
        int p = layout.p();
        for (int b = 0; b < d; b++) {
            double s = 0;
            for (int a = 0; a < d; a++) {
                s += z[p + a * d + b] * r[a];
            }
            double u = z[x + b] - z[y + b];
            g[x + b] += s + keep * u;
            g[y + b] += -u - keep * r[b];
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                g[p + a * d + b] += r[a] * z[x + b];
            }
        }
    }

    /**
     * The derivative of one edge's drive along v, from r at z: with {@code dr = dP x + P dx - dy},
     * {@code dG_x = dP^T r + P^T dr + k (dx - dy)}, {@code dG_y = (dy - dx) - k dr}, {@code dG_P = dr x^T + r dx^T}.
     */
    private void addEdgeDerivative(double[] z, double[] v, int x, int y, double[] out) {
        int d = layout.dim();
        int p = layout.p();
        for (int a = 0; a < d; a++) {
            double s = 0;
            for (int b = 0; b < d; b++) {
                s += v[p + a * d + b] * z[x + b] + z[p + a * d + b] * v[x + b];
            }
            dr[a] = s - v[y + a];
        }
        for (int b = 0; b < d; b++) {
            double s = 0;
            for (int a = 0; a < d; a++) {
                s += v[p + a * d + b] * r[a] + z[p + a * d + b] * dr[a];
            }
            double du = v[x + b] - v[y + b];
            out[x + b] += s + keep * du;
            out[y + b] += -du - keep * dr[b];
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                out[p + a * d + b] += dr[a] * z[x + b] + r[a] * v[x + b];
            }
        }
    }
}
