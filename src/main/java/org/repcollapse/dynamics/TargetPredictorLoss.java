package org.repcollapse.dynamics;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.SmallMatrices;
import org.repcollapse.model.StateLayout;

/**
 * The head's predictor loss against stop-gradient targets that are EMA copies (BYOL-style,
 * {@code prevention.ema}) and/or centred by a running mean (DINO-style, {@code prevention.centering}).
 * With {@code t(x_i) = xbar_i - c} (or {@code x_i - c} without EMA, or without {@code c} without centring)
 * and {@code t(y_c)} alike, the symmetric form is {@code l_ic = 1/2 |P x_i - t(y_c)|^2 + 1/2 |P y_c - t(x_i)|^2}
 * and the sample form {@code 1/2 |P x_i - t(y_c)|^2 + 1/2 |y_c - t(x_i)|^2}; no drive into a target.
 * The copies follow {@code dzbar/dt = -rho (zbar - z)} and the centre
 * {@code dc/dt = -rho_c (c - m)}, {@code m = (1/2|E|) sum_E (tx_i + ty_c)} the mean of the uncentred targets:
 * their drives {@code zbar - z} and {@code c - m} at the rates of {@link BlockRates}. At a fixed point
 * {@code zbar = z} and {@code c = m} (derivation in {@code papers/prevention.md}).
 *
 * <p>Cost {@code O(|E| d^2)} per call into buffers of size d; nothing is allocated.
 */
public final class TargetPredictorLoss extends EdgeWalkTerm {

    private final boolean symmetric;
    private final boolean ema;
    private final boolean centre;
    private final double edgeCount;
    private final double[] r1;
    private final double[] r2;
    private final double[] d1;
    private final double[] d2;

    public TargetPredictorLoss(StateLayout layout, LabelStructure structure, HeadLoss form) {
        super(withTargets(layout), structure);
        this.edgeCount = structure.edgeCount();
        this.symmetric = form == HeadLoss.SYMMETRIC;
        this.ema = layout.hasTargets();
        this.centre = layout.hasCentre();
        int d = layout.dim();
        r1 = new double[d];
        r2 = new double[d];
        d1 = new double[d];
        d2 = new double[d];
    }

    private static StateLayout withTargets(StateLayout layout) {
        if (!layout.hasHead() || !(layout.hasTargets() || layout.hasCentre())) {
            throw new IllegalArgumentException("EMA or centred targets need a head and their rows in the state");
        }
        return layout;
    }

    /** Offset of the (uncentred) target of sample i. */
    private int tx(int i) {
        return ema ? layout.xTarget(i) : layout.x(i);
    }

    /** Offset of the (uncentred) target of label c. */
    private int ty(int c) {
        return ema ? layout.yTarget(c) : layout.y(c);
    }

    /** {@code out = M u - (t - c)}: M the head (or its direction) at {@code mz}, u at {@code uz[u]}, t at {@code tz[t]}. */
    private void residual(double[] mz, double[] uz, int u, double[] tz, int t, double[] out) {
        int d = layout.dim();
        int p = layout.p();
        int c = layout.hasCentre() ? layout.centre() : -1;
        for (int a = 0; a < d; a++) {
            double s = 0;
            for (int b = 0; b < d; b++) {
                s += mz[p + a * d + b] * uz[u + b];
            }
            out[a] = s - tz[t + a] + (centre ? tz[c + a] : 0.0);
        }
    }

    /** {@code out = y_c - (t - c)} of the sample form, read from {@code z}. */
    private void plainResidual(double[] z, int y, int t, double[] out) {
        int d = layout.dim();
        for (int a = 0; a < d; a++) {
            out[a] = z[y + a] - z[t + a] + (centre ? z[layout.centre() + a] : 0.0);
        }
    }

    /** Per edge the residuals {@code rho_1 = P x_i - t(y_c)} and {@code rho_2} at z into r1, r2, then the pass. */
    @Override
    protected double walk(Pass pass, double[] z, double[] v, double[] out) {
        int d = layout.dim();
        double sum = 0;
        for (int i = 0; i < layout.samples(); i++) {
            int x = layout.x(i);
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int c = classes[e];
                int y = layout.y(c);
                residual(z, z, x, z, ty(c), r1);
                if (symmetric) {
                    residual(z, z, y, z, tx(i), r2);
                } else {
                    plainResidual(z, y, tx(i), r2);
                }
                switch (pass) {
                    case VALUE -> {
                        for (int a = 0; a < d; a++) {
                            sum += r1[a] * r1[a] + r2[a] * r2[a];
                        }
                    }
                    case DRIVE -> addEdgeDrive(z, x, y, out);
                    case DERIVATIVE -> addEdgeDerivative(z, v, x, y, ty(c), tx(i), out);
                }
            }
        }
        return 0.5 * sum;
    }

    @Override
    public void addDrive(double[] z, double[] g) {
        super.addDrive(z, g);
        addStateDrive(z, g);
    }

    /** {@code G_x += P^T rho_1}, {@code G_y += P^T rho_2} (sample form: {@code rho_2}), {@code G_P += rho_1 x^T (+ rho_2 y^T)}. */
    private void addEdgeDrive(double[] z, int x, int y, double[] g) {
        int d = layout.dim();
        int p = layout.p();
        for (int b = 0; b < d; b++) {
            double sx = 0;
            double sy = 0;
            for (int a = 0; a < d; a++) {
                sx += z[p + a * d + b] * r1[a];
                sy += z[p + a * d + b] * r2[a];
            }
            g[x + b] += sx;
            g[y + b] += symmetric ? sy : r2[b];
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                g[p + a * d + b] += r1[a] * z[x + b] + (symmetric ? r2[a] * z[y + b] : 0.0);
            }
        }
    }

    /** The copies' drive {@code zbar - z} and the centre's {@code c - m} (linear: the same form for a direction). */
    private void addStateDrive(double[] z, double[] g) {
        int d = layout.dim();
        if (ema) {
            int n = (layout.samples() + layout.classes()) * d;
            int t0 = layout.xTarget(0);
            for (int k = 0; k < n; k++) {
                g[t0 + k] += z[t0 + k] - z[k];
            }
        }
        if (centre) {
            int c0 = layout.centre();
            double w = 1.0 / (2 * edgeCount);
            for (int a = 0; a < d; a++) {
                double m = 0;
                for (int i = 0; i < layout.samples(); i++) {
                    m += labelCount[i] * z[tx(i) + a];
                }
                for (int c = 0; c < layout.classes(); c++) {
                    m += degree[c] * z[ty(c) + a];
                }
                g[c0 + a] += z[c0 + a] - w * m;
            }
        }
    }

    /**
     * With {@code rho_1 = P x - t(y)}, {@code d rho_1 = dP x + P dx - dt(y)} (and {@code rho_2} alike):
     * {@code dG_x = dP^T rho_1 + P^T d rho_1}, {@code dG_y} alike (sample form: {@code d rho_2}),
     * {@code dG_P = d rho_1 x^T + rho_1 dx^T (+ d rho_2 y^T + rho_2 dy^T)}; the copies' and centre's
     * drives are linear, so their derivative is their drive at the direction.
     */
    @Override
    public void addDriveDerivative(double[] z, double[] v, double[] out) {
        super.addDriveDerivative(z, v, out);
        addStateDrive(v, out);
    }

    /** {@code out += P u}: the head at z, u at {@code v[u]}. */
    private void addHeadTimes(double[] z, double[] v, int u, double[] out) {
        int d = layout.dim();
        for (int a = 0; a < d; a++) {
            out[a] += SmallMatrices.dot(z, layout.p() + a * d, v, u, d);
        }
    }

    /** The derivative of one edge's drive along v, from r1, r2 at z; {@code ty}, {@code tx} the targets' offsets. */
    private void addEdgeDerivative(double[] z, double[] v, int x, int y, int ty, int tx, double[] out) {
        int d = layout.dim();
        int p = layout.p();
        residual(v, z, x, v, ty, d1);          // dP x - dt(y)
        addHeadTimes(z, v, x, d1);
        if (symmetric) {
            residual(v, z, y, v, tx, d2);
            addHeadTimes(z, v, y, d2);
        } else {
            plainResidual(v, y, tx, d2);
        }
        for (int b = 0; b < d; b++) {
            double sx = 0;
            double sy = 0;
            for (int a = 0; a < d; a++) {
                sx += v[p + a * d + b] * r1[a] + z[p + a * d + b] * d1[a];
                sy += v[p + a * d + b] * r2[a] + z[p + a * d + b] * d2[a];
            }
            out[x + b] += sx;
            out[y + b] += symmetric ? sy : d2[b];
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                out[p + a * d + b] += d1[a] * z[x + b] + r1[a] * v[x + b]
                        + (symmetric ? d2[a] * z[y + b] + r2[a] * v[y + b] : 0.0);
            }
        }
    }
}
