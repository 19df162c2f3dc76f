package org.repcollapse.dynamics;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;

/**
 * The symmetrised predictor loss of a shared head (spec section 3):
 * {@code l_ic = 1/2 |P x_i - [y_c]|^2 + 1/2 |P y_c - [x_i]|^2}, the bracket a target.
 * With stop-gradient ({@code s = 1}) no drive flows into a target:
 * {@code G_x = sum_c P^T(P x_i - y_c) + (1-s)(x_i - P y_c)}, likewise for {@code y_c},
 * and {@code G_P = sum_E (P x_i - y_c) x_i^T + (P y_c - x_i) y_c^T}.
 *
 * <p>Per call the cost is {@code O(N d^2 + |E| d)}: the per-edge sums are regrouped by sample
 * and by class. Scratch arrays are allocated once; an instance serves one flow at a time.
 */
public final class PredictorLoss implements LossTerm {

    private final StateLayout layout;
    private final int[] offsets;
    private final int[] classes;
    private final int[] degree;
    private final double keep;
    private final double[] px;
    private final double[] py;
    private final double[] xsum;
    private final double[] pxsum;
    private final double[] acc;

    /** @param stopGradient s = 1 when true, s = 0 otherwise */
    public PredictorLoss(StateLayout layout, LabelStructure structure, boolean stopGradient) {
        if (!layout.hasHead()) {
            throw new IllegalArgumentException("the predictor loss needs a head in the state");
        }
        this.layout = layout;
        this.offsets = structure.labelOffsets();
        this.classes = structure.edgeClasses();
        this.degree = new int[layout.classes()];
        for (int c = 0; c < degree.length; c++) {
            degree[c] = structure.classDegree(c);
        }
        this.keep = stopGradient ? 0.0 : 1.0;
        int d = layout.dim();
        px = new double[layout.samples() * d];
        py = new double[layout.classes() * d];
        xsum = new double[layout.classes() * d];
        pxsum = new double[layout.classes() * d];
        acc = new double[d];
    }

    public boolean stopGradient() {
        return keep == 0.0;
    }

    /** out[o..o+d) = P v[v0..v0+d). */
    private static void apply(double[] z, int p, int d, double[] v, int v0, double[] out, int o) {
        for (int a = 0; a < d; a++) {
            int row = p + a * d;
            double s = 0;
            for (int b = 0; b < d; b++) {
                s += z[row + b] * v[v0 + b];
            }
            out[o + a] = s;
        }
    }

    private void project(double[] z) {
        int d = layout.dim();
        int p = layout.p();
        for (int i = 0; i < layout.samples(); i++) {
            apply(z, p, d, z, i * d, px, i * d);
        }
        for (int c = 0; c < layout.classes(); c++) {
            apply(z, p, d, z, layout.y(c), py, c * d);
        }
    }

    @Override
    public double value(double[] z) {
        project(z);
        int d = layout.dim();
        int y0 = layout.y(0);
        double sum = 0;
        for (int i = 0; i < layout.samples(); i++) {
            int xi = i * d;
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int c = classes[e];
                for (int k = 0; k < d; k++) {
                    double a = px[xi + k] - z[y0 + c * d + k];
                    double b = py[c * d + k] - z[xi + k];
                    sum += a * a + b * b;
                }
            }
        }
        return 0.5 * sum;
    }

    @Override
    public void addDrive(double[] z, double[] g) {
        project(z);
        int d = layout.dim();
        int y0 = layout.y(0);
        int p = layout.p();
        java.util.Arrays.fill(xsum, 0.0);
        java.util.Arrays.fill(pxsum, 0.0);
        for (int i = 0; i < layout.samples(); i++) {
            int xi = i * d;
            int m = offsets[i + 1] - offsets[i];
            // acc = sum_c (P x_i - y_c); sample drive (1-s) part: sum_c (x_i - P y_c)
            for (int k = 0; k < d; k++) {
                acc[k] = m * px[xi + k];
            }
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int c = classes[e];
                int yc = y0 + c * d;
                for (int k = 0; k < d; k++) {
                    acc[k] -= z[yc + k];
                    xsum[c * d + k] += z[xi + k];
                    pxsum[c * d + k] += px[xi + k];
                    if (keep != 0.0) {
                        g[xi + k] += keep * (z[xi + k] - py[c * d + k]);
                    }
                }
            }
            // G_x += P^T acc ; G_P += acc x_i^T
            for (int a = 0; a < d; a++) {
                int row = p + a * d;
                double ac = acc[a];
                for (int b = 0; b < d; b++) {
                    g[xi + b] += z[row + b] * ac;
                    g[row + b] += ac * z[xi + b];
                }
            }
        }
        for (int c = 0; c < layout.classes(); c++) {
            int yc = y0 + c * d;
            int n = degree[c];
            // acc = B_c = sum_{i : c in S_i} (P y_c - x_i) = n_c P y_c - xsum_c
            for (int k = 0; k < d; k++) {
                acc[k] = n * py[c * d + k] - xsum[c * d + k];
                if (keep != 0.0) {
                    g[yc + k] += keep * (n * z[yc + k] - pxsum[c * d + k]);
                }
            }
            for (int a = 0; a < d; a++) {
                int row = p + a * d;
                double ac = acc[a];
                for (int b = 0; b < d; b++) {
                    g[yc + b] += z[row + b] * ac;
                    g[row + b] += ac * z[yc + b];
                }
            }
        }
    }
}
