package org.repcollapse.dynamics;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;

/**
 * The predictor loss against EMA targets (BYOL-style, {@code prevention.ema}): the stop-gradient
 * targets of the head loss are the copies {@code xbar_i, ybar_c} carried in the state
 * ({@link StateLayout#hasTargets}), not the live embeddings. Symmetric form
 * {@code l_ic = 1/2 |P x_i - ybar_c|^2 + 1/2 |P y_c - xbar_i|^2}, sample form
 * {@code 1/2 |P x_i - ybar_c|^2 + 1/2 |y_c - xbar_i|^2}; no drive into a target. The targets follow
 * {@code dzbar/dt = -rho (zbar - z)}: their drive {@code zbar - z} at the rate {@code rho}
 * ({@link BlockRates#targetRate}). At a fixed point {@code zbar = z}, so the fixed points are the
 * stop-gradient ones (R5) (derivation in {@code papers/prevention.md}).
 *
 * <p>Cost {@code O(|E| d^2)} per call into buffers of size d; nothing is allocated.
 */
public final class EmaTargetLoss implements LinearisedLossTerm {

    private final StateLayout layout;
    private final int[] offsets;
    private final int[] classes;
    private final boolean symmetric;
    private final double[] r1;
    private final double[] r2;
    private final double[] d1;
    private final double[] d2;

    public EmaTargetLoss(StateLayout layout, LabelStructure structure, HeadLoss form) {
        if (!layout.hasHead() || !layout.hasTargets()) {
            throw new IllegalArgumentException("EMA targets need a head and target rows in the state");
        }
        this.layout = layout;
        this.offsets = structure.labelOffsets();
        this.classes = structure.edgeClasses();
        this.symmetric = form == HeadLoss.SYMMETRIC;
        int d = layout.dim();
        r1 = new double[d];
        r2 = new double[d];
        d1 = new double[d];
        d2 = new double[d];
    }

    /** {@code out = P u - t} (or with {@code P} replaced by {@code dP} when {@code mz} is a direction). */
    private void residual(double[] mz, double[] uz, int u, double[] tz, int t, double[] out) {
        int d = layout.dim();
        int p = layout.p();
        for (int a = 0; a < d; a++) {
            double s = 0;
            for (int b = 0; b < d; b++) {
                s += mz[p + a * d + b] * uz[u + b];
            }
            out[a] = s - (tz == null ? 0.0 : tz[t + a]);
        }
    }

    @Override
    public double value(double[] z) {
        int d = layout.dim();
        double sum = 0;
        for (int i = 0; i < layout.samples(); i++) {
            int x = layout.x(i);
            int xb = layout.xTarget(i);
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int c = classes[e];
                residual(z, z, x, z, layout.yTarget(c), r1);
                if (symmetric) {
                    residual(z, z, layout.y(c), z, xb, r2);
                } else {
                    for (int a = 0; a < d; a++) {
                        r2[a] = z[layout.y(c) + a] - z[xb + a];
                    }
                }
                for (int a = 0; a < d; a++) {
                    sum += r1[a] * r1[a] + r2[a] * r2[a];
                }
            }
        }
        return 0.5 * sum;
    }

    @Override
    public void addDrive(double[] z, double[] g) {
        int d = layout.dim();
        int p = layout.p();
        for (int i = 0; i < layout.samples(); i++) {
            int x = layout.x(i);
            int xb = layout.xTarget(i);
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int c = classes[e];
                int y = layout.y(c);
                residual(z, z, x, z, layout.yTarget(c), r1);
                if (symmetric) {
                    residual(z, z, y, z, xb, r2);
                } else {
                    for (int a = 0; a < d; a++) {
                        r2[a] = z[y + a] - z[xb + a];
                    }
                }
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
        }
        // the targets follow the live embeddings: drive zbar - z (rate rho)
        int n = (layout.samples() + layout.classes()) * d;
        int t0 = layout.xTarget(0);
        for (int k = 0; k < n; k++) {
            g[t0 + k] += z[t0 + k] - z[k];
        }
    }

    /**
     * With {@code rho_1 = P x - ybar}, {@code d rho_1 = dP x + P dx - dybar} (and {@code rho_2} alike):
     * {@code dG_x = dP^T rho_1 + P^T d rho_1}, {@code dG_y} alike (sample form: {@code dy - dxbar}),
     * {@code dG_P = d rho_1 x^T + rho_1 dx^T (+ d rho_2 y^T + rho_2 dy^T)}, {@code dG_zbar = dzbar - dz}.
     */
    @Override
    public void addDriveDerivative(double[] z, double[] v, double[] out) {
        int d = layout.dim();
        int p = layout.p();
        for (int i = 0; i < layout.samples(); i++) {
            int x = layout.x(i);
            int xb = layout.xTarget(i);
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int c = classes[e];
                int y = layout.y(c);
                int yb = layout.yTarget(c);
                residual(z, z, x, z, yb, r1);
                residual(v, z, x, null, 0, d1);          // dP x
                for (int a = 0; a < d; a++) {
                    double s = 0;
                    for (int b = 0; b < d; b++) {
                        s += z[p + a * d + b] * v[x + b];
                    }
                    d1[a] += s - v[yb + a];
                }
                if (symmetric) {
                    residual(z, z, y, z, xb, r2);
                    residual(v, z, y, null, 0, d2);
                    for (int a = 0; a < d; a++) {
                        double s = 0;
                        for (int b = 0; b < d; b++) {
                            s += z[p + a * d + b] * v[y + b];
                        }
                        d2[a] += s - v[xb + a];
                    }
                } else {
                    for (int a = 0; a < d; a++) {
                        r2[a] = z[y + a] - z[xb + a];
                        d2[a] = v[y + a] - v[xb + a];
                    }
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
        int n = (layout.samples() + layout.classes()) * d;
        int t0 = layout.xTarget(0);
        for (int k = 0; k < n; k++) {
            out[t0 + k] += v[t0 + k] - v[k];
        }
    }
}
